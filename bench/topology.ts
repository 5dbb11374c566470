/**
 * The server under test, in one of two shapes, started on fresh storage and torn down after:
 *
 * - `embedded`: one process (`ROLE=all`) on PGlite in a temp DATA_DIR, as `npm start` runs.
 * - `cluster`: `npm run start:cluster` (CLUSTER_WEB web, CLUSTER_INGEST ingest and
 *   CLUSTER_WORKERS worker processes behind HAProxy) on a PostgreSQL database
 *   `bench_<pid>_<n>` created on BENCH_POSTGRES_URL's server and dropped afterwards.
 *
 * Both get `units` extra units seeded before the first start (bench/seedUnits.ts), the demo's
 * users (DEMO=1, SIMULATE=0), a REDIS_PREFIX of their own whose keys are deleted at the end,
 * and a metrics token so the bench can read each process's /metrics.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { deleteKeysUnder } from '../server/testing/redisKeys';

import { freePortBlock } from './freePorts';
import { nextMessage, stopChild } from './ipc';
import { type BenchUnit, seedBenchUnits } from './seedUnits';
import type { Teardown } from './teardown';

/** Ports start:cluster may take after its base: its processes (web, ingest, workers) with room to spare. */
const CLUSTER_PORTS = 16;

export type TopologyKind = 'embedded' | 'cluster';
export const TOPOLOGY_KINDS: readonly TopologyKind[] = ['embedded', 'cluster'];

export interface ServerProcess {
  role: 'all' | 'web' | 'ingest' | 'worker' | 'balancer' | 'bare-ws';
  pid: number;
  /** Its own address (not the balancer's), for /metrics; null for the balancer. */
  url: string | null;
}

export interface Topology {
  kind: TopologyKind;
  /** Where consoles, alerts and position reports go (the balancer in a cluster). */
  url: string;
  /** Every process of the server, the balancer included: CPU and RSS are summed over these. */
  processes: ServerProcess[];
  units: BenchUnit[];
  /** The seeded units as JSON, for bench/socketUnitLoad.ts. */
  unitsFile: string;
  password: string;
  /** The demo's device key (alert sources). */
  deviceKey: string;
  /** A device key bound to every seeded unit (their position gateway). */
  gatewayKey: string;
  metricsToken: string;
  describe: string;
}

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** An administrative connection to the PostgreSQL server the cluster's database is created on. */
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let started = 0;

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function waitHealthy(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr()}`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not healthy in 120 s: ${stderr()}`);
    await sleep(200);
  }
}

/** The last few KB a child wrote on stderr, for the error when it fails to start. */
function tailStderr(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000);
  });
  return () => tail;
}

function killIfAlive(pid: number): void {
  try {
    process.kill(pid, 0);
  } catch {
    return;
  }
  process.kill(pid, 'SIGKILL');
}

export interface TopologyOptions {
  units: number;
  teardown: Teardown;
  log: (message: string) => void;
  /** Extra server settings (e.g. CLUSTER_WEB); they pass to every process. */
  env?: Record<string, string>;
  /** Node flags for the embedded server (BENCH_SERVER_NODE_ARGS, e.g. --cpu-prof). */
  nodeArgs?: string[];
}

export async function startTopology(kind: TopologyKind, options: TopologyOptions): Promise<Topology> {
  const { teardown, log } = options;
  const n = ++started;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `shieldline-bench-${kind}-`));
  teardown.add(`temp dir ${dataDir}`, () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const prefix = `bench-${process.pid}-${n}-${randomBytes(3).toString('hex')}`;
  teardown.add(`Redis keys ${prefix}:*`, async () => {
    await deleteKeysUnder(REDIS_URL, prefix);
  });
  const secrets = {
    password: 'bench-password-123',
    deviceKey: `bench-device-key-${randomBytes(8).toString('hex')}`,
    gatewayKey: `bench-gateway-key-${randomBytes(8).toString('hex')}`,
    metricsToken: `bench-metrics-${randomBytes(12).toString('hex')}`,
  };
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    // DEMO (its users and device key) is refused in production; nothing else reads NODE_ENV.
    NODE_ENV: 'development',
    DEMO: '1',
    SIMULATE: '0',
    DEMO_PASSWORD: secrets.password,
    DEMO_DEVICE_KEY: secrets.deviceKey,
    METRICS_TOKEN: secrets.metricsToken,
    DATA_DIR: dataDir,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    REDIS_AUTOSTART: '0',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    PUSH_ENABLED: '0',
    // Alerts whose POST timed out are never acknowledged: keep their re-alarms out of later scenarios.
    UNACKED_LADDER_S: '3600,3601,3602',
    ...options.env,
  };

  let databaseUrl: string | undefined;
  if (kind === 'cluster') {
    const name = `bench_${process.pid}_${n}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    teardown.add(`database ${name}`, () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    env.DATABASE_URL = databaseUrl;
  }
  log(
    `${kind}: seeding ${options.units} units with field officers (${databaseUrl ?? `PGlite in ${dataDir}`})`,
  );
  const units = await seedBenchUnits(
    databaseUrl ? { databaseUrl } : { dataDir },
    options.units,
    secrets.gatewayKey,
  );
  const unitsFile = path.join(dataDir, 'bench-units.json');
  fs.writeFileSync(unitsFile, JSON.stringify(units));

  // The cluster's balancer takes the first port of the block, its processes the ones after it.
  const port = await freePortBlock(kind === 'embedded' ? 1 : CLUSTER_PORTS + 1);
  if (kind === 'embedded') {
    log('embedded: starting one server process (ROLE=all, PGlite)');
    const server = spawn(
      process.execPath,
      [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'],
      {
        cwd: root,
        env: { ...env, ROLE: 'all', PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    teardown.add('embedded server', () => stopChild(server, 10_000));
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(url, server, tailStderr(server));
    return {
      kind,
      url,
      processes: [{ role: 'all', pid: server.pid ?? 0, url }],
      units,
      unitsFile,
      ...secrets,
      describe: 'one process (ROLE=all), PGlite',
    };
  }

  // The balancer listens on PORT and the processes on the ports after CLUSTER_BASE_PORT.
  const basePort = port + 1;
  log(
    `cluster: starting npm run start:cluster on PostgreSQL (balancer on ${port}, processes from ${basePort})`,
  );
  const cluster = fork(path.join(root, 'scripts/startCluster.ts'), [], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: { ...env, PORT: String(port), CLUSTER_BASE_PORT: String(basePort), HOST: '127.0.0.1' },
    // The demo banner each process prints goes nowhere; warnings and errors come through.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const stderr = tailStderr(cluster);
  cluster.stderr?.on('data', (d: Buffer) => {
    if (/"level":(40|50|60)|failed|exited/.test(d.toString())) process.stderr.write(d);
  });
  const pids: number[] = [];
  teardown.add('cluster', async () => {
    // startCluster gives its processes 15 s after SIGTERM before it kills them.
    await stopChild(cluster, 25_000);
    for (const pid of pids) killIfAlive(pid);
  });
  const ready = await nextMessage(cluster, 'cluster', 330_000).catch((err: unknown) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}: ${stderr()}`);
  });
  pids.push(...ready.processes.map((p) => p.pid));
  const count = (role: string) => ready.processes.filter((p) => p.role === role).length;
  return {
    kind,
    url: ready.url,
    // The balancer (HAProxy) has no /metrics of its own; start:cluster itself only waits.
    processes: ready.processes.map((p) => ({
      role: p.role,
      pid: p.pid,
      url: p.role === 'balancer' ? null : `http://127.0.0.1:${p.port}`,
    })),
    units,
    unitsFile,
    ...secrets,
    describe: `start:cluster on PostgreSQL: ${count('web')} web, ${count('ingest')} ingest, ${count('worker')} worker, balancer`,
  };
}

/** The processes that admit position reports and hold consoles (workers do neither). */
export function metricsUrls(topology: Topology): string[] {
  return topology.processes
    .filter((p) => p.role === 'all' || p.role === 'web' || p.role === 'ingest')
    .flatMap((p) => (p.url ? [p.url] : []));
}

/** Logs in through the topology's front door; the session cookie alone (no sticky cookie). */
export async function login(topology: Topology, username: string): Promise<string> {
  const res = await fetch(`${topology.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: topology.password }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('sl_session='));
  await res.body?.cancel();
  if (res.status !== 200 || !session) throw new Error(`login ${username}: ${res.status}`);
  return session;
}
