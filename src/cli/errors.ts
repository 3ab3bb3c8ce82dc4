/** A command used wrongly (options that contradict each other or name nothing): exit code 2. */
export class UsageError extends Error {}
