import { randomUUID } from 'node:crypto';
import type { CaseNotice } from '@shared/domain/committee';
import type { Kysely } from 'kysely';
import type { Config } from '../config/env';
import type { DB } from '../db/schema';
import { departmentChannels } from '../delivery/departmentChannels';
import { messageGateway } from '../delivery/messageGateway';
import { logger } from '../observability/logger';

export type NoticeAudience = CaseNotice['audience'][number];

export interface NewNotice {
  caseId: string;
  kind: CaseNotice['kind'];
  /** One notice per key, whoever asks twice: serious-<case>, reminder-<case>-<deadline>-<due>, … */
  key: string;
  audience: NoticeAudience[];
  details?: Record<string, unknown>;
}

/** Records a notice unless one with its key exists; returns its id, or null when it was there already. */
export async function insertNotice(trx: Kysely<DB>, n: NewNotice, now = new Date()): Promise<string | null> {
  const id = randomUUID();
  const inserted = await trx
    .insertInto('case_notices')
    .values({
      id,
      case_id: n.caseId,
      kind: n.kind,
      notice_key: n.key,
      audience: JSON.stringify(n.audience),
      details: JSON.stringify(n.details ?? {}),
      created_at: now,
    })
    .onConflict((oc) => oc.column('notice_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/**
 * Where a notice goes: 维权办's duty desk (its department contact), and each active committee
 * member. Committee members have no contact on record yet, so they are addressed by username for
 * the gateway to resolve (like `duty:<department>` when a department has none).
 */
async function recipientsOf(db: Kysely<DB>, audience: readonly NoticeAudience[]): Promise<string[]> {
  const to: string[] = [];
  if (audience.includes('rights_office')) {
    const { dutyContact } = await departmentChannels(db, 'rights_office');
    to.push(dutyContact ?? 'duty:rights_office');
  }
  if (audience.includes('committee')) {
    const members = await db
      .selectFrom('users')
      .select('username')
      .where('role', '=', 'committee')
      .where('disabled', '=', false)
      .orderBy('username')
      .execute();
    to.push(...members.map((m) => `committee:${m.username}`));
  }
  return to;
}

const DEADLINE_NAMES: Record<string, string> = { acceptance: '受理答复期限', feedback: '书面反馈期限' };

/** No names or facts: SMS/IM passes through systems outside the police network. */
function textOf(kind: string, reference: string, details: Record<string, unknown>): string {
  if (kind === 'serious') return `【维权委】维权案件 ${reference} 已提交维权委，请登录查看。`;
  if (kind === 'extension_request')
    return `【维权委】维权案件 ${reference} 申请延长办理时间至 ${String(details.until ?? '')}，待维权委主任决定（第十六条）。`;
  const name = DEADLINE_NAMES[String(details.deadline)] ?? '期限';
  return `【期限提醒】维权案件 ${reference} 的${name}为 ${String(details.due ?? '')}，请及时办理。`;
}

/**
 * `case.notice`: sends one notice through the linkage workers' message gateway (SMS/IM) to
 * every recipient, then marks it sent. A notice already sent is not sent again; a gateway
 * failure throws so the job retries.
 */
export async function sendNotice(
  deps: { db: Kysely<DB>; config: Pick<Config, 'MESSAGE_GATEWAY'> },
  noticeId: string,
): Promise<void> {
  const notice = await deps.db
    .selectFrom('case_notices')
    .innerJoin('cases', 'cases.id', 'case_notices.case_id')
    .select([
      'case_notices.id',
      'case_notices.kind',
      'case_notices.audience',
      'case_notices.details',
      'case_notices.sent_at',
      'cases.reference',
    ])
    .where('case_notices.id', '=', noticeId)
    .executeTakeFirst();
  if (!notice || notice.sent_at) return;
  const text = textOf(notice.kind, notice.reference, notice.details);
  const gateway = messageGateway(deps.config);
  for (const to of await recipientsOf(deps.db, notice.audience as NoticeAudience[])) {
    // The gateway's message names a task; a notice travels under its own id and kind.
    await gateway.send({ to, text, taskId: notice.id, event: `case.${notice.kind}` });
  }
  await deps.db
    .updateTable('case_notices')
    .set({ sent_at: new Date() })
    .where('id', '=', noticeId)
    .where('sent_at', 'is', null)
    .execute();
  logger.info({ noticeId, kind: notice.kind, reference: notice.reference }, 'case notice sent');
}
