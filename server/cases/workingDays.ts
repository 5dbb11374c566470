import { chinaDate, type Deadline, type DeadlineBasis, type YearSchedule } from '@shared/domain/caseDeadline';
import chineseDays from 'chinese-days';

// The package is CommonJS without named-export hints: Node's ESM loader (npm start) sees only its default.
const { getHolidaysInRange, isWorkday } = chineseDays;

/**
 * Working days as the measures count them (第十四条 3 个工作日, 第十五条 10 个工作日): the State
 * Council's schedule with its 调休 make-up days, the day of receipt not counted, dates in China.
 * A year an administrator entered takes precedence over the package (it is the newer word);
 * a year neither covers is counted Monday–Friday and the deadline says so.
 */

const packagedYears = new Map<number, boolean>();

/** Whether chinese-days carries the State Council's schedule for a year (it lists its holidays). */
export function packageCovers(year: number): boolean {
  let covered = packagedYears.get(year);
  if (covered === undefined) {
    covered = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    packagedYears.set(year, covered);
  }
  return covered;
}

export type BureauYears = ReadonlyMap<number, YearSchedule>;

interface DayAnswer {
  working: boolean;
  basis: Exclude<DeadlineBasis, 'calendar_days'>;
}

function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function classifyDay(date: string, bureau: BureauYears): DayAnswer {
  const year = Number(date.slice(0, 4));
  const entered = bureau.get(year);
  if (entered) {
    if (entered.workdays.includes(date)) return { working: true, basis: 'bureau_calendar' };
    if (entered.holidays.includes(date)) return { working: false, basis: 'bureau_calendar' };
    const d = weekday(date);
    return { working: d !== 0 && d !== 6, basis: 'bureau_calendar' };
  }
  if (packageCovers(year)) return { working: isWorkday(date), basis: 'official_calendar' };
  const d = weekday(date);
  return { working: d !== 0 && d !== 6, basis: 'weekdays_fallback' };
}

const WEAKNESS: Record<DayAnswer['basis'], number> = {
  official_calendar: 0,
  bureau_calendar: 1,
  weekdays_fallback: 2,
};

/**
 * The date by which `count` working days after `from` have passed. The basis is the least
 * certain one among the days counted, so a deadline that crosses into an uncovered year is
 * marked as a fallback even if it started in a covered one.
 */
export function addWorkingDays(from: string, count: number, bureau: BureauYears): Deadline {
  let date = from;
  let basis: DayAnswer['basis'] = 'official_calendar';
  let left = count;
  while (left > 0) {
    date = addDays(date, 1);
    const day = classifyDay(date, bureau);
    if (WEAKNESS[day.basis] > WEAKNESS[basis]) basis = day.basis;
    if (day.working) left -= 1;
  }
  return { due: date, basis };
}

/** 第十六条's 30 日: calendar days, the first day not counted. */
export function addCalendarDays(from: string, count: number): Deadline {
  return { due: addDays(from, count), basis: 'calendar_days' };
}

/** The China date on which an instant falls (a paper application received at 23:30 UTC counts the next day). */
export function receiptDate(at: Date): string {
  return chinaDate(at);
}
