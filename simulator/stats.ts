/** Counters since start, read by stats() and by the periodic summary line. */
export interface SimStats {
  units: number;
  reportsSent: number;
  reportsAccepted: number;
  /** Answered accepted: false (a second report within a second, or out of order). */
  reportsRejected: number;
  /** No answer, or an error status. */
  reportsFailed: number;
  /** Reports sent more than one interval late (the concurrency cap was reached, or the loop was busy). */
  reportsDelayed: number;
  alertsRaised: number;
  alertsFailed: number;
  answersSent: number;
  answersFailed: number;
  openIncidents: number;
}

export function emptyStats(): SimStats {
  return {
    units: 0,
    reportsSent: 0,
    reportsAccepted: 0,
    reportsRejected: 0,
    reportsFailed: 0,
    reportsDelayed: 0,
    alertsRaised: 0,
    alertsFailed: 0,
    answersSent: 0,
    answersFailed: 0,
    openIncidents: 0,
  };
}

/** Report round-trip times of the current summary window. */
export class LatencyWindow {
  private samples: number[] = [];

  add(ms: number): void {
    if (this.samples.length < 100_000) this.samples.push(ms);
  }

  /** p50 and p95 in ms since the last call, and clears. */
  take(): { p50: number; p95: number } | null {
    if (this.samples.length === 0) return null;
    const sorted = this.samples.sort((a, b) => a - b);
    this.samples = [];
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { p50: at(0.5), p95: at(0.95) };
  }
}

/** One line: what happened since the previous one. */
export function summaryLine(
  now: SimStats,
  before: SimStats,
  seconds: number,
  latency: { p50: number; p95: number } | null,
): string {
  const rate = (n: number) => (n / seconds).toFixed(1);
  const failed = now.reportsFailed - before.reportsFailed;
  const rejected = now.reportsRejected - before.reportsRejected;
  const delayed = now.reportsDelayed - before.reportsDelayed;
  const parts = [
    `${now.units} units`,
    `${rate(now.reportsSent - before.reportsSent)} reports/s`,
    latency ? `p50 ${latency.p50.toFixed(0)} ms p95 ${latency.p95.toFixed(0)} ms` : '',
    rejected ? `${rejected} refused` : '',
    failed ? `${failed} failed` : '',
    delayed ? `${delayed} late` : '',
    `${now.alertsRaised - before.alertsRaised} alerts`,
    `${now.answersSent - before.answersSent} answers`,
    `${now.openIncidents} open incidents`,
  ];
  return parts.filter(Boolean).join(', ');
}
