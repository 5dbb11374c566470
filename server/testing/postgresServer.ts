import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './redisServer';

/** Debian keeps the server binaries off PATH, one folder per major version. */
function binary(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const candidate = path.join(root, v, 'bin', name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return name;
}

/** initdb and postgres refuse to run as root: run them as the postgres user then. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/**
 * A private PostgreSQL cluster on a spare port, for tests that restart the database: the
 * shared server at 5432 is never touched. Trust auth for `postgres`, data in a temporary folder.
 */
export class TestPostgresServer {
  private child: ChildProcess | null = null;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-pg-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<TestPostgresServer> {
    const server = new TestPostgresServer(await freePort());
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', server.dir]);
    const [cmd, args] = asPostgres(binary('initdb'), [
      '-D',
      server.dir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
    ]);
    execFileSync(cmd, args, { stdio: 'ignore' });
    await server.up();
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async up(): Promise<void> {
    const [cmd, args] = asPostgres(binary('postgres'), [
      '-D',
      this.dir,
      '-p',
      String(this.port),
      '-k',
      this.dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
    ]);
    this.child = spawn(cmd, args, { stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const client = new pg.Client({ connectionString: this.url });
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => {});
      }
      if (Date.now() > deadline) throw new Error('private postgres did not come up');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** An immediate shutdown (SIGQUIT): connections are cut as in a crash, and recovery runs on start. */
  async down(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    // The postmaster itself, not runuser (which does not pass SIGQUIT on).
    const pidFile = path.join(this.dir, 'postmaster.pid');
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGQUIT');
    await exited;
    const deadline = Date.now() + 30_000;
    while (fs.existsSync(pidFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }

  async stop(): Promise<void> {
    await this.down();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
