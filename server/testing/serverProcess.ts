import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './redisServer';
import { DEMO_DEVICE_KEY, DEMO_PASSWORD } from './testRuntime';

const root = path.resolve(import.meta.dirname, '../..');

/** A real Shieldline server process (tsx server/main.ts), for tests that kill it or run several. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private stderr = '';

  /** Push keys and uploads go here unless the test names a DATA_DIR: never the checkout's ./data. */
  private readonly ownDataDir: string | null;

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.ownDataDir = env.DATA_DIR
      ? null
      : path.join(os.tmpdir(), `shieldline-server-${process.pid}-${port}`);
  }

  static async start(env: Record<string, string>): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort(), env);
    await server.spawn();
    return server;
  }

  /** What the process wrote to stderr since it last started (warnings and errors). */
  log(): string {
    return this.stderr;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async spawn(): Promise<void> {
    this.stderr = '';
    // Node itself with tsx as a loader, not the tsx CLI: the CLI runs the server as a grandchild,
    // which a SIGKILL to the child would leave running (and still answering on the port).
    this.child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DEMO: '1',
        DEMO_PASSWORD,
        DEMO_DEVICE_KEY,
        REDIS_AUTOSTART: '0',
        ...(this.ownDataDir ? { DATA_DIR: this.ownDataDir } : {}),
        // Test databases come and go; anchoring their heads would only litter DATA_DIR.
        AUDIT_ANCHOR_INTERVAL_S: '0',
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    // Start-up (migrations, demo logins hashed with argon2) is slow on two busy cores; not a timing assertion.
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`server exited early: ${this.stderr}`);
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server did not come up: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    }
    if (this.ownDataDir) fs.rmSync(this.ownDataDir, { recursive: true, force: true });
  }
}
