import type { CalendarYear, YearSchedule } from '@shared/domain/caseDeadline';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import type { DB } from '../db/schema';
import { AppError } from '../http/errors';
import { packageCovers } from './workingDays';

/** The last year chinese-days carries, so the screen can say from when administrators must enter years. */
export function packagedThrough(from = new Date().getUTCFullYear()): number {
  let year = from;
  while (packageCovers(year + 1)) year += 1;
  while (!packageCovers(year) && year > 2004) year -= 1;
  return year;
}

export async function listCalendarYears(db: Kysely<DB>): Promise<CalendarYear[]> {
  const rows = await db.selectFrom('working_calendar_years').selectAll().orderBy('year').execute();
  return rows.map((r) => ({
    year: r.year,
    holidays: r.holidays,
    workdays: r.workdays,
    enteredBy: r.entered_by,
    enteredAt: new Date(r.entered_at).toISOString(),
  }));
}

/**
 * An administrator enters (or corrects) a year's official schedule. Deadlines already computed
 * keep their dates: a case's deadline is what the applicant was told.
 */
export async function enterCalendarYear(
  db: Kysely<DB>,
  p: Principal,
  year: number,
  schedule: YearSchedule,
): Promise<CalendarYear> {
  if (schedule.year !== year)
    throw new AppError('validation_failed', 'body.year: must match the year in the path', [
      { path: 'body.year', message: 'must match the year in the path' },
    ]);
  const now = new Date();
  const row = {
    year,
    holidays: JSON.stringify([...new Set(schedule.holidays)].sort()),
    workdays: JSON.stringify([...new Set(schedule.workdays)].sort()),
    entered_by: actorOf(p),
    entered_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('working_calendar_years')
      .values(row)
      .onConflict((oc) =>
        oc.column('year').doUpdateSet({
          holidays: row.holidays,
          workdays: row.workdays,
          entered_by: row.entered_by,
          entered_at: row.entered_at,
        }),
      )
      .execute();
    await appendAudit(trx, {
      actor: actorOf(p),
      action: 'calendar.enter_year',
      target: `calendar:${year}`,
      outcome: 'success',
      details: { holidays: schedule.holidays.length, workdays: schedule.workdays.length },
    });
  });
  return {
    year,
    holidays: [...new Set(schedule.holidays)].sort(),
    workdays: [...new Set(schedule.workdays)].sort(),
    enteredBy: row.entered_by,
    enteredAt: now.toISOString(),
  };
}
