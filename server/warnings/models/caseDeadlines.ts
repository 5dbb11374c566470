import { chinaDate, daysUntil } from '@shared/domain/caseDeadline';
import type { Finding, WarningModelFn } from '../finding';

/**
 * 第十四条 (decide within 3 working days) and 第十六条 (written feedback within 30 days, or the
 * director's extension): deadline_due when the date is within `dueWithinDays` (calendar days,
 * dates in China), deadline_overdue once it has passed. Due clears itself when the step is done,
 * the date moves, or it turns overdue; overdue does not: a deadline missed stays missed
 * (第三十六条(五) 推诿拖延) until a person resolves it with a note.
 */
export const caseDeadlines: WarningModelFn = async ({ db, settings, now }) => {
  const today = chinaDate(now);
  const rows = await db
    .selectFrom('cases')
    .select([
      'id',
      'reference',
      'status',
      'acceptance_due',
      'acceptance_basis',
      'feedback_due',
      'feedback_basis',
    ])
    .where('status', 'in', ['received', 'accepted'])
    .execute();
  const findings: Finding[] = [];
  for (const c of rows) {
    const step = c.status === 'received' ? 'acceptance' : 'feedback';
    const due = step === 'acceptance' ? c.acceptance_due : c.feedback_due;
    if (!due) continue;
    const left = daysUntil(due, today);
    const overdue = left < 0;
    if (!overdue && left > settings.deadlines.dueWithinDays) continue;
    findings.push({
      model: overdue ? 'deadline_overdue' : 'deadline_due',
      subject: `case:${c.id}:${step}`,
      fingerprint: due,
      evidence: {
        reason: step === 'acceptance' ? 'acceptance_deadline' : 'feedback_deadline',
        article: step === 'acceptance' ? '第十四条' : '第十六条',
        facts: {
          reference: c.reference,
          due,
          basis: (step === 'acceptance' ? c.acceptance_basis : c.feedback_basis) ?? null,
          today,
          daysLeft: left,
          ...(overdue ? {} : { thresholdDays: settings.deadlines.dueWithinDays }),
        },
      },
      refs: [{ kind: 'case', id: c.id, label: c.reference }],
    });
  }
  return findings;
};
