import { z } from 'zod';

/** A calendar date in China's time zone, as the measures count deadlines. */
export const IsoDate = z.iso.date();

/**
 * Where a deadline's days came from: the State Council's schedule as packaged (chinese-days),
 * a year's schedule an administrator entered here, plain Monday–Friday because neither covers
 * the year (shown as such, never silently), or calendar days (第十六条's 30 日).
 */
export const DEADLINE_BASES = [
  'official_calendar',
  'bureau_calendar',
  'weekdays_fallback',
  'calendar_days',
] as const;
export const DeadlineBasis = z.enum(DEADLINE_BASES);
export type DeadlineBasis = z.infer<typeof DeadlineBasis>;

export const Deadline = z.object({ due: IsoDate, basis: DeadlineBasis });
export type Deadline = z.infer<typeof Deadline>;

/** A year's official schedule as an administrator enters it when the State Council publishes it. */
export const YearSchedule = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** Days off that would otherwise be working days (the holidays and their bridging days). */
    holidays: z.array(IsoDate).max(60),
    /** Weekend days that are working days (调休 make-up days). */
    workdays: z.array(IsoDate).max(20),
  })
  .superRefine((s, ctx) => {
    for (const key of ['holidays', 'workdays'] as const) {
      s[key].forEach((d, i) => {
        if (!d.startsWith(`${s.year}-`))
          ctx.addIssue({ code: 'custom', path: [key, i], message: `${d} is not in ${s.year}` });
      });
    }
    const off = new Set(s.holidays);
    s.workdays.forEach((d, i) => {
      if (off.has(d))
        ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${d} is also a holiday` });
    });
  });
export type YearSchedule = z.infer<typeof YearSchedule>;

export const CalendarYear = z.object({
  year: z.number().int(),
  holidays: z.array(IsoDate),
  workdays: z.array(IsoDate),
  enteredBy: z.string(),
  enteredAt: z.iso.datetime({ offset: true }),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

/** Whole days from `today` to `due` (both YYYY-MM-DD): negative once overdue. */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Local policy, not an article: a deadline due within this many days shows amber. */
export const DUE_SOON_DAYS = 1;

export type DeadlineState = 'ok' | 'due_soon' | 'overdue';

export function deadlineState(due: string, today: string): DeadlineState {
  const left = daysUntil(due, today);
  if (left < 0) return 'overdue';
  if (left <= DUE_SOON_DAYS) return 'due_soon';
  return 'ok';
}

/** Today's date in China (Asia/Shanghai), whatever the machine's zone. */
export function chinaDate(at: Date | number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
