/**
 * The workbook size limit on its own, so that a command that never reads a workbook (`pathflow
 * import-pathsimr`) can show the option's default without loading the reader.
 */

/** Workbooks larger than this are refused before any parsing. */
export const DEFAULT_MAX_WORKBOOK_BYTES = 25 * 1024 * 1024;
