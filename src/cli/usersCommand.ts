/**
 * `pathflow users`: an admin at the server's command line adds people (the first admin
 * above all, before anyone can sign in), makes API tokens for scripts, and disables or
 * re-enables accounts. It opens the database `pathflow serve` uses: DATABASE_URL, else
 * --database, else pathflow.db in the current directory. The server modules are loaded
 * only when a users command runs, so other commands start as fast as before.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from './errors.js';
import { DEFAULT_DATABASE_FILE } from './serveCommand.js';
import type { Role } from '../server/storage/tables.js';
import type { ServerDatabase } from '../server/storage/database.js';

/** Long enough for three random words; a standalone server's accounts face the internet. */
export const MIN_PASSWORD_LENGTH = 12;

const ROLE_CHOICES: Role[] = ['viewer', 'editor', 'admin'];

/** As `pathflow serve` chooses: DATABASE_URL (PostgreSQL) wins, then --database, then pathflow.db here. */
export function databaseLocation(option: string | undefined, env: Record<string, string | undefined>): string {
  const url = env.DATABASE_URL?.trim() || undefined;
  if (url && !/^postgres(ql)?:\/\//i.test(url)) throw new UsageError(`DATABASE_URL must be a postgres:// address (for a SQLite file use --database <file>)`);
  if (url && option && option !== url) process.stderr.write('note: DATABASE_URL is set, so it is used and --database is not\n');
  return url ?? option ?? DEFAULT_DATABASE_FILE;
}

function emailArgument(text: string): string {
  const email = text.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new InvalidArgumentError(`'${text}' is not an email address`);
  return email;
}

async function withDatabase<T>(option: string | undefined, work: (database: ServerDatabase) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('../server/storage/database.js');
  const database = await openDatabase(databaseLocation(option, process.env));
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Reads a line from the terminal without showing what is typed. */
async function promptHidden(question: string): Promise<string> {
  const { createInterface } = await import('node:readline');
  const { Writable } = await import('node:stream');
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, done) {
      if (!muted) process.stderr.write(chunk, encoding);
      done();
    },
  });
  const lines = createInterface({ input: process.stdin, output, terminal: true });
  process.stderr.write(question);
  muted = true;
  try {
    return await new Promise<string>((resolve) => lines.question('', resolve));
  } finally {
    lines.close();
    process.stderr.write('\n');
  }
}

async function newPassword(email: string): Promise<string> {
  // Empty counts as unset: `PATHFLOW_PASSWORD= pathflow users add ...` should ask, not fail on length.
  let password = process.env.PATHFLOW_PASSWORD || undefined;
  if (password === undefined) {
    if (!process.stdin.isTTY) throw new UsageError(`no password for ${email}: set PATHFLOW_PASSWORD, run this in a terminal to be asked, or give --no-password for an account that signs in only with your organisation's sign-in`);
    password = await promptHidden(`password for ${email}: `);
    if ((await promptHidden('the same password again: ')) !== password) throw new UsageError('the two passwords differ; nothing was changed');
  }
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters (three random words make a good one); nothing was changed`);
  return password;
}

interface AddOptions {
  name?: string;
  workspace?: string;
  role?: Role;
  password: boolean;
  database?: string;
}

async function addUser(email: string, options: AddOptions): Promise<string> {
  if (options.role && !options.workspace) throw new UsageError('--role needs --workspace: a role is held in a workspace');
  const password = options.password ? await newPassword(email) : undefined;
  const { addOrUpdateUser } = await import('../server/auth/userAdmin.js');
  return withDatabase(options.database, async (database) => {
    const done = await addOrUpdateUser(database.db, { email, displayName: options.name, password, workspace: options.workspace, role: options.role ?? 'viewer' });
    const who = `${done.created ? 'added' : 'updated'} ${email}${options.name ? ` (${options.name})` : ''}`;
    const where = options.workspace ? `; ${options.role ?? 'viewer'} in workspace '${options.workspace}'${done.workspaceCreated ? ' (created)' : ''}` : '';
    return `${who}${where}\n`;
  });
}

async function makeToken(email: string, options: { name: string; database?: string }): Promise<string> {
  const { tokenForEmail } = await import('../server/auth/userAdmin.js');
  const token = await withDatabase(options.database, (database) => tokenForEmail(database.db, email, options.name));
  if (!token) throw new UsageError(`there is no user ${email}: add them first with pathflow users add`);
  process.stderr.write(`an API token for ${email}, shown this once (the server keeps only a hash): send it as Authorization: Bearer <token>\n`);
  return `${token}\n`;
}

async function setEnabled(email: string, options: { database?: string }, enabled: boolean): Promise<string> {
  const { setEnabledByEmail } = await import('../server/auth/userAdmin.js');
  const found = await withDatabase(options.database, (database) => setEnabledByEmail(database.db, email, enabled));
  if (!found) throw new UsageError(`there is no user ${email}`);
  return enabled ? `${email} can sign in again\n` : `${email} is disabled: their sessions and API tokens stop working now\n`;
}

const databaseOption = () => new Option('--database <file or url>', 'the SQLite file or postgres:// URL, as for pathflow serve (DATABASE_URL wins; default: pathflow.db here)');

/** Added with program.command() so the subcommands inherit the program's settings (exitOverride: exit code 2 for bad input). */
export function addUsersCommand(program: Command): void {
  const users = program.command('users').description("accounts on a team server (pathflow serve): add people, make API tokens, disable accounts (see docs/server-auth.md)");
  users
    .command('add')
    .description('add a person, or update one: password from PATHFLOW_PASSWORD, else asked for; optionally a role in a workspace (made if missing)')
    .argument('<email>', 'their email address, which is also how they sign in', emailArgument)
    .option('--name <name>', 'their name as others see it (default: the email)')
    .option('--workspace <name>', 'a workspace to give them a role in; made when there is none of that name')
    .addOption(new Option('--role <role>', 'their role in --workspace (default: viewer)').choices(ROLE_CHOICES))
    .option('--no-password', "no local password: they sign in only with your organisation's sign-in (OpenID Connect)")
    .addOption(databaseOption())
    .action(async (email: string, options: AddOptions) => {
      process.stdout.write(await addUser(email, options));
    });
  users
    .command('token')
    .description('make an API token for a script acting as this person; printed once')
    .argument('<email>', 'whose token it is', emailArgument)
    .requiredOption('--name <name>', 'what the token is for, e.g. "nightly refresh"')
    .addOption(databaseOption())
    .action(async (email: string, options: { name: string; database?: string }) => {
      process.stdout.write(await makeToken(email, options));
    });
  users
    .command('disable')
    .description('stop a person signing in; their sessions and tokens stop working at once')
    .argument('<email>', 'whose account', emailArgument)
    .addOption(databaseOption())
    .action(async (email: string, options: { database?: string }) => {
      process.stdout.write(await setEnabled(email, options, false));
    });
  users
    .command('enable')
    .description('let a disabled person sign in again')
    .argument('<email>', 'whose account', emailArgument)
    .addOption(databaseOption())
    .action(async (email: string, options: { database?: string }) => {
      process.stdout.write(await setEnabled(email, options, true));
    });
}
