/**
 * The ledger and the reports count days, hours and months as the bureau lives them, in China's
 * time zone (UTC+8 all year, no daylight saving), whatever the server's own zone.
 */
const OFFSET_MS = 8 * 3600_000;

/** 00:00 in China of a 'YYYY-MM-DD' date. */
export function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** 00:00 in China of the day after: the exclusive end of an inclusive date range. */
export function chinaDayEnd(date: string): Date {
  return new Date(chinaDayStart(date).getTime() + 24 * 3600_000);
}

/** The hour of day (0–23) in China. */
export function chinaHour(at: Date): number {
  return new Date(at.getTime() + OFFSET_MS).getUTCHours();
}

/** The 'YYYY-MM-DD' date in China. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
