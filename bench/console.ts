/**
 * `npm run bench:console`: the console under load, in headless Chromium.
 *
 *   1. builds the production client with vite (into dist/client, which the server serves) and
 *      gzips every JS/CSS asset with node:zlib to report the bundle size;
 *   2. seeds a fresh PGlite database under a temporary DATA_DIR with extra units, so that with the
 *      demo bureau's own there are BENCH_UNITS (5,000) on the map — the API has no route that
 *      creates a unit, and a unit must exist before it may report;
 *   3. starts the real server as a child process (DEMO=1, SIMULATE=0, its own REDIS_PREFIX);
 *   4. logs in as dispatcher1 through the login form and waits until the console is live with
 *      every unit loaded;
 *   5. feeds BENCH_RATE (1,000) position reports a second through the real ingestion path
 *      (POST /api/v1/units/:id/position with the demo device key → Redis GEO → the broadcaster's
 *      500 ms batches → units:v1:positions → the map), each unit every few seconds so none is
 *      refused as too frequent, for BENCH_SECONDS (20): the first part with the map still, the
 *      rest while panning and zooming it;
 *   6. measures in the page: requestAnimationFrame deltas (p50/p95/p99/max frame time) and
 *      PerformanceObserver long tasks, per phase; counts the positions the page received;
 *   7. prints the figures and cleans up (browser, server, Redis keys, the temporary DATA_DIR).
 *
 * Bounded: the whole run is aborted after BENCH_TIMEOUT_S (110 s).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { DepartmentId } from '@shared/domain/department';
import { UNIT_KINDS } from '@shared/domain/unit';
import type { PositionBatch } from '@shared/events/socketEvents';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { Server } from 'socket.io';
import { launchChromium } from '../e2e/browser';
import { sha256Hex } from '../server/auth/tokens';
import { migrateToLatest, openDatabase } from '../server/db/database';
import { demoUuid } from '../server/demo/seedDemo';
import { ensureDepartments } from '../server/departments/seedDepartments';
import { ROOM_ALL } from '../server/realtime/rooms';
import { BROADCAST_INTERVAL_MS } from '../server/units/positionBroadcaster';

const ROOT = path.resolve(import.meta.dirname, '..');
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const UNITS = num('BENCH_UNITS', 5000);
const RATE = num('BENCH_RATE', 1000);
const SECONDS = num('BENCH_SECONDS', 20);
const TIMEOUT_S = num('BENCH_TIMEOUT_S', 110);
/** adapter (default): another web process's batches through the Redis adapter; http: every report through the API. */
const FEED: 'adapter' | 'http' = process.env.BENCH_FEED === 'http' ? 'http' : 'adapter';
/** The share of the feed during which the map is left still; the rest pans and zooms it. */
const STILL_SHARE = 0.6;
const PASSWORD = 'bench-console-password';
const DEVICE_KEY = `bench-console-device-${randomBytes(8).toString('hex')}`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `benchconsole${randomBytes(4).toString('hex')}`;
/** 赣县区's centre and extent (see /work/shared/DOMAIN.md). */
const CENTRE = { lat: 25.8607, lng: 115.0116 };
const BBOX = { south: 25.43, north: 26.27, west: 114.71, east: 115.37 };

const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------------- build

interface BundleFigures {
  files: Array<{ name: string; bytes: number; gzip: number }>;
  jsGzip: number;
  cssGzip: number;
  jsBytes: number;
  cssBytes: number;
}

function buildClient(): BundleFigures {
  execFileSync(
    path.join(ROOT, 'node_modules/.bin/vite'),
    ['build', '--config', 'client/vite.config.ts', '--logLevel', 'error'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const dir = path.join(ROOT, 'dist/client/assets');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((name) => {
      const body = fs.readFileSync(path.join(dir, name));
      return { name, bytes: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const sum = (ext: string, key: 'bytes' | 'gzip') =>
    files.filter((f) => f.name.endsWith(ext)).reduce((n, f) => n + f[key], 0);
  return {
    files,
    jsGzip: sum('.js', 'gzip'),
    cssGzip: sum('.css', 'gzip'),
    jsBytes: sum('.js', 'bytes'),
    cssBytes: sum('.css', 'bytes'),
  };
}

// ------------------------------------------------------------------------------------------- seed

interface SeededUnit {
  id: string;
  lat: number;
  lng: number;
}

/** A normal deviate (Box–Muller) from a small deterministic generator, so every run is alike. */
function makeRandom(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, normal };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The bench's units, most near the town and thinning out across the district, as real ones are. */
async function seedUnits(dataDir: string, count: number): Promise<SeededUnit[]> {
  const database = await openDatabase({ dataDir });
  try {
    await migrateToLatest(database.db);
    await ensureDepartments(database.db);
    const rand = makeRandom(5000);
    const now = new Date();
    const units: SeededUnit[] = [];
    const rows = Array.from({ length: count }, (_, i) => {
      const kind = UNIT_KINDS[i % UNIT_KINDS.length] ?? 'patrol_car';
      const lat = clamp(CENTRE.lat + rand.normal() * 0.09, BBOX.south, BBOX.north);
      const lng = clamp(CENTRE.lng + rand.normal() * 0.1, BBOX.west, BBOX.east);
      const id = randomUUID();
      units.push({ id, lat, lng });
      const departmentId: DepartmentId = kind === 'traffic' ? 'traffic' : 'local_station';
      return {
        id,
        call_sign: `BC-${String(i + 1).padStart(4, '0')}`,
        department_id: departmentId,
        kind,
        status: rand.next() < 0.8 ? ('available' as const) : ('out_of_service' as const),
        lat,
        lng,
        accuracy_m: 10,
        position_at: now,
        updated_at: now,
      };
    });
    for (let i = 0; i < rows.length; i += 500) {
      await database.db
        .insertInto('units')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    // Device keys speak only for the units they are bound to: the demo key, created here before
    // the server seeds it, is the position gateway of every seeded unit.
    const keyHash = sha256Hex(DEVICE_KEY);
    await database.db
      .insertInto('device_keys')
      .values({
        id: demoUuid('device_key', keyHash),
        name: 'bench:console gateway',
        key_hash: keyHash,
        scope: 'alerts:create',
        unit_ids: JSON.stringify(units.map((u) => u.id)),
      })
      .execute();
    return units;
  } finally {
    await database.close();
  }
}

// ------------------------------------------------------------------------------------------ server

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function startServer(port: number, dataDir: string, output: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      REDIS_URL,
      REDIS_PREFIX,
      // The adapter feed must share the server's Redis: no private one on another port.
      REDIS_AUTOSTART: FEED === 'adapter' ? '0' : '1',
      DEMO: '1',
      SIMULATE: '0',
      DEMO_PASSWORD: PASSWORD,
      DEMO_DEVICE_KEY: DEVICE_KEY,
      // No tile server: the offline base only, as on an air-gapped intranet (and no outside traffic).
      TILE_URL: '',
      LOG_LEVEL: 'warn',
      // DEMO (its users and device key) is refused in production; nothing else reads NODE_ENV.
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    if (output.length > 60) output.splice(0, output.length - 60);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error('the server did not become healthy in time');
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}

// -------------------------------------------------------------------------------------------- feed

interface FeedStats {
  sent: number;
  accepted: number;
  refused: number;
  failed: number;
  /** Reports not sent because too many were still in flight: the server could not keep up. */
  skipped: number;
  /** Why reports failed: HTTP status or error name, with counts. */
  failures: Map<string, number>;
}

const newStats = (): FeedStats => ({
  sent: 0,
  accepted: 0,
  refused: 0,
  failed: 0,
  skipped: 0,
  failures: new Map(),
});
const fail = (stats: FeedStats, reason: string) => {
  stats.failed++;
  stats.failures.set(reason, (stats.failures.get(reason) ?? 0) + 1);
};

/** Moves a unit a few metres, as a car in town does between two reports. */
function drift(u: SeededUnit, rand: ReturnType<typeof makeRandom>): void {
  u.lat = clamp(u.lat + rand.normal() * 0.0002, BBOX.south, BBOX.north);
  u.lng = clamp(u.lng + rand.normal() * 0.0002, BBOX.west, BBOX.east);
}

/** Calls `each` `rate` times a second, in slices every 50 ms; `stop` ends it. */
function paced(rate: number, each: () => void): () => void {
  const TICK_MS = 50;
  const perTick = rate / (1000 / TICK_MS);
  let owed = 0;
  const timer = setInterval(() => {
    owed += perTick;
    while (owed >= 1) {
      owed--;
      each();
    }
  }, TICK_MS);
  return () => clearInterval(timer);
}

/**
 * The default feed: the bench joins the server's Redis adapter as another web process would
 * (same stream and channel names), takes `rate` reports a second round-robin over the units,
 * coalesces them per unit and emits one units:v1:positions batch to the command centre's room
 * every BROADCAST_INTERVAL_MS — exactly what a web process's broadcaster does with the reports
 * it accepted. The console cannot tell the difference: the same batches, sizes and rate reach
 * it through the real server and socket. What it leaves out is the ingestion (HTTP, device key,
 * Redis GEO, history), which bench:alerts measures and which a single small test machine running
 * the browser too cannot do at 1,000 a second (BENCH_FEED=http shows how far it gets).
 */
function startAdapterFeed(units: SeededUnit[], rate: number): { stop: () => Promise<FeedStats> } {
  const stats = newStats();
  const rand = makeRandom(7);
  const positions = units.map((u) => ({ ...u }));
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const io = new Server({
    adapter: createAdapter(redis, {
      streamName: `${REDIS_PREFIX}:socket.io`,
      channelPrefix: `${REDIS_PREFIX}:socket.io`,
      sessionKeyPrefix: `${REDIS_PREFIX}:sio:session:`,
      maxLen: 100_000,
    }),
  });
  let changed = new Map<string, PositionBatch['positions'][number]>();
  let cursor = 0;
  const stopReports = paced(rate, () => {
    const u = positions[cursor];
    cursor = (cursor + 1) % positions.length;
    if (!u) return;
    drift(u, rand);
    stats.sent++;
    changed.set(u.id, { unitId: u.id, lat: u.lat, lng: u.lng, accuracyM: 8, at: new Date().toISOString() });
  });
  const flush = setInterval(() => {
    if (changed.size === 0) return;
    const batch: PositionBatch = { positions: [...changed.values()] };
    stats.accepted += changed.size;
    changed = new Map();
    io.to(ROOM_ALL).volatile.emit('units:v1:positions', batch);
  }, BROADCAST_INTERVAL_MS);
  return {
    async stop() {
      stopReports();
      clearInterval(flush);
      // No HTTP server is attached, so io.close() has no engine to close: end the adapter and its connection.
      io.of('/').adapter.close();
      redis.disconnect();
      return stats;
    },
  };
}

/**
 * Position reports at `rate` a second, in slices every 50 ms, round-robin over the units so each
 * reports every units/rate seconds; each unit drifts a few metres per report.
 */
function startHttpFeed(url: string, units: SeededUnit[], rate: number): { stop: () => Promise<FeedStats> } {
  const stats = newStats();
  const rand = makeRandom(7);
  const positions = units.map((u) => ({ ...u }));
  const MAX_IN_FLIGHT = Math.max(100, rate / 2);
  let cursor = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();

  const report = (u: SeededUnit) => {
    drift(u, rand);
    stats.sent++;
    inFlight++;
    const p = fetch(`${url}/api/v1/units/${u.id}/position`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEVICE_KEY}` },
      body: JSON.stringify({ lat: u.lat, lng: u.lng, accuracyM: 8, at: new Date().toISOString() }),
      signal: AbortSignal.timeout(10_000),
    })
      .then(async (res) => {
        const body = (await res.json().catch(() => null)) as { accepted?: boolean } | null;
        if (res.ok && body?.accepted) stats.accepted++;
        else if (res.ok) stats.refused++;
        else fail(stats, `HTTP ${res.status}`);
      })
      .catch((err: unknown) => fail(stats, err instanceof Error ? err.name : 'error'))
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  };

  const stop = paced(rate, () => {
    const u = positions[cursor];
    cursor = (cursor + 1) % positions.length;
    if (!u) return;
    if (inFlight >= MAX_IN_FLIGHT) {
      stats.skipped++;
      return;
    }
    report(u);
  });

  return {
    async stop() {
      stop();
      await Promise.allSettled([...pending]);
      return stats;
    },
  };
}

// -------------------------------------------------------------------------------------------- page

interface PhaseFigures {
  deltas: number[];
  long: number[];
  frames: number;
  seconds: number;
  fps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  over50: number;
  longTasks: number;
  longTaskMs: number;
}

/**
 * Installed in the page: rAF deltas and long tasks, collected and reset per phase. Plain script
 * text, not functions: tsx would wrap named functions in a helper the page does not have.
 */
const PROBE = `(() => {
  const b = { deltas: [], long: [], last: 0, since: performance.now() };
  window.__bench = b;
  const loop = (t) => {
    if (b.last) b.deltas.push(t - b.last);
    b.last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) b.long.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
})()`;

const COLLECT = `(() => {
  const b = window.__bench;
  const out = { deltas: b.deltas, long: b.long, seconds: (performance.now() - b.since) / 1000 };
  b.deltas = [];
  b.long = [];
  b.since = performance.now();
  return out;
})()`;

async function installProbe(page: Page): Promise<void> {
  await page.evaluate(PROBE);
}

async function collectPhase(page: Page): Promise<PhaseFigures> {
  const raw = (await page.evaluate(COLLECT)) as { deltas: number[]; long: number[]; seconds: number };
  return figures(raw.deltas, raw.long, raw.seconds);
}

function figures(deltas: number[], long: number[], seconds: number): PhaseFigures {
  const raw = { deltas, long, seconds };
  const sorted = [...raw.deltas].sort((a, b) => a - b);
  const q = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  return {
    deltas: raw.deltas,
    long: raw.long,
    frames: sorted.length,
    seconds: raw.seconds,
    fps: sorted.length / raw.seconds,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: sorted.at(-1) ?? 0,
    over50: sorted.filter((d) => d > 50).length,
    longTasks: raw.long.length,
    longTaskMs: raw.long.reduce((a, b) => a + b, 0),
  };
}

/** Drags and wheel-zooms the map, as a dispatcher looking around does. */
async function moveMap(page: Page, untilMs: number): Promise<void> {
  const box = await page.locator('.col-map .leaflet-container').boundingBox();
  if (!box) return;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  let step = 0;
  while (Date.now() < untilMs) {
    const phase = step % 4;
    if (phase === 0 || phase === 2) {
      const dx = phase === 0 ? 220 : -220;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(cx + (dx * i) / 10, cy + (dx * i) / 20);
      await page.mouse.up();
    } else {
      await page.mouse.move(cx, cy);
      await page.mouse.wheel(0, phase === 1 ? -300 : 300);
    }
    step++;
    await sleep(700);
  }
}

/** BENCH_PROFILE=1: the page's CPU profile over the panning phase, summed by function (self time). */
async function startProfile(page: Page): Promise<() => Promise<Array<{ name: string; ms: number }>>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples?.length ?? 1) / 1000;
    const self = new Map<string, number>();
    for (const node of profile.nodes) {
      const f = node.callFrame;
      const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
      self.set(name, (self.get(name) ?? 0) + (node.hitCount ?? 0) * interval);
    }
    return [...self]
      .map(([name, ms]) => ({ name, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 20);
  };
}

// -------------------------------------------------------------------------------------------- main

const f1 = (n: number) => n.toFixed(1);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function printPhase(name: string, p: PhaseFigures): void {
  log(
    `  ${name.padEnd(26)} frames ${String(p.frames).padStart(5)}  fps ${f1(p.fps).padStart(5)}  ` +
      `p50 ${f1(p.p50).padStart(5)} ms  p95 ${f1(p.p95).padStart(5)} ms  p99 ${f1(p.p99).padStart(5)} ms  ` +
      `max ${f1(p.max).padStart(6)} ms  >50ms ${String(p.over50).padStart(3)}  long tasks ${String(p.longTasks).padStart(3)} (${Math.round(p.longTaskMs)} ms)`,
  );
}

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function cleanRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // A private Redis started by the server went away with it; nothing to clean.
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-bench-console-'));
  const serverOutput: string[] = [];
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () => {
    cleaning ??= (async () => {
      await browser?.close().catch(() => undefined);
      if (server) await stopServer(server).catch(() => undefined);
      await cleanRedis();
      fs.rmSync(dataDir, { recursive: true, force: true });
    })();
    return cleaning;
  };
  const abort = setTimeout(() => {
    process.stderr.write(`bench:console: aborted after ${TIMEOUT_S} s\n${serverOutput.join('\n')}\n`);
    void cleanup().finally(() => process.exit(1));
  }, TIMEOUT_S * 1000);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
  const crash = (err: unknown) => {
    process.stderr.write(`bench:console crashed: ${err instanceof Error ? err.stack : String(err)}\n`);
    void cleanup().finally(() => process.exit(1));
  };
  process.once('uncaughtException', crash);
  process.once('unhandledRejection', crash);
  // Last resort: never leave the server running behind us.
  process.once('exit', () => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  });

  try {
    log(`bench:console — ${UNITS} units, ${RATE} position reports/s for ${SECONDS} s, Chromium 1920×1080`);
    const t0 = Date.now();
    const bundle = buildClient();
    log(`  built the client in ${f1((Date.now() - t0) / 1000)} s`);

    if (FEED === 'adapter' && !(await redisAnswers())) {
      throw new Error(
        `the adapter feed joins the server's Redis: nothing answers at ${REDIS_URL} (start redis-server, set REDIS_URL, or use BENCH_FEED=http)`,
      );
    }
    // The demo bureau adds its own units at start; the bench makes up the rest.
    const DEMO_UNITS = 40;
    const units = await seedUnits(dataDir, Math.max(0, UNITS - DEMO_UNITS));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = startServer(port, dataDir, serverOutput);
    await waitHealthy(url, server, 45_000);
    log(`  server up on ${url} (PGlite in ${dataDir}, REDIS_PREFIX ${REDIS_PREFIX})`);

    browser = await launchChromium();
    const page = await browser.newPage({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    let positionsReceived = 0;
    let batchesReceived = 0;
    // Which built files the console asked for up to its first live picture (pages are chunks).
    const fetchedAssets = new Set<string>();
    page.on('request', (request) => {
      const name = new URL(request.url()).pathname.match(/^\/assets\/([^/]+\.(?:js|css))$/)?.[1];
      if (name) fetchedAssets.add(name);
    });
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string' || !payload.includes('"units:v1:positions"')) return;
        batchesReceived++;
        positionsReceived += payload.split('"unitId"').length - 1;
      });
    });
    await page.goto(url);
    await page.getByTestId('login-username').fill('dispatcher1');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page
      .getByTestId('connection-state')
      .and(page.locator('[data-state="live"]'))
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('units-count').waitFor({ timeout: 30_000 });
    const loaded = bundle.files.filter((f) => fetchedAssets.has(f.name));
    const shownUnits = await page.getByTestId('units-count').textContent();
    log(`  console live as dispatcher1; units list: ${shownUnits}`);

    await installProbe(page);
    await sleep(3000);
    const idle = await collectPhase(page);

    positionsReceived = 0;
    batchesReceived = 0;
    const feedStarted = Date.now();
    const feed = FEED === 'http' ? startHttpFeed(url, units, RATE) : startAdapterFeed(units, RATE);
    await sleep(SECONDS * STILL_SHARE * 1000);
    const still = await collectPhase(page);
    const profiler = process.env.BENCH_PROFILE ? await startProfile(page) : null;
    await moveMap(page, feedStarted + SECONDS * 1000);
    const moving = await collectPhase(page);
    const hot = profiler ? await profiler() : null;
    const feedSeconds = (Date.now() - feedStarted) / 1000;
    const fed = await feed.stop();
    const memory = (await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : null')) as
      | number
      | null;

    const all = figures(
      [...still.deltas, ...moving.deltas],
      [...still.long, ...moving.long],
      still.seconds + moving.seconds,
    );
    if (process.env.BENCH_SCREENSHOT) {
      await page.getByText('回到辖区').click();
      await sleep(1500);
      fs.mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: path.join(ROOT, 'test-artifacts', `bench-console-${UNITS}-units.png`) });
    }

    log('');
    log('Frame times (requestAnimationFrame deltas in the page; 16.7 ms = 60 fps):');
    printPhase('idle, no feed (3 s)', idle);
    printPhase(`feed, map still`, still);
    printPhase(`feed, panning + zooming`, moving);
    log(
      `  → under load (both phases): frame time p50 ${f1(all.p50)} ms, p95 ${f1(all.p95)} ms; ` +
        `long tasks ${all.longTasks} (${Math.round(all.longTaskMs)} ms in ${f1(all.seconds)} s)`,
    );
    log('');
    if (FEED === 'http') {
      log('Position feed (BENCH_FEED=http: POST /api/v1/units/:id/position with the device key):');
      log(
        `  sent ${fed.sent} in ${f1(feedSeconds)} s = ${Math.round(fed.sent / feedSeconds)}/s; accepted ${fed.accepted}, ` +
          `refused ${fed.refused}, failed ${fed.failed}, skipped (server behind) ${fed.skipped}`,
      );
      if (fed.failures.size) log(`  failures: ${[...fed.failures].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    } else {
      log(
        'Position feed (batches through the Redis adapter, as another web process; BENCH_FEED=http for the API):',
      );
      log(
        `  ${fed.sent} reports in ${f1(feedSeconds)} s = ${Math.round(fed.sent / feedSeconds)}/s, ` +
          `coalesced per unit into one batch every ${BROADCAST_INTERVAL_MS} ms`,
      );
    }
    log(
      `  the page received ${positionsReceived} positions in ${batchesReceived} units:v1:positions batches ` +
        `(${Math.round(positionsReceived / feedSeconds)}/s)`,
    );
    if (memory !== null) log(`  JS heap at the end: ${f1(memory / 1024 / 1024)} MiB`);
    if (hot) {
      log('');
      log('Hottest functions while panning and zooming (BENCH_PROFILE, self time):');
      for (const h of hot) log(`  ${f1(h.ms).padStart(8)} ms  ${h.name}`);
    }
    log('');
    log('Production bundle (dist/client/assets, gzip -9 via node:zlib):');
    log(
      `  JS ${kb(bundle.jsBytes)} → ${kb(bundle.jsGzip)} gzipped · CSS ${kb(bundle.cssBytes)} → ${kb(bundle.cssGzip)} gzipped · ` +
        `total ${kb(bundle.jsGzip + bundle.cssGzip)} gzipped`,
    );
    log(
      `  the console loaded ${loaded.length} of ${bundle.files.length} files before its first live picture: ` +
        `JS ${kb(loaded.filter((f) => f.name.endsWith('.js')).reduce((n, f) => n + f.gzip, 0))} · ` +
        `CSS ${kb(loaded.filter((f) => f.name.endsWith('.css')).reduce((n, f) => n + f.gzip, 0))} gzipped`,
    );
    for (const f of bundle.files)
      log(
        `    ${f.name.padEnd(34)} ${kb(f.bytes).padStart(11)} → ${kb(f.gzip).padStart(10)}${fetchedAssets.has(f.name) ? '  (console)' : ''}`,
      );
    log('');
    log(`done in ${f1((Date.now() - started) / 1000)} s`);
  } catch (err) {
    process.stderr.write(`bench:console failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    if (serverOutput.length) process.stderr.write(`--- server output ---\n${serverOutput.join('\n')}\n`);
    process.exitCode = 1;
  } finally {
    clearTimeout(abort);
    await cleanup();
  }
}

await main();
