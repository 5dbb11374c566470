import { z } from 'zod';
import {
  Applicant,
  Case,
  CaseApplicantView,
  CaseChannel,
  CaseOfficer,
  CaseStatus,
  CaseTask,
} from '../domain/case';
import { IsoDate } from '../domain/caseDeadline';
import { InfringementCategory } from '../domain/category';
import { DepartmentId } from '../domain/department';
import { IsoDateTime, Uuid } from '../domain/ids';

export const CreateCaseRequest = z.object({
  channel: CaseChannel,
  category: InfringementCategory,
  summary: z.string().trim().min(1).max(5000),
  /** Omitted: the logged-in officer applies for himself. */
  applicant: Applicant.optional(),
  incidentId: Uuid.optional(),
  officers: z.array(CaseOfficer).max(50).optional(),
  /** When an application on paper is entered later; not in the future. */
  receivedAt: IsoDateTime.optional(),
});
export type CreateCaseRequest = z.infer<typeof CreateCaseRequest>;

export const CaseFromIncidentRequest = z.object({ incidentId: Uuid });

export const CaseDecisionRequest = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), note: z.string().max(2000).optional() }),
  z.object({
    decision: z.literal('refuse'),
    /** 第十四条: a refusal is explained in writing. */
    reasons: z
      .string({ error: 'a refusal needs written reasons' })
      .trim()
      .min(1, 'a refusal needs written reasons')
      .max(5000),
  }),
]);
export type CaseDecisionRequest = z.infer<typeof CaseDecisionRequest>;

export const CaseIdParams = z.object({ id: Uuid });
export const CaseTaskParams = z.object({ id: Uuid, taskId: Uuid });

export const CaseListQuery = z.object({
  status: CaseStatus.optional(),
  /** The case opened for an incident (维权办's linkage task looks for it). */
  incidentId: Uuid.optional(),
  /** Only cases with a deadline already passed. */
  overdue: z.enum(['1', 'true']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const CaseList = z.object({ cases: z.array(Case), today: IsoDate });
export type CaseList = z.infer<typeof CaseList>;

export const ReviewRequest = z.object({
  /** 第十五条: when the applicant asked the next level for 复核. */
  requestedAt: IsoDateTime.optional(),
  note: z.string().trim().min(1).max(2000),
});

export const CaseTaskRequest = z.object({
  departmentId: DepartmentId,
  request: z.string().trim().min(1).max(2000),
});

export const CaseTaskResult = z.object({ result: z.string().trim().min(1).max(5000) });
export const CaseTaskView = CaseTask;

export const FeedbackRequest = z.object({
  /** 第十六条: 调查结论及处理情况. */
  text: z.string().trim().min(1).max(20_000),
});

export const ExtensionRequest = z.object({
  until: IsoDate,
  reasons: z.string().trim().min(1).max(2000),
  /** 第十六条: the committee director (本级维权委主任) who decided the extension. */
  approvedBy: Uuid.optional(),
});

export const EscalationRequest = z.object({
  /** 第十七条 复查 asked by the applicant; 第十八条 referral up by 维权办. */
  kind: z.enum(['reexamination', 'referral_up']),
  note: z.string().trim().min(1).max(2000),
});

export const CasePersonalData = z.object({ applicant: CaseApplicantView });

export const Approver = z.object({
  id: Uuid,
  displayName: z.string(),
  role: z.string(),
  director: z.boolean(),
});
export const ApproverList = z.object({ approvers: z.array(Approver) });
