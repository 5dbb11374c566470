import { AsyncLocalStorage } from 'node:async_hooks';

const background = new AsyncLocalStorage<true>();

/**
 * Runs `work` as background work: its database calls, and everything they start, yield PGlite's
 * one connection to the requests that an alert, an acknowledgement or a dispatch is waiting on
 * (db/prioritisedPglite.ts). Linkage jobs, the relay's job enqueueing and position history are
 * background work; requests are not.
 */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

/** Runs `work` in the foreground whatever started it (a commit notice from a worker's transaction, say). */
export function inForeground<T>(work: () => Promise<T>): Promise<T> {
  return background.exit(work);
}

export function isBackground(): boolean {
  return background.getStore() === true;
}
