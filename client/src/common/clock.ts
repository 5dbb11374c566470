import { useSyncExternalStore } from 'react';

/**
 * One shared 1 s tick for every timer on screen, aligned to the wall-clock second so all the
 * timers turn over together. It runs only while something is subscribed.
 */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;

function tick(): void {
  now = Date.now();
  for (const l of [...listeners]) l();
  timer = setTimeout(tick, 1000 - (now % 1000) + 5);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setTimeout(tick, 1000 - (now % 1000) + 5);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

const getNow = () => now;

/** The current time in epoch ms, updated once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getNow, getNow);
}
