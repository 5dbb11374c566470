import type {
  BuiltInCheckpoint,
  CaseChecklist,
  CaseCheckpointState,
  CheckpointDefinition,
} from '@shared/domain/caseCheckpoint';
import type { InfringementCategory } from '@shared/domain/category';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import type { DB } from '../db/schema';
import { AppError, errors } from '../http/errors';
import { assertManages, assertSeesCase } from './caseAccess';
import { appendCaseEvent, type CaseRow, findCaseRow, lockCase } from './caseRepository';
import { changeCase, getCase } from './caseService';

type Db = Kysely<DB>;

/**
 * Categories whose case puts the officer's own conduct in question, so the investigation group's
 * finding (免责、减责、问责, 第二十二条) is due before closing. Which categories call for a finding
 * is local policy, kept here in one place.
 */
export const FINDING_CATEGORIES: ReadonlySet<InfringementCategory> = new Set([
  'false_accusation',
  'malicious_complaint',
  'wrongful_discipline',
]);

/** An internal wrongful discipline has no outside offender to handle (第二十一条): local policy. */
const NO_OFFENDER_CATEGORIES: ReadonlySet<InfringementCategory> = new Set(['wrongful_discipline']);

interface Facts {
  row: CaseRow;
  storedFiles: number;
  unverifiedFiles: number;
  offenderHandling: boolean;
}

interface Verdict {
  applies: boolean;
  passed: boolean;
  detail: string | null;
}

const refused = (row: CaseRow) => row.decision === 'refuse';

/** The built-in checks, by id; each reads only the facts gathered once per evaluation. */
const COMPUTED: Record<BuiltInCheckpoint, (f: Facts) => Verdict> = {
  acceptance_decision: ({ row }) => ({
    applies: true,
    passed: row.decision !== null,
    detail: row.decision === null ? null : row.decision === 'accept' ? '受理' : '不予受理',
  }),
  evidence_attached: (f) => {
    if (refused(f.row)) return { applies: false, passed: true, detail: 'refused' };
    const detail =
      f.storedFiles > 0 || f.unverifiedFiles > 0
        ? `${f.storedFiles} verified${f.unverifiedFiles ? `, ${f.unverifiedFiles} not verified` : ''}`
        : null;
    // A file whose hashes disagree, or still uploading, is not evidence yet.
    return { applies: true, passed: f.storedFiles > 0, detail };
  },
  offender_handling: (f) => {
    if (refused(f.row) || NO_OFFENDER_CATEGORIES.has(f.row.category as InfringementCategory))
      return { applies: false, passed: true, detail: null };
    return { applies: true, passed: f.offenderHandling, detail: null };
  },
  liability_finding: ({ row }) => {
    const applies =
      !refused(row) &&
      (FINDING_CATEGORIES.has(row.category as InfringementCategory) || row.liability_finding !== null);
    return {
      applies,
      passed: !applies || row.liability_finding !== null,
      detail: row.liability_finding,
    };
  },
  // A refusal's written answer (第十四条) is the feedback; otherwise the 第十六条 written feedback.
  written_feedback: ({ row }) =>
    refused(row)
      ? { applies: true, passed: Boolean(row.refusal_reasons), detail: 'refusal answer' }
      : {
          applies: true,
          passed: row.feedback_given_at !== null,
          detail: row.feedback_given_at ? new Date(row.feedback_given_at).toISOString() : null,
        },
};

function isBuiltIn(id: string): id is BuiltInCheckpoint {
  return id in COMPUTED;
}

function toDefinition(r: {
  id: string;
  label_zh: string;
  label_en: string;
  kind: string;
  active: boolean;
  position: number;
}): CheckpointDefinition {
  return {
    id: r.id,
    labelZh: r.label_zh,
    labelEn: r.label_en,
    kind: r.kind === 'computed' ? 'computed' : 'confirmed',
    active: r.active,
    position: r.position,
  };
}

export async function listCheckpointDefinitions(db: Db): Promise<CheckpointDefinition[]> {
  const rows = await db
    .selectFrom('case_checkpoints')
    .selectAll()
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toDefinition);
}

/** Evaluates every active checkpoint on one case (inside the caller's transaction when closing). */
export async function evaluateChecklist(db: Db, row: CaseRow): Promise<CaseChecklist> {
  const [definitions, files, handling, confirmations] = await Promise.all([
    db.selectFrom('case_checkpoints').selectAll().where('active', '=', true).orderBy('position').execute(),
    db
      .selectFrom('evidence_uploads')
      .select(['status'])
      .where((eb) =>
        row.incident_id
          ? eb.or([eb('case_id', '=', row.id), eb('incident_id', '=', row.incident_id)])
          : eb('case_id', '=', row.id),
      )
      .execute(),
    db
      .selectFrom('case_remedies')
      .select('id')
      .where('case_id', '=', row.id)
      .where('kind', '=', 'offender_handling')
      .executeTakeFirst(),
    db
      .selectFrom('case_checkpoint_confirmations')
      .innerJoin('users', 'users.id', 'case_checkpoint_confirmations.confirmed_by')
      .selectAll('case_checkpoint_confirmations')
      .select('users.display_name')
      .where('case_id', '=', row.id)
      .execute(),
  ]);
  const facts: Facts = {
    row,
    storedFiles: files.filter((f) => f.status === 'stored').length,
    unverifiedFiles: files.filter((f) => f.status !== 'stored').length,
    offenderHandling: handling !== undefined,
  };
  const confirmed = new Map(confirmations.map((c) => [c.checkpoint_id, c]));
  const checkpoints: CaseCheckpointState[] = definitions.map((d) => {
    const { active: _active, ...definition } = toDefinition(d);
    const c = confirmed.get(d.id);
    const confirmation = c
      ? {
          note: c.note,
          by: c.confirmed_by,
          byName: c.display_name,
          at: new Date(c.confirmed_at).toISOString(),
        }
      : null;
    if (d.kind === 'computed' && isBuiltIn(d.id))
      return { ...definition, ...COMPUTED[d.id](facts), confirmation };
    // A computed id this code does not know (added by a later version, then rolled back) cannot pass by itself.
    return { ...definition, applies: true, passed: c !== undefined, detail: null, confirmation };
  });
  return { checkpoints, ready: checkpoints.every((c) => c.passed) };
}

export async function caseChecklist(db: Db, p: Principal, id: string): Promise<CaseChecklist> {
  const row = await findCaseRow(db, id);
  if (!row) throw errors.notFound('case');
  const why = await assertSeesCase(db, p, row);
  if (why === 'department') throw errors.notFound('case');
  return evaluateChecklist(db, row);
}

/** An administrator adds a checkpoint; from then on every open case must pass it to close. */
export async function addCheckpoint(
  db: Db,
  p: Principal,
  body: { id: string; labelZh: string; labelEn: string },
): Promise<CheckpointDefinition> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('case_checkpoints')
      .select('id')
      .where('id', '=', body.id)
      .executeTakeFirst();
    if (exists) throw errors.conflict(`a checkpoint ${body.id} exists`);
    const last = await trx
      .selectFrom('case_checkpoints')
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirst();
    const row = await trx
      .insertInto('case_checkpoints')
      .values({
        id: body.id,
        label_zh: body.labelZh,
        label_en: body.labelEn,
        kind: 'confirmed',
        position: Number(last?.max ?? 0) + 10,
        created_by: actorOf(p),
        created_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: actorOf(p),
      action: 'case_checkpoint.add',
      target: `case_checkpoint:${body.id}`,
      outcome: 'success',
      details: { labelZh: body.labelZh, labelEn: body.labelEn },
    });
    return toDefinition(row);
  });
}

/** A person confirms an administrator-added checkpoint on a case, with a note. */
export async function confirmCheckpoint(
  db: Db,
  p: Principal,
  id: string,
  checkpointId: string,
  note: string,
): Promise<CaseChecklist> {
  await changeCase(db, p, id, 'checkpoint_confirmed', async (trx, row, user) => {
    if (row.status === 'closed') throw errors.conflict('the case is closed');
    const def = await trx
      .selectFrom('case_checkpoints')
      .selectAll()
      .where('id', '=', checkpointId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!def) throw errors.notFound('checkpoint');
    if (def.kind === 'computed')
      throw errors.conflict('a built-in checkpoint passes by what the case records');
    await trx
      .insertInto('case_checkpoint_confirmations')
      .values({
        case_id: id,
        checkpoint_id: checkpointId,
        note,
        confirmed_by: user.id,
        confirmed_at: new Date(),
      })
      .onConflict((oc) =>
        oc
          .columns(['case_id', 'checkpoint_id'])
          .doUpdateSet({ note, confirmed_by: user.id, confirmed_at: new Date() }),
      )
      .execute();
    return { checkpointId, note };
  });
  const row = await findCaseRow(db, id);
  if (!row) throw errors.notFound('case');
  return evaluateChecklist(db, row);
}

/**
 * 结案: only when every checkpoint passes. The refusal is the uniform error body with one detail
 * per missing checkpoint (`checkpoints.<id>`, its label), and is itself audited.
 */
export async function closeCase(db: Db, p: Principal, id: string, note?: string) {
  const user = assertManages(p);
  let missing: CaseCheckpointState[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      const row = await lockCase(trx, id);
      if (!row) throw errors.notFound('case');
      if (row.status === 'closed') throw errors.conflict('the case is already closed');
      const checklist = await evaluateChecklist(trx, row);
      missing = checklist.checkpoints.filter((c) => !c.passed);
      if (missing.length)
        throw new AppError(
          'conflict',
          `the case cannot close: ${missing.length} checkpoint(s) not passed (${missing.map((m) => m.id).join(', ')})`,
          missing.map((m) => ({ path: `checkpoints.${m.id}`, message: `${m.labelZh} / ${m.labelEn}` })),
        );
      const now = new Date();
      await trx
        .updateTable('cases')
        .set({ status: 'closed', closed_at: now, closed_by: user.id, updated_at: now })
        .where('id', '=', id)
        .execute();
      const details = {
        from: row.status,
        note: note ?? null,
        checkpoints: checklist.checkpoints.map((c) => c.id),
      };
      await appendCaseEvent(
        trx,
        id,
        { id: `user:${user.id}`, name: user.displayName },
        'closed',
        details,
        now,
      );
      await appendAudit(trx, {
        actor: actorOf(p),
        action: 'case.closed',
        target: `case:${id}`,
        outcome: 'success',
        details,
      });
    });
  } catch (err) {
    if (missing.length)
      await appendAudit(db, {
        actor: actorOf(p),
        action: 'case.close_refused',
        target: `case:${id}`,
        outcome: 'failure',
        details: { missing: missing.map((m) => m.id) },
      });
    throw err;
  }
  return getCase(db, p, id);
}
