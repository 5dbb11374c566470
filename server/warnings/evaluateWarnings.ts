import { randomUUID } from 'node:crypto';
import { OPEN_WARNING_STATUSES, type Warning, type WarningModel } from '@shared/domain/warning';
import { appendAudit } from '../audit/auditLog';
import type { Database } from '../db/database';
import type { Finding, WarningModelFn } from './finding';
import { caseDeadlines } from './models/caseDeadlines';
import { repeatVictim } from './models/repeatVictim';
import { slowResponse } from './models/slowResponse';
import { suspectedDowngrade } from './models/suspectedDowngrade';
import { unfiledObstruction } from './models/unfiledObstruction';
import { toWarning } from './warningRepository';
import { currentWarningSettings } from './warningSettings';

/** Each evaluator and the models it speaks for (one query answers both deadline models). */
const EVALUATORS: Array<{ models: WarningModel[]; run: WarningModelFn }> = [
  { models: ['unfiled_obstruction'], run: unfiledObstruction },
  { models: ['suspected_downgrade'], run: suspectedDowngrade },
  { models: ['repeat_victim'], run: repeatVictim },
  { models: ['deadline_due', 'deadline_overdue'], run: caseDeadlines },
  { models: ['slow_response'], run: slowResponse },
];

/**
 * Models whose open warning the system clears when the condition is gone (a case filed, the
 * handling put right, the window slid, the deadline met). The others record something that
 * happened late — it stays true — and only a person ends them, with a note.
 */
export const CLEARS_ITSELF: ReadonlySet<WarningModel> = new Set([
  'unfiled_obstruction',
  'suspected_downgrade',
  'repeat_victim',
  'deadline_due',
]);

export type WarningChangeKind = 'fired' | 'updated' | 'cleared' | 'acknowledged' | 'resolved';
export interface WarningChange {
  kind: WarningChangeKind;
  warning: Warning;
}

const OPEN = [...OPEN_WARNING_STATUSES];
const SYSTEM_ACTOR = 'system:warnings';

/**
 * Runs every model and reconciles its findings with the stored warnings:
 * - a finding with no open warning for its (model, subject) fires one, unless a person resolved
 *   the same facts (same fingerprint) before; the partial unique index keeps racing evaluations
 *   to one open warning;
 * - a finding with an open warning refreshes its evidence (a repeat victim hit again) without firing;
 * - an open warning with no finding is cleared, for the models that clear themselves.
 */
export async function evaluateWarnings(db: Database, now = new Date()): Promise<WarningChange[]> {
  const { settings } = await currentWarningSettings(db);
  const changes: WarningChange[] = [];
  for (const evaluator of EVALUATORS) {
    const findings = await evaluator.run({ db, settings, now });
    for (const model of evaluator.models)
      changes.push(
        ...(await reconcile(
          db,
          model,
          findings.filter((f) => f.model === model),
          now,
        )),
      );
  }
  return changes;
}

async function reconcile(
  db: Database,
  model: WarningModel,
  findings: Finding[],
  now: Date,
): Promise<WarningChange[]> {
  const changes: WarningChange[] = [];
  const open = await db
    .selectFrom('warnings')
    .selectAll()
    .where('model', '=', model)
    .where('status', 'in', OPEN)
    .execute();
  const openBySubject = new Map(open.map((w) => [w.subject_key, w]));
  const found = new Set(findings.map((f) => f.subject));

  for (const f of findings) {
    const current = openBySubject.get(f.subject);
    if (current) {
      const evidence = JSON.stringify(f.evidence);
      if (current.fingerprint === f.fingerprint && JSON.stringify(current.evidence) === evidence) continue;
      const row = await db
        .updateTable('warnings')
        .set({ fingerprint: f.fingerprint, evidence, refs: JSON.stringify(f.refs), updated_at: now })
        .where('id', '=', current.id)
        .where('status', 'in', OPEN)
        .returningAll()
        .executeTakeFirst();
      if (row) changes.push({ kind: 'updated', warning: toWarning(row) });
      continue;
    }
    const settled = await db
      .selectFrom('warnings')
      .select('id')
      .where('model', '=', model)
      .where('subject_key', '=', f.subject)
      .where('fingerprint', '=', f.fingerprint)
      .where('status', '=', 'resolved')
      .executeTakeFirst();
    if (settled) continue;
    const fired = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('warnings')
        .values({
          id: randomUUID(),
          model,
          subject_key: f.subject,
          fingerprint: f.fingerprint,
          status: 'active',
          evidence: JSON.stringify(f.evidence),
          refs: JSON.stringify(f.refs),
          fired_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['model', 'subject_key']).where('status', 'in', OPEN).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row)
        await appendAudit(trx, {
          actor: SYSTEM_ACTOR,
          action: 'warning.fired',
          target: `warning:${row.id}`,
          outcome: 'success',
          details: { model, subject: f.subject, evidence: f.evidence },
        });
      return row;
    });
    if (fired) changes.push({ kind: 'fired', warning: toWarning(fired) });
  }

  if (CLEARS_ITSELF.has(model)) {
    for (const w of open) {
      if (found.has(w.subject_key)) continue;
      const cleared = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('warnings')
          .set({ status: 'cleared', cleared_at: now, updated_at: now })
          .where('id', '=', w.id)
          .where('status', 'in', OPEN)
          .returningAll()
          .executeTakeFirst();
        if (row)
          await appendAudit(trx, {
            actor: SYSTEM_ACTOR,
            action: 'warning.cleared',
            target: `warning:${row.id}`,
            outcome: 'success',
            details: { model, subject: w.subject_key },
          });
        return row;
      });
      if (cleared) changes.push({ kind: 'cleared', warning: toWarning(cleared) });
    }
  }
  return changes;
}
