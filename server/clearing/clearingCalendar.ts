import { chinaDate } from '@shared/domain/caseDeadline';
import type { PeriodKind } from '@shared/domain/clearing';

/**
 * Clearing days and periods in the bureau's time (Asia/Shanghai, UTC+8 all year: China keeps no
 * daylight saving time, so a fixed offset turns a date into its first instant exactly).
 */
export const BUREAU_OFFSET = '+08:00';

/** The first instant of a China date. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00${BUREAU_OFFSET}`);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The day an end-of-day run clears: today when the cut is in the afternoon or evening; when the
 * bureau cuts after midnight (00:30), the day that just ended.
 */
export function dayBeingCleared(now: Date, cutoff: string): string {
  const hour = Number(cutoff.slice(0, 2));
  return hour < 12 ? chinaDate(new Date(now.getTime() - 24 * 3600_000)) : chinaDate(now);
}

/** First and last day (inclusive) of `2026-11` or `2026-Q4`. */
export function periodDays(kind: PeriodKind, period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const firstMonth = kind === 'month' ? Number(period.slice(5, 7)) : (Number(period.slice(6)) - 1) * 3 + 1;
  const months = kind === 'month' ? 1 : 3;
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const next = new Date(Date.UTC(year, firstMonth - 1 + months, 1));
  return { from, to: addDays(next.toISOString().slice(0, 10), -1) };
}
