import type { ChildProcess } from 'node:child_process';
import { forkTs, nextMessage, stopChild } from './ipc';
import type { Teardown } from './teardown';

/**
 * `count` socket.io consoles logged in with `cookie`, in a child process of their own (so the
 * bench's clients do not share the measuring process's event loop), stopped by `teardown`.
 * Resolves once they are connected, with how many made it and how long it took.
 */
export async function startSocketConsoles(url: string, count: number, cookie: string, teardown: Teardown) {
  const fleet: ChildProcess = forkTs('bench/consoleFleet.ts', [], {
    FLEET_MODE: 'socketio',
    FLEET_URL: url,
    FLEET_COUNT: String(count),
    FLEET_COOKIE: cookie,
  });
  teardown.add('consoles', () => stopChild(fleet));
  const ready = await nextMessage(fleet, 'ready', 60_000 + count * 120);
  return { fleet, ready };
}
