/**
 * The static server alone in a child process, so a test can measure its memory: started on
 * the root given as the first argument; answers 'rss' with its peak resident set size so
 * far, in bytes, and 'close' by closing and exiting.
 */
import { startStaticServer } from '../../src/server/staticServer.js';

const server = await startStaticServer(process.argv[2]);
process.send!({ port: server.port });
process.on('message', (message) => {
  if (message === 'rss') process.send!({ peakRss: process.resourceUsage().maxRSS * 1024 });
  if (message === 'close') void server.close().then(() => process.exit(0));
});
