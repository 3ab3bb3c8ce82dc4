/** A command used wrongly (options that contradict each other or name nothing): exit code 2. Raised by the application layer too. */
export { UsageError } from '../app/errors.js';
