/**
 * Where a PathSimR input is wrong: the file, its row (the line number, the header being row 1)
 * and the column, in one line an analyst can act on, e.g.
 * `network.csv row 4, column "serv_dist_param": lnorm needs 2 parameters (meanlog;sdlog), got 1`.
 */

export interface PathsimrProblem {
  file: string;
  /** Absent for a problem with the file as a whole. */
  row?: number;
  column?: string;
  message: string;
}

export function formatProblem(problem: PathsimrProblem): string {
  const at = [problem.row === undefined ? '' : ` row ${problem.row}`, problem.column === undefined ? '' : `${problem.row === undefined ? '' : ','} column ${JSON.stringify(problem.column)}`].join('');
  return `${problem.file}${at}: ${problem.message}`;
}

/** Collects problems in one file. */
export class ProblemList {
  readonly problems: PathsimrProblem[] = [];
  constructor(readonly file: string) {}
  add(row: number | undefined, column: string | undefined, message: string): void {
    this.problems.push({ file: this.file, row, column, message });
  }
}
