import type { IntervalName, IntervalStats } from '@shared/api/supervisor';

export interface IncidentTimes {
  raisedAt: Date;
  acknowledgedAt: Date | null;
  firstEnRouteAt: Date | null;
  firstOnSceneAt: Date | null;
  controlledAt: Date | null;
}

const FIELD: Record<IntervalName, keyof IncidentTimes> = {
  acknowledged: 'acknowledgedAt',
  firstEnRoute: 'firstEnRouteAt',
  firstOnScene: 'firstOnSceneAt',
  controlled: 'controlledAt',
};

/** Nearest-rank percentile: with few incidents an interpolated value would suggest false precision. */
function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

export function summarise(
  incidents: IncidentTimes[],
  targets: Record<IntervalName, number>,
): Record<IntervalName, IntervalStats> {
  const out = {} as Record<IntervalName, IntervalStats>;
  for (const name of Object.keys(FIELD) as IntervalName[]) {
    const seconds = incidents
      .map((i) => {
        const at = i[FIELD[name]];
        return at ? (at.getTime() - i.raisedAt.getTime()) / 1000 : null;
      })
      .filter((s): s is number => s !== null && s >= 0)
      .sort((a, b) => a - b);
    const targetS = targets[name];
    out[name] = {
      count: seconds.length,
      medianS: percentile(seconds, 50),
      p90S: percentile(seconds, 90),
      targetS,
      withinTarget: seconds.length ? seconds.filter((s) => s <= targetS).length / seconds.length : null,
    };
  }
  return out;
}
