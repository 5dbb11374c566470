import { RELAY_LAG_BROKEN_MS } from '@shared/events/relayLag';
import type { SystemStatus } from '@shared/events/socketEvents';
import { describe, expect, it } from 'vitest';
import { type ConsoleState, initialConsoleState } from './consoleState';
import { shouldRecover, watchdog } from './deliveryWatchdog';

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);

function status(over: Partial<SystemStatus> = {}): SystemStatus {
  return {
    at: new Date(T0).toISOString(),
    redis: 'up',
    database: 'up',
    outbox: { pending: 0, oldestPendingS: 0, deadLettered: 0 },
    relayLagMs: 0,
    heartbeatMs: 2000,
    ...over,
  };
}

function live(system: SystemStatus | null = status()): ConsoleState {
  return { ...initialConsoleState(), loaded: true, connection: 'live', lastLiveAt: T0, system };
}

describe('delivery watchdog', () => {
  it('keeps a console live while it hears the server within three heartbeats', () => {
    const state = live();
    expect(watchdog(state, T0, T0 + 5_900)).toBe(state);
  });

  it('turns a live console stale when statuses and events stop arriving', () => {
    const state = watchdog(live(), T0, T0 + 6_100);
    expect(state.connection).toBe('stale');
    // The moment it stopped being live is kept for the "last live" banner.
    expect(state.lastLiveAt).toBe(T0 + 6_100);
  });

  it('uses the default heartbeat before the first status arrives', () => {
    expect(watchdog(live(null), T0, T0 + 14_000).connection).toBe('live');
    expect(watchdog(live(null), T0, T0 + 15_100).connection).toBe('stale');
  });

  it('turns stale when the server says Redis, the database or delivery is broken', () => {
    expect(watchdog(live(status({ redis: 'down' })), T0, T0).connection).toBe('stale');
    expect(watchdog(live(status({ database: 'down' })), T0, T0).connection).toBe('stale');
    expect(watchdog(live(status({ relayLagMs: RELAY_LAG_BROKEN_MS })), T0, T0).connection).toBe('stale');
    expect(watchdog(live(status({ relayLagMs: 3000 })), T0, T0).connection).toBe('live');
  });

  it('leaves other connection states to the socket', () => {
    const reconnecting = { ...live(), connection: 'reconnecting' as const };
    expect(watchdog(reconnecting, T0, T0 + 60_000)).toBe(reconnecting);
  });

  it('recovers (through a resume) only once the server is heard and delivery works', () => {
    const stale = { ...live(status({ redis: 'down' })), connection: 'stale' as const };
    expect(shouldRecover(stale, T0, T0)).toBe(false);
    const healthy = { ...stale, system: status() };
    expect(shouldRecover(healthy, T0, T0 + 1000)).toBe(true);
    expect(shouldRecover(healthy, T0, T0 + 10_000)).toBe(false);
  });
});
