/**
 * The last line of `run`, `optimise` and `report`: every file written and where, so a planner
 * (or a script) knows what to open without listing the directory. It is the result, not
 * progress, so it goes to stdout and `--quiet` keeps it.
 */
export function writtenFilesLine(directory: string, files: readonly string[]): string {
  return `wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${directory} (${files.join(', ')})\n`;
}
