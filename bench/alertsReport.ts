import { type LatencySummary, percentile } from './latency';
import type { LoadStats, Transport } from './positionLoad';
import type { ProcWindow } from './procStats';
import type { ServerWindow } from './serverSampler';
import type { TopologyKind } from './topology';

/** Over this, an alert POST counts as slow (issue #14: none in any scenario). */
export const SLOW_POST_MS = 1000;

/** One measured scenario: a topology, a position load, a number of consoles, a batch of alerts. */
export interface ScenarioResult {
  topology: TopologyKind | 'bare-ws';
  units: number;
  transport: Transport | 'none';
  consoles: number;
  latency: LatencySummary;
  postMs: number[];
  /** Failed POSTs by reason. */
  postFailures: Map<string, number>;
  server: ServerWindow;
  /** The bench's console process (all the consoles' socket.io clients). */
  consolesProcess: ProcWindow;
  machineBusyPercent: number;
  /** Reports the server admitted and shed per second, from its /metrics (summed over processes). */
  positions: { acceptedPerS: number; shedPerS: number } | null;
  /** The load generator's own view over the scenario, per second. */
  load:
    | (LoadStats & {
        seconds: number;
        cpuPercent: number;
        cpuWaitPercent: number;
        acceptQueuePeak: number | null;
      })
    | null;
  positionBatchesPerConsoleS: number;
  alarms: number;
  eventChars: number;
  disconnects: number;
  /** Packets each console received per alert posted, by event name (what the fan-out writes). */
  packetsPerConsolePerAlert: Record<string, number>;
}

/**
 * Issue #14's latency targets, as ratios to the bare-ws p99 of the same run: alert → all
 * consoles within 2× idle and 3× under 2,000 units. The issue sets none for other loads; the
 * POST targets (none failed, none over a second) hold everywhere.
 */
export function latencyLimit(units: number): number | null {
  if (units === 0) return 2;
  if (units === 2000) return 3;
  return null;
}

export interface Verdict {
  ratioToBareWsP99: number | null;
  limit: number | null;
  pass: boolean;
  reasons: string[];
}

export function verdict(row: ScenarioResult, bareWsP99: number | null): Verdict {
  const failed = failedPosts(row);
  const slow = slowPosts(row);
  const ratio =
    bareWsP99 && bareWsP99 > 0 && Number.isFinite(row.latency.p99) ? row.latency.p99 / bareWsP99 : null;
  const limit = row.topology === 'bare-ws' ? null : latencyLimit(row.units);
  const reasons: string[] = [];
  if (failed > 0) reasons.push(`${failed} failed POSTs`);
  if (slow > 0) reasons.push(`${slow} POSTs over ${SLOW_POST_MS} ms`);
  if (row.latency.lost > 0) reasons.push(`${row.latency.lost} deliveries lost`);
  if (row.latency.messages === 0) reasons.push('no alert delivered');
  if (limit !== null) {
    if (ratio === null) reasons.push('no bare-ws p99 to compare with');
    else if (ratio > limit) reasons.push(`p99 ${ratio.toFixed(1)}× bare ws (target ≤ ${limit}×)`);
  }
  return { ratioToBareWsP99: ratio, limit, pass: reasons.length === 0, reasons };
}

function failedPosts(row: ScenarioResult): number {
  return [...row.postFailures.values()].reduce((a, b) => a + b, 0);
}

function slowPosts(row: ScenarioResult): number {
  return row.postMs.filter((v) => v > SLOW_POST_MS).length;
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);

export function scenarioJson(row: ScenarioResult, bareWsP99: number | null) {
  const sortedPost = Float64Array.from(row.postMs).sort();
  const failed = failedPosts(row);
  const v = verdict(row, bareWsP99);
  return {
    topology: row.topology,
    units: row.units,
    transport: row.transport,
    consoles: row.consoles,
    alerts: row.postMs.length + failed,
    deliveryMs: {
      p50: round(row.latency.p50),
      p95: round(row.latency.p95),
      p99: round(row.latency.p99),
      max: round(row.latency.max),
    },
    pairs: row.latency.pairs,
    lost: row.latency.lost,
    posts: {
      failed,
      slow: slowPosts(row),
      p50Ms: round(percentile(sortedPost, 50)),
      p99Ms: round(percentile(sortedPost, 99)),
      failures: Object.fromEntries(row.postFailures),
    },
    server: {
      cpuPercent: round(row.server.cpuPercent),
      rssPeakMb: round(row.server.rssPeakMb),
      processes: row.server.processes.map((p) => ({
        role: p.role,
        pid: p.pid,
        cpuPercent: round(p.cpuPercent),
        cpuWaitPercent: round(p.cpuWaitPercent),
        rssPeakMb: round(p.rssPeakMb),
      })),
      cpuWaitPercentMax: round(maxServerWait(row)),
    },
    positionsPerS: row.positions
      ? { accepted: round(row.positions.acceptedPerS), shed: round(row.positions.shedPerS) }
      : null,
    loadGenerator: row.load
      ? {
          unitsReporting: row.load.units,
          seconds: round(row.load.seconds),
          sentPerS: round(row.load.sent),
          // Socket reports are not answered one by one: the server's positionsPerS says.
          acceptedPerS: row.load.answered ? round(row.load.accepted) : null,
          refusedPerS: row.load.answered ? round(row.load.rejected) : null,
          failedPerS: row.load.answered ? round(row.load.failed) : null,
          lateSentPerS: round(row.load.delayed),
          cpuPercent: round(row.load.cpuPercent),
          cpuWaitPercent: round(row.load.cpuWaitPercent),
          acceptQueuePeak: row.load.acceptQueuePeak,
        }
      : null,
    consolesCpuPercent: round(row.consolesProcess.cpuPercent),
    consolesCpuWaitPercent: round(row.consolesProcess.cpuWaitPercent),
    machineBusyPercent: round(row.machineBusyPercent),
    positionBatchesPerConsoleS: round(row.positionBatchesPerConsoleS),
    distressAlarms: row.alarms,
    consoleDisconnects: row.disconnects,
    eventChars: row.eventChars,
    packetsPerConsolePerAlert: row.packetsPerConsolePerAlert,
    target: {
      ratioToBareWsP99: v.ratioToBareWsP99 === null ? null : round(v.ratioToBareWsP99),
      latencyLimit: v.limit,
      pass: v.pass,
      reasons: v.reasons,
    },
  };
}

function ms(v: number): string {
  return Number.isFinite(v) ? v.toFixed(0) : 'n/a';
}

/** The largest share of time any server process's event loop waited for a CPU. */
function maxServerWait(row: ScenarioResult): number {
  const known = row.server.processes.map((p) => p.cpuWaitPercent).filter(Number.isFinite);
  return known.length ? Math.max(...known) : Number.NaN;
}

const pct = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '—');

/** The human table: one row per scenario, the bare-ws baseline first. */
export function scenarioTable(rows: ScenarioResult[], bareWsP99: number | null): string {
  const columns: Array<[string, number, (r: ScenarioResult, v: Verdict) => string]> = [
    ['topology', 8, (r) => r.topology],
    ['units', 5, (r) => String(r.units)],
    ['via', 6, (r) => (r.transport === 'none' ? '—' : r.transport)],
    ['cons', 5, (r) => String(r.consoles)],
    ['alrt', 4, (r) => String(r.postMs.length + failedPosts(r))],
    ['p50', 6, (r) => ms(r.latency.p50)],
    ['p95', 6, (r) => ms(r.latency.p95)],
    ['p99', 6, (r) => ms(r.latency.p99)],
    ['×ws', 5, (_r, v) => (v.ratioToBareWsP99 === null ? '—' : v.ratioToBareWsP99.toFixed(1))],
    ['lost', 5, (r) => String(r.latency.lost)],
    ['POST50', 6, (r) => ms(percentile(Float64Array.from(r.postMs).sort(), 50))],
    ['POST99', 6, (r) => ms(percentile(Float64Array.from(r.postMs).sort(), 99))],
    ['fail', 4, (r) => String(failedPosts(r))],
    ['slow', 4, (r) => String(slowPosts(r))],
    ['CPU%', 5, (r) => r.server.cpuPercent.toFixed(0)],
    ['RSS MB', 6, (r) => r.server.rssPeakMb.toFixed(0)],
    ['acc/s', 6, (r) => (r.positions ? r.positions.acceptedPerS.toFixed(0) : '—')],
    ['shed/s', 6, (r) => (r.positions ? r.positions.shedPerS.toFixed(0) : '—')],
    ['busy%', 5, (r) => r.machineBusyPercent.toFixed(0)],
    ['wait% s/c', 9, (r) => `${pct(maxServerWait(r))}/${pct(r.consolesProcess.cpuWaitPercent)}`],
    [
      'target',
      6,
      (r, v) => (r.topology === 'bare-ws' ? 'base' : v.pass ? `ok${v.limit ? ` ≤${v.limit}×` : ''}` : 'FAIL'),
    ],
  ];
  const head = columns
    .map(([name, width], i) => (i < 3 ? name.padEnd(width) : name.padStart(width)))
    .join(' ');
  const lines = rows.map((r) => {
    const v = verdict(r, bareWsP99);
    return columns
      .map(([, width, cell], i) => (i < 3 ? cell(r, v).padEnd(width) : cell(r, v).padStart(width)))
      .join(' ');
  });
  return [head, ...lines].join('\n');
}
