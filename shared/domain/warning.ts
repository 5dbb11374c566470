import { z } from 'zod';
import { InfringementCategory } from './category';
import { IsoDateTime, Uuid } from './ids';

/**
 * Early-warning models (第三十五条 预警防范; the Ningbo supervision models of seed 003; the
 * accountability grounds of 第三十六条). The names are a contract other checks rely on.
 */
export const WARNING_MODELS = [
  'unfiled_obstruction',
  'suspected_downgrade',
  'repeat_victim',
  'deadline_due',
  'deadline_overdue',
  'slow_response',
] as const;
export const WarningModel = z.enum(WARNING_MODELS);
export type WarningModel = z.infer<typeof WarningModel>;

/**
 * active → acknowledged (a person took it) → resolved (a person closed it, with a note); or
 * cleared: the system saw the condition end (only for the models that say so, see docs).
 */
export const WARNING_STATUSES = ['active', 'acknowledged', 'resolved', 'cleared'] as const;
export const WarningStatus = z.enum(WARNING_STATUSES);
export type WarningStatus = z.infer<typeof WarningStatus>;
export const OPEN_WARNING_STATUSES: readonly WarningStatus[] = ['active', 'acknowledged'];

export const WARNING_REF_KINDS = ['incident', 'case', 'task', 'officer', 'unit'] as const;
/** A record the warning points to, with what a reader recognises it by (a reference, a call sign). */
export const WarningRef = z.object({
  kind: z.enum(WARNING_REF_KINDS),
  id: z.string(),
  label: z.string().nullable(),
});
export type WarningRef = z.infer<typeof WarningRef>;

/** What fired it: a reason code the client translates, and the numbers behind it. */
export const WarningEvidence = z.object({
  reason: z.string(),
  /** The article of the measures the model serves, e.g. 第三十六条(六). */
  article: z.string(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type WarningEvidence = z.infer<typeof WarningEvidence>;

export const Warning = z.object({
  id: Uuid,
  model: WarningModel,
  /** What the warning is about, e.g. incident:<id> or officer:<id>; one open warning per model and subject. */
  subject: z.string(),
  status: WarningStatus,
  evidence: WarningEvidence,
  refs: z.array(WarningRef),
  firedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  acknowledgedAt: IsoDateTime.nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedNote: z.string().nullable(),
  resolvedAt: IsoDateTime.nullable(),
  resolvedBy: z.string().nullable(),
  resolvedNote: z.string().nullable(),
  clearedAt: IsoDateTime.nullable(),
});
export type Warning = z.infer<typeof Warning>;

const Minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 30);
const Seconds = z
  .number()
  .int()
  .min(1)
  .max(24 * 3600);

/**
 * The thresholds, stored and changed by administrators. Every default is LOCAL POLICY: the
 * measures give no figure for any of them (they require warning, 第三十五条, and name what is
 * held to account, 第三十六条); 3 times in 90 days is the example.
 */
export const WarningSettings = z.object({
  /** Incidents and tasks older than this are not looked at (no flood of history when installed). */
  lookbackDays: z.number().int().min(1).max(365),
  unfiledObstruction: z.object({
    /** Hours after the alert with no rights-protection case before it fires. */
    afterHours: z
      .number()
      .min(1)
      .max(24 * 30),
    categories: z.array(InfringementCategory).min(1),
  }),
  suspectedDowngrade: z.object({
    /** 第二十一条: violence is handled criminally; these categories are violence by their nature. */
    violentCategories: z.array(InfringementCategory).min(1),
  }),
  repeatVictim: z.object({
    count: z.number().int().min(2).max(100),
    windowDays: z.number().int().min(1).max(3650),
  }),
  deadlines: z.object({
    /** Calendar days before a deadline at which deadline_due fires (0: on the day itself). */
    dueWithinDays: z.number().int().min(0).max(30),
  }),
  slowResponse: z.object({
    /** Alert raised → acknowledged. */
    ackTargetS: Seconds,
    /** Alert raised → first unit dispatched. */
    dispatchTargetS: Seconds,
    /** Occurred → reported to the command center (第十三条 立即报告). */
    reportTargetMinutes: Minutes,
    /** Green channel / comfort task created → taken up by its department (第三十六条(三)). */
    aftercareTargetMinutes: Minutes,
  }),
});
export type WarningSettings = z.infer<typeof WarningSettings>;

export const DEFAULT_WARNING_SETTINGS: WarningSettings = {
  lookbackDays: 30,
  unfiledObstruction: {
    afterHours: 24,
    categories: ['violent_attack', 'vehicle_ramming', 'mob_obstruction', 'physical_harm'],
  },
  suspectedDowngrade: { violentCategories: ['violent_attack', 'vehicle_ramming', 'physical_harm'] },
  repeatVictim: { count: 3, windowDays: 90 },
  deadlines: { dueWithinDays: 1 },
  slowResponse: {
    ackTargetS: 30,
    dispatchTargetS: 120,
    reportTargetMinutes: 60,
    aftercareTargetMinutes: 60,
  },
};
