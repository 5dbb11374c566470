import { z } from 'zod';
import { IsoDate } from './caseDeadline';
import type { InfringementCategory } from './category';
import { IsoDateTime, Uuid } from './ids';

/**
 * Why a case is put before the rights-protection committee (维权委). The measures give the
 * committee 督办 of 严重侵犯民警执法权威的案事件 (第七条) without defining "serious": which facts
 * count is LOCAL POLICY, each reason worded after the measures:
 * - `officer_injured`: an officer hurt (因公致伤, 第二十八条);
 * - `violent_scene`: 暴力袭警、聚众哄闹、围堵拦截、冲击阻碍执法现场, which 第九条(一) calls 重大敏感案事件
 *   (categories violent_attack, vehicle_ramming, mob_obstruction);
 * - `internal_discipline`: a dispute over liability or an internal disciplinary finding, which the
 *   committee reviews (第七条 审核, 第二十四条);
 * - `extension_requested`: 维权办 holds the case 重大、疑难、复杂 and asks for more time (第十六条).
 */
export const SERIOUS_REASONS = [
  'officer_injured',
  'violent_scene',
  'internal_discipline',
  'extension_requested',
] as const;
export const SeriousReason = z.enum(SERIOUS_REASONS);
export type SeriousReason = z.infer<typeof SeriousReason>;

/** The article each reason is worded after (the reasons themselves are local policy). */
export const SERIOUS_REASON_ARTICLES: Record<SeriousReason, string> = {
  officer_injured: '第二十八条',
  violent_scene: '第九条(一)',
  internal_discipline: '第七条、第二十四条',
  extension_requested: '第十六条',
};

const VIOLENT_SCENE: ReadonlySet<InfringementCategory> = new Set([
  'violent_attack',
  'vehicle_ramming',
  'mob_obstruction',
]);

/** The reasons the facts of a case give (local policy, see above); empty: not serious. */
export function seriousReasonsOf(facts: {
  category: InfringementCategory;
  injured: boolean;
}): SeriousReason[] {
  const reasons: SeriousReason[] = [];
  if (facts.injured) reasons.push('officer_injured');
  if (VIOLENT_SCENE.has(facts.category)) reasons.push('violent_scene');
  if (facts.category === 'wrongful_discipline') reasons.push('internal_discipline');
  return reasons;
}

/** 督办 (第七条 by the committee; 第十九条 督察跟进督办): who marked the case, when, and the note. */
export const CaseSupervision = z.object({
  note: z.string(),
  by: z.string(),
  byName: z.string().nullable(),
  at: IsoDateTime,
});
export type CaseSupervision = z.infer<typeof CaseSupervision>;

/** 第十六条: 维权办's request for more time, waiting for the director. */
export const PendingExtension = z.object({
  until: IsoDate,
  reasons: z.string(),
  requestedByName: z.string(),
  requestedAt: IsoDateTime,
});
export type PendingExtension = z.infer<typeof PendingExtension>;

export const CASE_NOTICE_KINDS = ['serious', 'reminder', 'extension_request'] as const;
export const CaseNoticeKind = z.enum(CASE_NOTICE_KINDS);
export const NOTICE_AUDIENCES = ['committee', 'rights_office'] as const;

/** One notice to the committee or 维权办: a case put before it, a deadline near, a request. */
export const CaseNotice = z.object({
  id: Uuid,
  caseId: Uuid,
  kind: CaseNoticeKind,
  audience: z.array(z.enum(NOTICE_AUDIENCES)),
  details: z.record(z.string(), z.unknown()),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
});
export type CaseNotice = z.infer<typeof CaseNotice>;
