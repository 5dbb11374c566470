import type { PeriodSpan, ReportPeriod } from '../api/reports';

const MONTHS: Record<ReportPeriod, number> = { month: 1, quarter: 3, year: 12 };

function ymd(year: number, month0: number): string {
  // Date.UTC rolls months over into years, so month0 may be negative or past 11
  return new Date(Date.UTC(year, month0, 1)).toISOString().slice(0, 10);
}

/** The month, quarter or year holding `day` ('YYYY-MM-DD'), as [first day, first day of the next). */
export function spanOf(period: ReportPeriod, day: string): PeriodSpan {
  const year = Number(day.slice(0, 4));
  const month0 = Number(day.slice(5, 7)) - 1;
  const size = MONTHS[period];
  const first = Math.floor(month0 / size) * size;
  return { start: ymd(year, first), end: ymd(year, first + size) };
}

export function previousSpan(period: ReportPeriod, span: PeriodSpan): PeriodSpan {
  const year = Number(span.start.slice(0, 4));
  const month0 = Number(span.start.slice(5, 7)) - 1;
  return { start: ymd(year, month0 - MONTHS[period]), end: span.start };
}

export function spanDays(span: PeriodSpan): number {
  return Math.round((Date.parse(span.end) - Date.parse(span.start)) / 86_400_000);
}

/** The period after this one: the next month, quarter or year. */
export function nextSpan(period: ReportPeriod, span: PeriodSpan): PeriodSpan {
  return spanOf(period, span.end);
}
