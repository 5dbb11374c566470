import { useCallback, useState } from 'react';
import { ApiError } from '../api/http';

/** Runs one change to a case: busy while it runs, the server's message when it fails, then `done`. */
export function useCaseAction(done: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await action();
        done();
        return true;
      } catch (err) {
        setError(err instanceof ApiError ? err.message : String(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [done],
  );
  return { busy, error, run };
}
