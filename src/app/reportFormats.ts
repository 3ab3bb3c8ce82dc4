/**
 * The report formats and their file names, apart from the report use case so that a shell can
 * parse its options without loading the report builders.
 */
export const REPORT_FORMATS = ['html', 'pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reportFileName = (format: ReportFormat) => `report.${format}`;
