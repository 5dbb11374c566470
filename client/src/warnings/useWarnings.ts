import { routes } from '@shared/api/routes';
import type { Warning } from '@shared/domain/warning';
import { WarningChangeEvent } from '@shared/events/socketEvents';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { onReconnect, onWarningChange } from '../console/consoleStore';
import { applyWarningChange, sortWarnings } from './warningSelectors';

/** A backstop for a change the socket missed (warning events are not replayed after a gap). */
const RELOAD_MS = 60_000;

export interface WarningsState {
  status: 'loading' | 'ready' | 'error';
  warnings: Warning[];
  error: string | null;
  /** Ids fired while this view was open, to draw the eye to them. */
  fresh: ReadonlySet<string>;
}

/** The open warnings: loaded, kept live by `warnings:v1:changed`, reloaded on reconnect. */
export function useWarnings(): WarningsState & { reload: () => void; replace: (w: Warning) => void } {
  const [state, setState] = useState<WarningsState>({
    status: 'loading',
    warnings: [],
    error: null,
    fresh: new Set(),
  });
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    call(routes.warnings.list, { query: {} })
      .then((res) => {
        if (mine !== generation.current) return;
        setState((s) => ({ ...s, status: 'ready', warnings: sortWarnings(res.warnings), error: null }));
      })
      .catch((err: unknown) => {
        if (mine !== generation.current) return;
        setState((s) => ({
          ...s,
          status: 'error',
          error: err instanceof ApiError ? err.message : String(err),
        }));
      });
  }, []);

  useEffect(() => {
    reload();
    const timer = setInterval(reload, RELOAD_MS);
    const offChange = onWarningChange((raw) => {
      const parsed = WarningChangeEvent.safeParse(raw);
      if (!parsed.success) return;
      const change = parsed.data;
      setState((s) => ({
        ...s,
        warnings: applyWarningChange(s.warnings, change),
        fresh: change.kind === 'fired' ? new Set([...s.fresh, change.warning.id]) : s.fresh,
      }));
    });
    const offReconnect = onReconnect(reload);
    return () => {
      clearInterval(timer);
      offChange();
      offReconnect();
    };
  }, [reload]);

  const replace = useCallback((w: Warning) => {
    setState((s) => ({ ...s, warnings: applyWarningChange(s.warnings, { kind: 'updated', warning: w }) }));
  }, []);

  return { ...state, reload, replace };
}
