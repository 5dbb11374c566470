/** Latency figures over every (message, console) pair of a phase. */
export interface LatencySummary {
  messages: number;
  consoles: number;
  /** Pairs that got there. */
  pairs: number;
  /** Pairs that never did within the wait. */
  lost: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/**
 * `sentAt` per message id, `receivedAt` per message id and console (null: never arrived), all
 * on the same wall clock in milliseconds.
 */
export function summarize(
  sentAt: ReadonlyMap<string, number>,
  receivedAt: Readonly<Record<string, ReadonlyArray<number | null>>>,
  consoles: number,
): LatencySummary {
  const all: number[] = [];
  let lost = 0;
  for (const [id, t0] of sentAt) {
    const times = receivedAt[id] ?? [];
    for (let c = 0; c < consoles; c++) {
      const t = times[c];
      if (t === undefined || t === null || !Number.isFinite(t)) lost++;
      else all.push(t - t0);
    }
  }
  const sorted = Float64Array.from(all).sort();
  return {
    messages: sentAt.size,
    consoles,
    pairs: sorted.length,
    lost,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
  };
}
