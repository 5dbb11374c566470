/** What the benches read from each server process's /metrics (Prometheus text), summed over labels. */
export interface MetricsReading {
  /** Position reports admitted and shed so far (counters, all paths and reasons). */
  positionsAdmitted: number;
  positionsShed: number;
  heapUsedBytes: number;
  socketsConnected: number;
  at: number;
}

function sum(text: string, name: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}

/** One process's reading, or null if it does not answer within 15 s (a saturated server answers late). */
export async function readServerMetrics(processUrl: string, token: string): Promise<MetricsReading | null> {
  try {
    const res = await fetch(`${processUrl}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(15_000),
    });
    if (res.status !== 200) {
      await res.body?.cancel();
      return null;
    }
    const text = await res.text();
    return {
      positionsAdmitted: sum(text, 'shieldline_positions_admitted_total'),
      positionsShed: sum(text, 'shieldline_positions_shed_total'),
      heapUsedBytes: sum(text, 'shieldline_nodejs_heap_size_used_bytes'),
      socketsConnected: sum(text, 'shieldline_sockets_connected'),
      at: performance.now(),
    };
  } catch {
    return null;
  }
}

/** Readings of several processes added up; null if any of them did not answer. */
export async function readAllMetrics(processUrls: string[], token: string): Promise<MetricsReading | null> {
  const readings = await Promise.all(processUrls.map((url) => readServerMetrics(url, token)));
  if (readings.some((r) => r === null)) return null;
  const all = readings as MetricsReading[];
  return {
    positionsAdmitted: all.reduce((t, r) => t + r.positionsAdmitted, 0),
    positionsShed: all.reduce((t, r) => t + r.positionsShed, 0),
    heapUsedBytes: all.reduce((t, r) => t + r.heapUsedBytes, 0),
    socketsConnected: all.reduce((t, r) => t + r.socketsConnected, 0),
    at: performance.now(),
  };
}
