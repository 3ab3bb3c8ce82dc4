/**
 * `npm start`: serves the built web app on localhost and prints its address.
 * PORT chooses the port (default 5173; 0 for any free one).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './staticServer.js';

const root = fileURLToPath(new URL('../web/', import.meta.url));
if (!existsSync(`${root}index.html`)) {
  process.stderr.write(`error: ${root}index.html is missing: run npm run build first\n`);
  process.exit(1);
}
const port = process.env.PORT === undefined ? 5173 : Number(process.env.PORT);
try {
  const server = await startStaticServer(root, port);
  process.stdout.write(`Pathflow is running at ${server.url}  (Ctrl+C to stop)\n`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  process.stderr.write(code === 'EADDRINUSE' ? `error: port ${port} is in use: set PORT to another port, e.g. PORT=5174 npm start\n` : `error: ${String(error)}\n`);
  process.exit(1);
}
