/** The CLI's commands import the version from here; it lives in src/version.ts, shared with the server. */
export { PATHFLOW_VERSION } from '../version.js';
