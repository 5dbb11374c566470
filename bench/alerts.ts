/**
 * npm run bench:alerts — alert-to-console latency with many consoles while many units report.
 *
 *   npm run bench:alerts -- [--topology embedded,cluster] [--units 0,500,2000,5000]
 *     [--transport http,socket] [--consoles 1000] [--alerts 50] [--json FILE] [--time-limit S]
 *
 * 1. Baseline, once per run: a bare `ws` broadcast server (child process) and `--consoles` plain
 *    ws clients; `--alerts` messages POSTed to it, each sent on to every client.
 * 2. Per topology (bench/topology.ts: `embedded`, one process on PGlite; `cluster`, the
 *    start:cluster processes on a fresh PostgreSQL database), the real server with the largest
 *    `--units` count seeded as extra units, and `--consoles` socket.io consoles logged in as
 *    dispatcher1. Then, per unit count: 0 is the idle scenario; any other count is measured once
 *    per `--transport` while that many units report once a second (bench/positionLoad.ts).
 *
 * Each topology first raises WARMUP_ALERTS alerts that are not measured.
 *
 * Latency: from just before an alert's POST starts to each console receiving the
 * 'stream:v1:event' that announces the incident (the baseline: the message itself), on the same
 * wall clock in every process; percentiles over every (alert, console) pair. CPU and RSS of every
 * server process from /proc/<pid>/stat; positions admitted and shed from each process's /metrics.
 * Everything is torn down at the end (children, databases, temp dirs, Redis keys); a hard time
 * limit ends the run and prints what was measured so far.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { AlertPoster, POST_TIMEOUT_MS, postOnSchedule } from './alertPoster';
import { type ScenarioResult, scenarioJson, scenarioTable, verdict } from './alertsReport';
import { countsFlag, listFlag, numberFlag, optionalFlag } from './benchArgs';
import { forkTs, nextMessage, send, stopChild } from './ipc';
import { summarize } from './latency';
import { startPositionLoad, TRANSPORTS, type Transport } from './positionLoad';
import { MachineSampler, ProcSampler } from './procStats';
import { readAllMetrics } from './serverMetrics';
import { ServerSampler } from './serverSampler';
import { startSocketConsoles } from './socketConsoles';
import { Teardown } from './teardown';
import { login, metricsUrls, REDIS_URL, startTopology, TOPOLOGY_KINDS, type TopologyKind } from './topology';

const TOPOLOGIES = listFlag('topology', 'BENCH_TOPOLOGY', 'embedded,cluster', TOPOLOGY_KINDS);
const UNIT_LOADS = [...new Set(countsFlag('units', 'BENCH_UNITS', '0,500,2000,5000'))].sort((a, b) => a - b);
const LOAD_TRANSPORTS = listFlag('transport', 'BENCH_TRANSPORT', 'http,socket', TRANSPORTS);
const CONSOLES = numberFlag('consoles', 'BENCH_CONSOLES', 1000);
const ALERTS = numberFlag('alerts', 'BENCH_ALERTS', 50);
const JSON_FILE = optionalFlag('json');
const SCENARIOS_PER_TOPOLOGY = UNIT_LOADS.reduce((n, u) => n + (u === 0 ? 1 : LOAD_TRANSPORTS.length), 0);
/** Generous: a shared two-core machine starts a cluster slowly; the limit only stops a hung run. */
const TIME_LIMIT_S = numberFlag(
  'time-limit',
  'BENCH_TIME_LIMIT_S',
  Math.round(
    120 +
      TOPOLOGIES.length *
        (300 +
          CONSOLES / 10 +
          SCENARIOS_PER_TOPOLOGY * (60 + ALERTS * 0.4) +
          Math.max(0, ...UNIT_LOADS) / 20),
  ),
);
/** Alerts leave on a fixed schedule, this far apart. */
const SPACING_IDLE_MS = 250;
const SPACING_LOADED_MS = 300;
/** Let the position load settle before measuring under it. */
const WARMUP_MS = 6000;
/** Alerts raised and delivered before the first scenario, not measured: the first ones after a start pay for compiling code paths. */
const WARMUP_ALERTS = 3;
/** How long to wait for stragglers after the last alert. */
const DRAIN_MS = 10_000;
/** The baseline's message is about the size of an incident event. */
const BASELINE_PAYLOAD_CHARS = 1400;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const startedAt = Date.now();
const progress = (message: string) =>
  process.stderr.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

const teardown = new Teardown();
const rows: ScenarioResult[] = [];
const notes: string[] = [];
const setups: Record<string, string> = {};
let loadAtStart = 0;

function perConsolePerAlert(packets: Record<string, number> | undefined, consoles: number, alerts: number) {
  const per: Record<string, number> = {};
  for (const [name, n] of Object.entries(packets ?? {}))
    per[name] = Math.round((n / Math.max(1, consoles) / Math.max(1, alerts)) * 100) / 100;
  return per;
}

async function collect(fleet: ChildProcess, ids: string[]) {
  send(fleet, { type: 'collect', ids, timeoutMs: DRAIN_MS });
  return nextMessage(fleet, 'results', DRAIN_MS + 30_000);
}

async function baseline(): Promise<void> {
  progress('bare ws: starting the broadcast server');
  const local = new Teardown();
  teardown.add('bare ws baseline', () => local.run());
  const server = forkTs('bench/wsBaselineServer.ts');
  local.add('ws server', () => stopChild(server));
  const { port } = await nextMessage(server, 'listening', 30_000);
  progress(`bare ws: connecting ${CONSOLES} ws clients`);
  const fleet = forkTs('bench/consoleFleet.ts', [], {
    FLEET_MODE: 'ws',
    FLEET_URL: `ws://127.0.0.1:${port}`,
    FLEET_COUNT: String(CONSOLES),
  });
  local.add('ws clients', () => stopChild(fleet));
  const ready = await nextMessage(fleet, 'ready', 60_000);
  progress(
    `bare ws: ${ready.connected} connected in ${(ready.ms / 1000).toFixed(1)} s; ${ALERTS} broadcasts`,
  );
  const serverCpu = new ServerSampler([{ role: 'bare-ws', pid: server.pid ?? 0, url: null }]);
  const fleetCpu = new ProcSampler(fleet.pid ?? 0);
  const machine = new MachineSampler();
  const padding = 'x'.repeat(BASELINE_PAYLOAD_CHARS);
  const posted = await postOnSchedule(ALERTS, SPACING_IDLE_MS, async (i) => {
    const id = `baseline-${i}`;
    const res = await fetch(`http://127.0.0.1:${port}/broadcast`, {
      method: 'POST',
      body: JSON.stringify({ id, padding }),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return id;
  });
  const results = await collect(fleet, [...posted.sentAt.keys()]);
  rows.push({
    topology: 'bare-ws',
    units: 0,
    transport: 'none',
    consoles: ready.connected,
    latency: summarize(posted.sentAt, results.receipts, CONSOLES),
    postMs: posted.postMs,
    postFailures: posted.failures,
    server: serverCpu.window(),
    consolesProcess: fleetCpu.window(),
    machineBusyPercent: machine.window().busyPercent,
    positions: null,
    load: null,
    positionBatchesPerConsoleS: 0,
    alarms: 0,
    eventChars: results.eventChars,
    disconnects: results.disconnects,
    packetsPerConsolePerAlert: perConsolePerAlert(results.packets, ready.connected, posted.sentAt.size),
  });
  serverCpu.stop();
  fleetCpu.stop();
  await local.run();
}

/** Pending connections in the listening socket's accept queue (ss Recv-Q), or null if ss fails. */
function acceptQueue(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const ss = spawn('ss', ['-Hltn', `sport = :${port}`]);
    let out = '';
    ss.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    ss.on('error', () => resolve(null));
    ss.on('exit', () => {
      const recvQ = Number(out.trim().split(/\s+/)[1]);
      resolve(Number.isFinite(recvQ) ? recvQ : null);
    });
  });
}

async function topologyRun(kind: TopologyKind): Promise<void> {
  const local = new Teardown();
  teardown.add(`${kind} topology`, () => local.run());
  try {
    await measureTopology(kind, local);
  } finally {
    progress(`${kind}: tearing down`);
    await local.run(progress);
  }
}

async function measureTopology(kind: TopologyKind, local: Teardown): Promise<void> {
  const topology = await startTopology(kind, {
    units: Math.max(0, ...UNIT_LOADS),
    teardown: local,
    log: progress,
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
  });
  const cookie = await login(topology, 'dispatcher1');
  progress(`${kind}: up (${topology.describe}); connecting ${CONSOLES} socket.io consoles as dispatcher1`);
  const { fleet, ready } = await startSocketConsoles(topology.url, CONSOLES, cookie, local);
  setups[kind] =
    `${topology.describe}; ${ready.connected} of ${CONSOLES} consoles connected in ${(ready.ms / 1000).toFixed(1)} s`;
  progress(`${kind}: ${setups[kind]}`);

  const poster = new AlertPoster(topology, cookie, `bench-${process.pid}-${kind}`);
  const server = new ServerSampler(topology.processes);
  const fleetCpu = new ProcSampler(fleet.pid ?? 0);
  const machine = new MachineSampler();
  local.add('samplers', () => {
    server.stop();
    fleetCpu.stop();
  });
  const counted = metricsUrls(topology);
  const warmup = await postOnSchedule(WARMUP_ALERTS, SPACING_IDLE_MS, (i) => poster.post(`warmup-${i}`));
  await collect(fleet, [...warmup.sentAt.keys()]);
  await poster.settle();
  const balancerPort = Number(new URL(topology.url).port);

  async function measure(units: number, transport: Transport | 'none', spacingMs: number) {
    server.window();
    fleetCpu.window();
    machine.window();
    const before = await readAllMetrics(counted, topology.metricsToken);
    const posted = await postOnSchedule(ALERTS, spacingMs, (i) => poster.post(`${units}-${transport}-${i}`));
    const results = await collect(fleet, [...posted.sentAt.keys()]);
    const after = await readAllMetrics(counted, topology.metricsToken);
    const seconds = before && after ? (after.at - before.at) / 1000 : 0;
    const row: ScenarioResult = {
      topology: kind,
      units,
      transport,
      consoles: ready.connected,
      latency: summarize(posted.sentAt, results.receipts, CONSOLES),
      postMs: posted.postMs,
      postFailures: posted.failures,
      server: server.window(),
      consolesProcess: fleetCpu.window(),
      machineBusyPercent: machine.window().busyPercent,
      positions:
        before && after && seconds > 0
          ? {
              acceptedPerS: (after.positionsAdmitted - before.positionsAdmitted) / seconds,
              shedPerS: (after.positionsShed - before.positionsShed) / seconds,
            }
          : null,
      load: null,
      positionBatchesPerConsoleS: results.positionBatches / Math.max(1, ready.connected) / results.seconds,
      alarms: results.alarms,
      eventChars: results.eventChars,
      disconnects: results.disconnects,
      packetsPerConsolePerAlert: perConsolePerAlert(results.packets, ready.connected, posted.sentAt.size),
    };
    await poster.settle();
    return row;
  }

  for (const units of UNIT_LOADS) {
    if (units === 0) {
      progress(`${kind}: ${ALERTS} alerts, no position load`);
      rows.push(await measure(0, 'none', SPACING_IDLE_MS));
      continue;
    }
    for (const transport of LOAD_TRANSPORTS) {
      progress(`${kind}: ${units} units starting to report over ${transport}`);
      const load = await startPositionLoad(topology, transport, units, local);
      const reporting = await load.reporting(30_000);
      await sleep(WARMUP_MS);
      const loadBefore = { ...load.current(), at: performance.now() };
      load.cpu.window();
      let queuePeak: number | null = null;
      const queueTimer = setInterval(() => {
        void acceptQueue(balancerPort).then((q) => {
          if (q !== null) queuePeak = Math.max(queuePeak ?? 0, q);
        });
      }, 1000);
      progress(`${kind}: ${ALERTS} alerts while ${reporting} units report over ${transport}`);
      const row = await measure(units, transport, SPACING_LOADED_MS);
      clearInterval(queueTimer);
      const loadAfter = { ...load.current(), at: performance.now() };
      const seconds = (loadAfter.at - loadBefore.at) / 1000;
      const perS = (k: 'sent' | 'accepted' | 'rejected' | 'failed' | 'delayed') =>
        (loadAfter[k] - loadBefore[k]) / seconds;
      row.load = {
        units: loadAfter.units,
        seconds,
        sent: perS('sent'),
        accepted: perS('accepted'),
        rejected: perS('rejected'),
        failed: perS('failed'),
        delayed: perS('delayed'),
        answered: loadAfter.answered,
        ...(({ cpuPercent, cpuWaitPercent }) => ({ cpuPercent, cpuWaitPercent }))(load.cpu.window()),
        acceptQueuePeak: queuePeak,
      };
      rows.push(row);
      await load.stop();
      // Let the server work off what the load left queued before the next scenario.
      await sleep(3000);
    }
  }
}

function bareWsP99(): number | null {
  const base = rows.find((r) => r.topology === 'bare-ws');
  return base && Number.isFinite(base.latency.p99) ? base.latency.p99 : null;
}

function writeJson(): void {
  if (!JSON_FILE) return;
  const p99 = bareWsP99();
  const summary = {
    bench: 'alerts',
    at: new Date().toISOString(),
    machine: { cores: os.cpus().length, node: process.version, loadAverageAtStart: loadAtStart },
    options: {
      topologies: TOPOLOGIES,
      units: UNIT_LOADS,
      transports: LOAD_TRANSPORTS,
      consoles: CONSOLES,
      alerts: ALERTS,
    },
    bareWsP99Ms: p99,
    allTargetsMet: rows.filter((r) => r.topology !== 'bare-ws').every((r) => verdict(r, p99).pass),
    scenarios: rows.map((r) => scenarioJson(r, p99)),
    setups,
    notes,
  };
  fs.writeFileSync(JSON_FILE, `${JSON.stringify(summary, null, 2)}\n`);
}

let printed = false;
function printReport(): void {
  if (printed) return;
  printed = true;
  writeJson();
  const p99 = bareWsP99();
  const failing = rows
    .filter((r) => r.topology !== 'bare-ws')
    .map((r) => ({ r, v: verdict(r, p99) }))
    .filter(({ v }) => !v.pass);
  const out = [
    '',
    `Shieldline bench:alerts — ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, load average ${loadAtStart.toFixed(1)} at start`,
    '',
    `Alert → every console: from just before POST /api/v1/alerts starts to each of the consoles receiving the`,
    `'stream:v1:event' announcing it; p50/p95/p99 in ms over every (alert, console) pair. bare-ws: the same through a`,
    `bare ws server. ×ws: p99 / bare-ws p99 of this run. POST50/99: the alert POST's answer time; fail: no 201 within`,
    `${POST_TIMEOUT_MS / 1000} s; slow: over 1 s. CPU% (100 = one core) and RSS: all server processes summed (balancer included).`,
    `acc/s, shed/s: position reports admitted and shed per second by the server (its /metrics). busy%: the whole machine.`,
    `target: no failed or slow POST, nothing lost, p99 ≤ 2× bare ws idle and ≤ 3× under 2,000 units. Redis ${REDIS_URL}.`,
    '',
    scenarioTable(rows, p99),
    '',
    ...Object.entries(setups).map(([kind, text]) => `${kind}: ${text}.`),
    ...rows
      .filter((r) => r.load)
      .map((r) => {
        const l = r.load;
        if (!l) return '';
        const answers = l.answered
          ? `${l.accepted.toFixed(0)}/s accepted, ${l.rejected.toFixed(0)}/s refused (accepted: false), ${l.failed.toFixed(0)}/s not taken (429 shed, errors, timeouts)`
          : 'sent volatile without an ack, as the field app does (admitted and shed: acc/s, shed/s)';
        return `${r.topology}, ${r.units} units over ${r.transport}: load generator ${l.sent.toFixed(0)}/s sent, ${answers}, ${l.delayed.toFixed(0)}/s sent late; accept queue peak ${l.acceptQueuePeak ?? 'n/a'}; ${r.disconnects} console disconnects.`;
      }),
    ...failing.map(
      ({ r, v }) => `FAIL ${r.topology}, ${r.units} units ${r.transport}: ${v.reasons.join('; ')}.`,
    ),
    ...rows
      .filter((r) => r.postFailures.size > 0)
      .map(
        (r) =>
          `${r.topology}, ${r.units} units ${r.transport}: ${[...r.postFailures].map(([why, n]) => `${n} × ${why}`).join('; ')}`,
      ),
    ...notes,
    JSON_FILE ? `JSON summary: ${JSON_FILE}` : '',
    '',
  ];
  process.stdout.write(out.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n'));
}

async function main(): Promise<void> {
  const limit = setTimeout(() => {
    notes.push(
      `INCOMPLETE: the time limit of ${TIME_LIMIT_S} s was reached; scenarios not in the table did not finish.`,
    );
    printReport();
    void teardown.run(progress).finally(() => process.exit(1));
  }, TIME_LIMIT_S * 1000);
  limit.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void teardown.run(progress).finally(() => process.exit(130)));
  }
  loadAtStart = os.loadavg()[0] ?? 0;
  progress(
    `topologies ${TOPOLOGIES.join(', ')}; units ${UNIT_LOADS.join(', ')} over ${LOAD_TRANSPORTS.join(', ')}; ${CONSOLES} consoles; ${ALERTS} alerts per scenario; time limit ${TIME_LIMIT_S} s`,
  );
  try {
    await baseline();
    for (const kind of TOPOLOGIES) {
      // One topology failing to start (or hanging) should not lose the other's figures.
      await topologyRun(kind).catch((err: unknown) => {
        notes.push(`FAILED (${kind}): ${err instanceof Error ? err.message : String(err)}`);
        progress(`${kind} failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
  } finally {
    progress('tearing down');
    clearTimeout(limit);
    await teardown.run(progress);
  }
  printReport();
}

main().catch((err: unknown) => {
  notes.push(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  printReport();
  void teardown.run(progress).finally(() => process.exit(1));
});
