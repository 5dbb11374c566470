import type { Kysely } from 'kysely';
import { appendCaseEvent } from '../cases/caseRepository';
import { type BureauYears, classifyDay } from '../cases/workingDays';
import type { Config } from '../config/env';
import type { DB } from '../db/schema';
import { jobs, type OutboxJob } from '../jobs/jobCatalog';
import { insertNotice, type NoticeAudience, sendNotice } from './caseNotices';

/**
 * LOCAL POLICY (not in the measures): a deadline is reminded of once, on the working day before
 * it falls due, at 09:00 China time. The measures set the deadlines (第十四条 3 个工作日,
 * 第十六条 30 日); when to remind is the bureau's choice.
 */
export const REMINDER_WORKING_DAYS_BEFORE = 1;
export const REMINDER_HOUR_CHINA = 9;

export type CaseDeadlineName = 'acceptance' | 'feedback';

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The instant the reminder of a deadline due on `due` goes out. */
export function reminderAt(due: string, bureau: BureauYears): Date {
  let day = due;
  for (let left = REMINDER_WORKING_DAYS_BEFORE; left > 0; ) {
    day = previousDay(day);
    if (classifyDay(day, bureau).working) left -= 1;
  }
  // China has no daylight saving: 09:00 there is 01:00 UTC all year.
  return new Date(`${day}T${String(REMINDER_HOUR_CHINA - 8).padStart(2, '0')}:00:00Z`);
}

/** The delayed job that reminds of one deadline; already past its time, it runs at once. */
export function reminderJob(
  caseId: string,
  deadline: CaseDeadlineName,
  due: string,
  bureau: BureauYears,
  now = new Date(),
): OutboxJob {
  return jobs.caseReminder(
    caseId,
    deadline,
    due,
    Math.max(0, reminderAt(due, bureau).getTime() - now.getTime()),
  );
}

const SYSTEM_ACTOR = { id: 'system:case-reminders', name: null };

/**
 * `case.reminder`: if the deadline is still open and still due on that date (not decided, not
 * answered, not moved by an extension), records one reminder (its key makes a second run a
 * no-op) and sends it to 维权办, and to the committee when the case is before it.
 */
export async function remindDeadline(
  deps: { db: Kysely<DB>; config: Pick<Config, 'MESSAGE_GATEWAY'> },
  job: { caseId: string; deadline: CaseDeadlineName; due: string },
): Promise<'sent' | 'not_due' | 'already'> {
  const key = `reminder-${job.caseId}-${job.deadline}-${job.due}`;
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('cases')
      .select(['status', 'acceptance_due', 'feedback_due', 'serious_reasons'])
      .where('id', '=', job.caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return 'not_due' as const;
    const open =
      job.deadline === 'acceptance'
        ? row.status === 'received' && row.acceptance_due === job.due
        : row.status === 'accepted' && row.feedback_due === job.due;
    if (!open) return 'not_due' as const;
    const audience: NoticeAudience[] = ['rights_office'];
    if (row.serious_reasons?.length) audience.push('committee');
    const details = { deadline: job.deadline, due: job.due, policy: 'local' };
    const id = await insertNotice(trx, { caseId: job.caseId, kind: 'reminder', key, audience, details });
    if (!id) return 'already' as const;
    await appendCaseEvent(trx, job.caseId, SYSTEM_ACTOR, 'deadline_reminder', { ...details, audience });
    return 'sent' as const;
  });
  if (outcome === 'not_due') return outcome;
  // Sent here rather than through a second job: a retry after a gateway failure finds the
  // notice recorded but unsent and sends it then.
  const notice = await deps.db
    .selectFrom('case_notices')
    .select('id')
    .where('notice_key', '=', key)
    .executeTakeFirstOrThrow();
  await sendNotice(deps, notice.id);
  return outcome;
}
