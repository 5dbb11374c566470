/**
 * How long the oldest undelivered change may wait before consoles say so (local policy). The
 * server pushes a status at once when the lag crosses either level, and the console acts on the
 * same levels: a warning in its header, then red, because a picture that far behind must not
 * look live.
 */
export const RELAY_LAG_WARN_MS = 5000;
export const RELAY_LAG_BROKEN_MS = 10_000;

export type RelayLagLevel = 'ok' | 'slow' | 'broken';

export function relayLagLevel(lagMs: number): RelayLagLevel {
  if (lagMs >= RELAY_LAG_BROKEN_MS) return 'broken';
  return lagMs >= RELAY_LAG_WARN_MS ? 'slow' : 'ok';
}
