import { relayLagLevel } from '@shared/events/relayLag';
import type { SystemStatus } from '@shared/events/socketEvents';
import { type ConsoleState, setConnection } from './consoleState';

/** Before the first status names its heartbeat: the server's default. */
const DEFAULT_HEARTBEAT_MS = 5000;
/** Missed heartbeats before the console calls its picture stale (local policy). */
const MISSED_HEARTBEATS = 3;

/** How long a live console may hear nothing (no status, no event) before it turns red. */
export function staleAfterMs(system: SystemStatus | null): number {
  return (system?.heartbeatMs ?? DEFAULT_HEARTBEAT_MS) * MISSED_HEARTBEATS;
}

/** The server says changes are not reaching consoles: Redis or the database down, or a backlog. */
export function deliveryBroken(system: SystemStatus | null): boolean {
  if (!system) return false;
  return (
    system.redis === 'down' || system.database === 'down' || relayLagLevel(system.relayLagMs) === 'broken'
  );
}

/**
 * The watchdog's verdict, checked every second and on every status: a live console that has
 * heard nothing for too long, or is told delivery is broken, is `stale` (red) rather than `live`.
 * Coming back from stale goes through a resume, so the console does not claim live on a gap.
 */
export function watchdog(state: ConsoleState, lastHeardAt: number, now: number): ConsoleState {
  if (state.connection !== 'live') return state;
  if (deliveryBroken(state.system) || now - lastHeardAt > staleAfterMs(state.system))
    return setConnection(state, 'stale', now);
  return state;
}

/** Whether a stale console should catch up now: it hears the server again and delivery works. */
export function shouldRecover(state: ConsoleState, lastHeardAt: number, now: number): boolean {
  return (
    state.connection === 'stale' &&
    !deliveryBroken(state.system) &&
    now - lastHeardAt <= staleAfterMs(state.system)
  );
}
