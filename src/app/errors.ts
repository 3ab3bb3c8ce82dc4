/**
 * A request used wrongly: choices that contradict each other or name nothing. The command line
 * exits 2 with it (its messages name the command's options); the team server answers 400.
 */
export class UsageError extends Error {}
