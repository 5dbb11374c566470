/**
 * npm run admin:create -- --username NAME
 *
 * Creates an admin user. The password comes from ADMIN_PASSWORD or, failing that, from the first
 * line of stdin (typed or piped; it is not hidden while typed). The database is DATABASE_URL
 * when set, else the embedded PGlite under DATA_DIR (default ./data); it is migrated first.
 *
 * Exit codes: 0 created, 1 refused (the username exists) or failed, 2 bad input.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Password, Username } from '@shared/domain/user';
import { hashPassword } from '../auth/passwords';
import { migrateToLatest, openDatabase } from '../db/database';
import { ensureDepartments } from '../departments/seedDepartments';

const USAGE = 'usage: admin:create --username NAME   (password from ADMIN_PASSWORD or stdin)';

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function parseUsername(argv: string[]): string {
  let values: { username?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { username: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new CliError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
  if (values.help) throw new CliError(USAGE, 0);
  if (values.username === undefined) throw new CliError(`--username is required\n${USAGE}`, 2);
  const parsed = Username.safeParse(values.username);
  if (!parsed.success) {
    throw new CliError(
      `invalid username "${values.username}": ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      2,
    );
  }
  return parsed.data;
}

async function readFirstLine(input: NodeJS.ReadableStream, prompt: boolean): Promise<string> {
  if (prompt) process.stderr.write('Password for the new admin: ');
  const rl = readline.createInterface({ input, terminal: false });
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
    return '';
  } finally {
    rl.close();
  }
}

async function readPassword(): Promise<string> {
  const raw =
    process.env.ADMIN_PASSWORD ?? (await readFirstLine(process.stdin, process.stdin.isTTY === true));
  const parsed = Password.safeParse(raw);
  if (!parsed.success) {
    throw new CliError(`invalid password: ${parsed.error.issues.map((i) => i.message).join('; ')}`, 2);
  }
  return parsed.data;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === '23505';
}

async function main(): Promise<void> {
  const username = parseUsername(process.argv.slice(2));
  const password = await readPassword();

  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = path.resolve(process.env.DATA_DIR || './data');
  const handle = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 1 } : { dataDir });
  try {
    await migrateToLatest(handle.db);
    await ensureDepartments(handle.db);
    const taken = await handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (taken) throw new CliError(`refused: a user named "${username}" already exists`, 1);

    const id = randomUUID();
    try {
      await handle.db
        .insertInto('users')
        .values({
          id,
          username,
          display_name: username,
          role: 'admin',
          unit_id: null,
          department_id: null,
          password_hash: await hashPassword(password),
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new CliError(`refused: a user named "${username}" already exists`, 1);
      throw err;
    }
    process.stdout.write(
      `created admin "${username}" (${id}) in ${databaseUrl ? 'the database at DATABASE_URL' : dataDir}\n`,
    );
  } finally {
    await handle.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof CliError) {
      (err.exitCode === 0 ? process.stdout : process.stderr).write(`${err.message}\n`);
      process.exit(err.exitCode);
    }
    process.stderr.write(`admin:create failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
