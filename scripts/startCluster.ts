/**
 * npm run start:cluster — the production topology on one machine, without Docker: on
 * PostgreSQL (DATABASE_URL, required) and Redis (REDIS_URL), CLUSTER_WEB web processes
 * (ROLE=web: API, consoles, relay), CLUSTER_INGEST position-ingest processes (ROLE=ingest),
 * CLUSTER_WORKERS worker processes (ROLE=worker), and HAProxy on PORT in front of them
 * (scripts/haproxyConfig.ts; HAPROXY_BIN, default `haproxy` on the PATH or /usr/sbin/haproxy).
 * docker-compose.yml runs the same processes; see docs/DEPLOYMENT.md. Every other setting
 * (DEMO, REDIS_PREFIX, …) passes through to each process.
 *
 * When started with an IPC channel (the bench), it sends { type: 'cluster', url, processes }
 * (role, port and pid of each, the balancer's included) once the balancer answers /healthz.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Backend, findHaproxy, haproxyConfig } from './haproxyConfig';

const root = path.resolve(import.meta.dirname, '..');
const count = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};

const WEB = Math.max(1, count('CLUSTER_WEB', 2));
const INGEST = count('CLUSTER_INGEST', 1);
const WORKERS = Math.max(1, count('CLUSTER_WORKERS', 1));
const PORT = count('PORT', 8080);
const BASE_PORT = count('CLUSTER_BASE_PORT', PORT + 1);
const HOST = process.env.HOST ?? '127.0.0.1';
/** A loaded machine starts a process (tsx, migrations check, argon2 for demo users) slowly. */
const START_TIMEOUT_S = count('CLUSTER_START_TIMEOUT_S', 300);

if (!process.env.DATABASE_URL) {
  process.stderr.write(
    'start:cluster needs DATABASE_URL (PostgreSQL): PGlite has one connection and serves one process.\n',
  );
  process.exit(2);
}

type Role = 'web' | 'ingest' | 'worker' | 'balancer';
const children: ChildProcess[] = [];
const started: Array<{ role: Role; port: number; pid: number }> = [];
const log = (message: string) => process.stderr.write(`[cluster] ${message}\n`);

// Checked before any process starts, so a missing balancer fails fast.
const HAPROXY =
  findHaproxy() ??
  (() => {
    process.stderr.write(
      'start:cluster needs HAProxy in front of its processes: apt-get install haproxy (or set HAPROXY_BIN).\n',
    );
    process.exit(2);
  })();
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-cluster-'));

function watch(child: ChildProcess, role: Role, port: number): void {
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${role} on ${port} exited (${signal ?? code}); stopping the cluster`);
      void stop(1);
    }
  });
  children.push(child);
  started.push({ role, port, pid: child.pid ?? 0 });
}

function startProcess(role: Exclude<Role, 'balancer'>, port: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ROLE: role,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_AUTOSTART: '0',
      // One simulator at most, in the first web process.
      SIMULATE: role === 'web' && port === BASE_PORT ? (process.env.SIMULATE ?? '1') : '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  watch(child, role, port);
  return child;
}

function startBalancer(web: Backend[], ingest: Backend[]): ChildProcess {
  const file = path.join(configDir, 'haproxy.cfg');
  fs.writeFileSync(file, haproxyConfig({ bind: `${HOST}:${PORT}`, web, ingest }));
  // -db: stay in the foreground, so this script owns it like the other processes.
  const child = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'inherit', 'inherit'] });
  watch(child, 'balancer', PORT);
  return child;
}

async function healthy(port: number, child: ChildProcess, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_S * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process on ${port} exited during start`);
    try {
      if ((await fetch(`http://${host}:${port}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`process on ${port} not healthy in ${START_TIMEOUT_S} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let stopping = false;
async function stop(code: number): Promise<never> {
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  fs.rmSync(configDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
// Started by a bench that has gone away: take the processes down with it.
process.on('disconnect', () => void stop(0));

async function main(): Promise<void> {
  const web: Backend[] = Array.from({ length: WEB }, (_, i) => ({ host: '127.0.0.1', port: BASE_PORT + i }));
  const ingest: Backend[] = Array.from({ length: INGEST }, (_, i) => ({
    host: '127.0.0.1',
    port: BASE_PORT + WEB + i,
  }));
  const workerPorts = Array.from({ length: WORKERS }, (_, i) => BASE_PORT + WEB + INGEST + i);

  // The first process migrates and seeds alone; the others start on a database that is ready.
  const first = startProcess('web', BASE_PORT);
  await healthy(BASE_PORT, first);
  const rest = [
    ...web.slice(1).map((b) => ({ port: b.port, child: startProcess('web', b.port) })),
    ...ingest.map((b) => ({ port: b.port, child: startProcess('ingest', b.port) })),
    ...workerPorts.map((port) => ({ port, child: startProcess('worker', port) })),
  ];
  await Promise.all(rest.map(({ port, child }) => healthy(port, child)));

  // Checked on loopback when HAProxy listens on every address.
  await healthy(PORT, startBalancer(web, ingest), HOST === '0.0.0.0' || HOST === '::' ? '127.0.0.1' : HOST);
  const url = `http://${HOST}:${PORT}`;
  log(`up at ${url}: ${WEB} web, ${INGEST} ingest, ${WORKERS} worker processes`);
  process.send?.({ type: 'cluster', url, processes: started });
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  void stop(1);
});
