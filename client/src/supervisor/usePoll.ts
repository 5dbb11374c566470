import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/http';

export interface PollState<T> {
  /** loading: nothing yet; ready: data is the latest answer; error: the latest try failed. */
  status: 'loading' | 'ready' | 'error';
  /** The last good answer, kept on screen while a later try fails. */
  data: T | null;
  error: string | null;
  /** Epoch ms of the last good answer. */
  at: number | null;
}

/**
 * Loads now and then every `everyMs` (never overlapping), and again whenever `key` changes.
 * An answer for an older key is dropped. A 401 is left to the session handler.
 */
export function usePoll<T>(
  load: () => Promise<T>,
  everyMs: number,
  key: string,
): PollState<T> & { reload: () => void } {
  const [state, setState] = useState<PollState<T>>({ status: 'loading', data: null, error: null, at: null });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const [kick, setKick] = useState(0);
  const shownKey = useRef(key);

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and kick restart the loop on purpose
  useEffect(() => {
    const mine = ++generation.current;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    // Another key (a new period, say): the old answer is not about it, so it goes.
    if (shownKey.current !== key) {
      shownKey.current = key;
      setState({ status: 'loading', data: null, error: null, at: null });
    }

    async function run(): Promise<void> {
      try {
        const data = await loadRef.current();
        if (stopped || mine !== generation.current) return;
        setState({ status: 'ready', data, error: null, at: Date.now() });
      } catch (err) {
        if (stopped || mine !== generation.current) return;
        const message = err instanceof ApiError ? err.message : String(err);
        setState((s) => ({ ...s, status: 'error', error: message }));
      }
      if (!stopped) timer = setTimeout(() => void run(), everyMs);
    }
    void run();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [key, kick, everyMs]);

  const reload = useCallback(() => setKick((k) => k + 1), []);
  return { ...state, reload };
}
