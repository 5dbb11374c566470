import { routes } from '@shared/api/routes';
import type { ClearingItemKind, PeriodKind } from '@shared/domain/clearing';
import { call } from '../api/call';

/** The clearing routes (server/clearing) as the 清零 view uses them. */
export const clearingApi = {
  daily: (pending: boolean) => call(routes.clearing.daily, { query: pending ? { pending: '1' } : {} }),
  carryOver: (itemKind: ClearingItemKind, itemId: string, reason: string) =>
    call(routes.clearing.carryOver, { body: { itemKind, itemId, reason } }),
  hanging: () => call(routes.clearing.hanging, {}),
  period: (kind: PeriodKind, period: string) => call(routes.clearing.period, { params: { kind, period } }),
  signOff: (kind: PeriodKind, period: string, note: string) =>
    call(routes.clearing.signOff, { params: { kind, period }, body: { note } }),
};

/** The month and quarter that ended last, from a China date: what is due for closing. */
export function lastPeriods(today: string): { month: string; quarter: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const q = Math.floor((m - 1) / 3);
  const quarter = q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
  return { month, quarter };
}
