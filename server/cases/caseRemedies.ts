import { randomUUID } from 'node:crypto';
import {
  type CaseRemedy,
  LIABILITY_WEIGHT,
  type LiabilityFinding,
  type RemedyInput,
} from '@shared/domain/case';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { DB } from '../db/schema';
import { errors } from '../http/errors';
import { isCommitteeMember } from './caseAccess';
import { remediesOf } from './caseRepository';
import { changeCase } from './caseService';

/** 第二十一条: the legal basis of each way the offender is handled. */
export const HANDLING_BASIS = {
  criminal_obstruction: '《中华人民共和国刑法》第二百七十七条 妨害公务罪',
  criminal_assault_police: '《中华人民共和国刑法》第二百七十七条第五款 袭警罪',
  administrative: '《中华人民共和国治安管理处罚法》第五十条第一款第二项、第二款',
  none: null,
} as const;

/**
 * 第二十四条: 不得因民警提出申诉而对其加重处分. An appeal's result may be the same or lighter,
 * never heavier than the finding appealed.
 */
export function appealAllowed(current: LiabilityFinding, proposed: LiabilityFinding): boolean {
  return LIABILITY_WEIGHT[proposed] <= LIABILITY_WEIGHT[current];
}

function amountOf(input: RemedyInput): number | null {
  return input.kind === 'comfort_money' || input.kind === 'compensation' ? input.amountYuan : null;
}

/** Records one outcome or remedy, with the committee member who approved it. */
export async function addRemedy(
  db: Kysely<DB>,
  p: Principal,
  id: string,
  input: RemedyInput,
): Promise<CaseRemedy> {
  const approver = await db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'display_name', 'disabled', 'committee_director'])
    .where('id', '=', input.approvedBy)
    .executeTakeFirst();
  if (!approver || !isCommitteeMember(approver))
    throw errors.forbidden('the approver must be the committee (维权委) or its director');
  const remedyId = randomUUID();
  await changeCase(db, p, id, `remedy_${input.kind}`, async (trx, row) => {
    if (!['accepted', 'feedback_given', 'reexamination_requested'].includes(row.status))
      throw errors.conflict('remedies follow acceptance');
    const { approvedBy: _a, kind: _k, ...rest } = input;
    const details: Record<string, unknown> = { ...rest };
    if (input.kind === 'offender_handling') details.basis = HANDLING_BASIS[input.track];
    if (input.kind === 'liability_finding') {
      if (row.liability_finding)
        throw errors.conflict('a finding exists; a change goes through an appeal (申诉, 第二十四条)');
    }
    if (input.kind === 'liability_appeal') {
      const current = row.liability_finding as LiabilityFinding | null;
      if (!current) throw errors.conflict('there is no finding to appeal');
      if (!appealAllowed(current, input.finding))
        throw errors.conflict(`an appeal may not make the finding heavier than ${current} (第二十四条)`);
      details.previous = current;
    }
    const now = new Date();
    await trx
      .insertInto('case_remedies')
      .values({
        id: remedyId,
        case_id: id,
        kind: input.kind,
        details: JSON.stringify(details),
        amount_yuan: amountOf(input),
        approved_by: approver.id,
        recorded_by: `user:${p.kind === 'user' ? p.user.id : ''}`,
        at: now,
      })
      .execute();
    if (input.kind === 'liability_finding' || input.kind === 'liability_appeal')
      await trx
        .updateTable('cases')
        .set({ liability_finding: input.finding, updated_at: now })
        .where('id', '=', id)
        .execute();
    else await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', id).execute();
    return { remedyId, ...details, approvedBy: approver.id, approvedByName: approver.display_name };
  });
  const all = await remediesOf(db, id);
  const made = all.find((r) => r.id === remedyId);
  if (!made) throw errors.notFound('remedy');
  return made;
}
