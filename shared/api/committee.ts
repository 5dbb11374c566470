import { z } from 'zod';
import { Case, CaseDeadlines, CaseStatus } from '../domain/case';
import { IsoDate } from '../domain/caseDeadline';
import { InfringementCategory } from '../domain/category';
import { CaseNotice, SeriousReason } from '../domain/committee';
import { Uuid } from '../domain/ids';

/** The committee's inbox (第七条): cases put before it, and what it was told. */
export const CommitteeInbox = z.object({
  cases: z.array(Case),
  notices: z.array(CaseNotice),
  today: IsoDate,
  /** Whether the reader is the committee's director (第十六条: decides extensions). */
  director: z.boolean(),
});
export type CommitteeInbox = z.infer<typeof CommitteeInbox>;

/** 第十六条: 维权办 asks the director for more time on a 重大、疑难、复杂 case. */
export const ExtensionRequestBody = z.object({
  until: IsoDate,
  reasons: z.string().trim().min(1).max(2000),
});

/** The director's decision on a pending request; a refusal needs a reason. */
export const ExtensionDecisionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), note: z.string().trim().max(2000).optional() }),
  z.object({ decision: z.literal('refuse'), note: z.string().trim().min(1).max(2000) }),
]);

/** 督办 (第七条, 第十九条): a note saying what is expected and by when. */
export const SupervisionBody = z.object({ note: z.string().trim().min(1).max(2000) });

/** A case's deadlines without its content: the supervisor's overdue view. */
export const CaseDeadlineRow = z.object({
  id: Uuid,
  reference: z.string(),
  category: InfringementCategory,
  status: CaseStatus,
  deadlines: CaseDeadlines,
  serious: z.array(SeriousReason),
  supervised: z.boolean(),
});
export const CaseDeadlineList = z.object({ cases: z.array(CaseDeadlineRow), today: IsoDate });
export type CaseDeadlineList = z.infer<typeof CaseDeadlineList>;
