import type { Warning } from '@shared/domain/warning';
import { OPEN_WARNING_STATUSES, type WarningModel, type WarningStatus } from '@shared/domain/warning';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import { toWarning } from './warningRepository';

export async function listWarnings(
  db: Database,
  q: { status: WarningStatus | 'open' | 'all'; model?: WarningModel; limit: number },
): Promise<Warning[]> {
  let query = db.selectFrom('warnings').selectAll().orderBy('fired_at', 'desc').orderBy('id').limit(q.limit);
  if (q.status === 'open') query = query.where('status', 'in', [...OPEN_WARNING_STATUSES]);
  else if (q.status !== 'all') query = query.where('status', '=', q.status);
  if (q.model) query = query.where('model', '=', q.model);
  return (await query.execute()).map(toWarning);
}

/**
 * A person takes up (acknowledge) or ends (resolve) a warning with a note: who, when and what
 * they found is kept on the warning and in the audit chain (第三十六条 asks who is accountable).
 */
export async function handleWarning(
  db: Database,
  p: Principal,
  id: string,
  action: 'acknowledge' | 'resolve',
  note: string,
  requestId: string | null,
): Promise<Warning> {
  const actor = actorOf(p);
  const row = await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('warnings')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw errors.notFound('warning');
    const now = new Date();
    if (action === 'acknowledge' && current.status !== 'active')
      throw errors.conflict(`the warning is ${current.status}, not active`);
    if (action === 'resolve' && !(OPEN_WARNING_STATUSES as readonly string[]).includes(current.status))
      throw errors.conflict(`the warning is already ${current.status}`);
    const updated = await trx
      .updateTable('warnings')
      .set(
        action === 'acknowledge'
          ? {
              status: 'acknowledged',
              acknowledged_at: now,
              acknowledged_by: actor,
              acknowledged_note: note,
              updated_at: now,
            }
          : {
              status: 'resolved',
              resolved_at: now,
              resolved_by: actor,
              resolved_note: note,
              updated_at: now,
            },
      )
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor,
      action: `warning.${action === 'acknowledge' ? 'acknowledged' : 'resolved'}`,
      target: `warning:${id}`,
      outcome: 'success',
      requestId,
      details: { model: current.model, subject: current.subject_key, note },
    });
    return updated;
  });
  return toWarning(row);
}
