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

/**
 * One turn of the event loop, for background loops to take between transactions. PGlite answers
 * without I/O, so transactions run back to back are one chain of promises: the event loop never
 * reads a socket, and a request cannot even ask for the connection until the chain ends (an alert
 * waited 2.6 s behind a 300,000-row outbox prune). After this turn, requests that arrived meanwhile
 * have asked, and they go first (prioritisedPglite.ts). Not taken for every background
 * transaction: most are one per job, with Redis I/O between them.
 */
export function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function isBackground(): boolean {
  return background.getStore() === true;
}
