import { z } from 'zod';
import { Deadline, IsoDate } from './caseDeadline';
import { InfringementCategory } from './category';
import { CaseSupervision, PendingExtension, SeriousReason } from './committee';
import { DepartmentId } from './department';
import { IsoDateTime, Uuid } from './ids';

/** 第十二条: how an application reached 维权办; `referral` is a department's lead (第十三条第二款). */
export const CASE_CHANNELS = ['written', 'intranet', 'internet', 'mobile_app', 'referral'] as const;
export const CaseChannel = z.enum(CASE_CHANNELS);
export type CaseChannel = z.infer<typeof CaseChannel>;

/** The channels' Chinese names (第十二条, 第十三条): the one source for the client's zh-CN labels and the ledger. */
export const CASE_CHANNEL_NAMES: Readonly<Record<CaseChannel, string>> = {
  written: '书面',
  intranet: '公安内网',
  internet: '互联网',
  mobile_app: '警务通维权申请APP',
  referral: '部门移送/指挥中心通报',
};

/** 第三十九条: the close relatives who may apply for an officer. */
export const RELATIONS = ['spouse', 'father', 'mother', 'son', 'daughter', 'brother', 'sister'] as const;
export const Relation = z.enum(RELATIONS);
export type Relation = z.infer<typeof Relation>;

const Phone = z.string().regex(/^[0-9+\- ]{5,20}$/, 'digits, + and - only');

/** 第十二条: the officer, a close relative, or the officer's unit. */
export const Applicant = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('officer'),
    /** Omitted: the officer who is logged in. */
    userId: Uuid.optional(),
    name: z.string().min(1).max(50).optional(),
    phone: Phone.optional(),
  }),
  z.object({
    kind: z.literal('relative'),
    name: z.string().min(1).max(50),
    relation: Relation,
    phone: Phone.optional(),
    /** The officer the relative applies for. */
    officerUserId: Uuid.optional(),
  }),
  z.object({
    kind: z.literal('unit'),
    unitName: z.string().min(1).max(100),
    contactName: z.string().min(1).max(50).optional(),
    phone: Phone.optional(),
  }),
]);
export type Applicant = z.infer<typeof Applicant>;

/** 第三十七/三十八条: auxiliary officers and officers off duty are protected too. */
export const CaseOfficer = z.object({
  userId: Uuid.nullable().optional(),
  name: z.string().min(1).max(50),
  auxiliary: z.boolean().default(false),
  offDuty: z.boolean().default(false),
});
export type CaseOfficer = z.infer<typeof CaseOfficer>;

export const CASE_STATUSES = [
  'received',
  'accepted',
  'refused',
  'review_requested',
  'feedback_given',
  'reexamination_requested',
  'closed',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** The statuses' Chinese names: the one source for the client's zh-CN labels and the exported ledger. */
export const CASE_STATUS_NAMES: Readonly<Record<CaseStatus, string>> = {
  received: '待决定',
  accepted: '已受理',
  refused: '不予受理',
  review_requested: '已申请复核',
  feedback_given: '已书面反馈',
  reexamination_requested: '已申请复查',
  closed: '已结案',
};

export const CaseDeadlines = z.object({
  /** 第十四条: decide and answer within 3 working days of receipt. */
  acceptance: Deadline,
  /** 第十五条: the applicant may ask for 复核 within 10 working days of the refusal. */
  review: Deadline.optional(),
  /** 第十六条: written feedback within 30 days of acceptance (or the director's extension). */
  feedback: Deadline.optional(),
});
export type CaseDeadlines = z.infer<typeof CaseDeadlines>;

export const CASE_TASK_STATUSES = ['open', 'done'] as const;
export const CaseTaskStatus = z.enum(CASE_TASK_STATUSES);
export type CaseTaskStatus = z.infer<typeof CaseTaskStatus>;
export const CaseTask = z.object({
  id: Uuid,
  departmentId: DepartmentId,
  request: z.string(),
  status: CaseTaskStatus,
  result: z.string().nullable(),
  createdAt: IsoDateTime,
  completedAt: IsoDateTime.nullable(),
});
export type CaseTask = z.infer<typeof CaseTask>;

/** The steps of a case's timeline besides remedies (which are `remedy_<kind>`). */
export const CASE_EVENT_KINDS = [
  'received',
  'opened_from_incident',
  'accepted',
  'refused',
  'review_requested',
  'task_assigned',
  'task_result',
  'feedback_given',
  'feedback_extended',
  'reexamination_requested',
  'referred_up',
  'attachment_added',
  'checkpoint_confirmed',
  'closed',
  'put_before_committee',
  'supervision_marked',
  'extension_requested',
  'extension_refused',
  'deadline_reminder',
] as const;
export const CaseEventKind = z.enum(CASE_EVENT_KINDS);
export type CaseEventKind = z.infer<typeof CaseEventKind>;

export const CaseEvent = z.object({
  id: z.number().int(),
  at: IsoDateTime,
  actor: z.string(),
  actorName: z.string().nullable(),
  kind: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

/** Masked unless the reader asked to reveal it (audited): names as 张**, phones as 138****0000. */
export const CaseApplicantView = z.object({
  kind: z.enum(['officer', 'relative', 'unit']),
  name: z.string().nullable(),
  relation: Relation.nullable(),
  phone: z.string().nullable(),
  unitName: z.string().nullable(),
  userId: Uuid.nullable(),
  masked: z.boolean(),
});
export type CaseApplicantView = z.infer<typeof CaseApplicantView>;

export const Case = z.object({
  id: Uuid,
  reference: z.string(),
  status: CaseStatus,
  channel: CaseChannel,
  category: InfringementCategory,
  summary: z.string(),
  applicant: CaseApplicantView,
  officers: z.array(CaseOfficer),
  incidentId: Uuid.nullable(),
  receivedAt: IsoDateTime,
  receivedOn: IsoDate,
  deadlines: CaseDeadlines,
  decision: z.enum(['accept', 'refuse']).nullable(),
  decidedAt: IsoDateTime.nullable(),
  refusalReasons: z.string().nullable(),
  feedbackGivenAt: IsoDateTime.nullable(),
  referredUpAt: IsoDateTime.nullable(),
  liabilityFinding: z.enum(['exempt', 'mitigated', 'liable']).nullable(),
  closedAt: IsoDateTime.nullable().optional(),
  /** Why the case is before the committee (local policy, shared/domain/committee.ts); empty: it is not. */
  serious: z.array(SeriousReason),
  supervision: CaseSupervision.nullable(),
  extensionRequest: PendingExtension.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Present on a single case read, not in lists. */
  timeline: z.array(CaseEvent).optional(),
  tasks: z.array(CaseTask).optional(),
  remedies: z.lazy(() => z.array(CaseRemedy)).optional(),
});
export type Case = z.infer<typeof Case>;

export const LIABILITY_FINDINGS = ['exempt', 'mitigated', 'liable'] as const;
export const LiabilityFinding = z.enum(LIABILITY_FINDINGS);
export type LiabilityFinding = z.infer<typeof LiabilityFinding>;

/** 第二十四条: an appeal may never make the finding heavier; higher is heavier. */
export const LIABILITY_WEIGHT: Record<LiabilityFinding, number> = { exempt: 0, mitigated: 1, liable: 2 };

/** 第二十一条 to 第三十一条: what is done for the officer and about the offender, each approved. */
export const REMEDY_KINDS = [
  'offender_handling',
  'liability_finding',
  'liability_appeal',
  'legal_counsel',
  'comfort_money',
  'compensation',
  'green_channel',
  'psychological_intervention',
  'name_clearing',
  'press_statement',
] as const;
export const RemedyKind = z.enum(REMEDY_KINDS);
export type RemedyKind = z.infer<typeof RemedyKind>;

const Approval = { approvedBy: Uuid, note: z.string().max(2000).optional() };
const Money = z.number().positive().max(100_000_000);

export const RemedyInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('offender_handling'),
    /** 第二十一条: criminal (刑法第二百七十七条 妨害公务罪 / 袭警罪), administrative (治安管理处罚法), or none. */
    track: z.enum(['criminal_obstruction', 'criminal_assault_police', 'administrative', 'none']),
    matchesViolence: z.boolean(),
    ...Approval,
  }),
  z.object({ kind: z.literal('liability_finding'), finding: LiabilityFinding, ...Approval }),
  z.object({ kind: z.literal('liability_appeal'), finding: LiabilityFinding, ...Approval }),
  z.object({ kind: z.literal('legal_counsel'), counsel: z.string().min(1).max(100), ...Approval }),
  z.object({ kind: z.literal('comfort_money'), amountYuan: Money, ...Approval }),
  z.object({
    kind: z.literal('compensation'),
    amountYuan: Money,
    recipient: z.string().min(1).max(200),
    ...Approval,
  }),
  z.object({ kind: z.literal('green_channel'), hospital: z.string().min(1).max(200), ...Approval }),
  z.object({
    kind: z.literal('psychological_intervention'),
    forWhom: z.enum(['officer', 'relatives', 'both']),
    ...Approval,
  }),
  z.object({ kind: z.literal('name_clearing'), scope: z.string().min(1).max(500), ...Approval }),
  z.object({ kind: z.literal('press_statement'), statement: z.string().min(1).max(5000), ...Approval }),
]);
export type RemedyInput = z.infer<typeof RemedyInput>;

export const CaseRemedy = z.object({
  id: Uuid,
  kind: RemedyKind,
  details: z.record(z.string(), z.unknown()),
  approvedBy: Uuid,
  approvedByName: z.string(),
  recordedBy: z.string(),
  at: IsoDateTime,
});
export type CaseRemedy = z.infer<typeof CaseRemedy>;
