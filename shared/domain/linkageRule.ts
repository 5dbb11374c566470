import { z } from 'zod';
import { InfringementCategory } from './category';
import { DepartmentId } from './department';
import { HandlingSuggestion, TaskKind } from './task';

/**
 * One set of conditions; every field given must hold (AND). A rule fires when any of its
 * condition sets holds (OR), so "vehicle ramming, or any scene on a road" is two sets.
 */
export const LinkageCondition = z
  .object({
    categories: z.array(InfringementCategory).min(1).optional(),
    injured: z.boolean().optional(),
    vehicleInvolved: z.boolean().optional(),
    onRoad: z.boolean().optional(),
    ongoing: z.boolean().optional(),
    /** The alert reported URLs (posts, videos, doxxing pages). */
    hasContentUrls: z.boolean().optional(),
  })
  .strict();
export type LinkageCondition = z.infer<typeof LinkageCondition>;

export const LinkageTaskSpec = z
  .object({
    departmentId: DepartmentId,
    kind: TaskKind,
    /** Seconds the department has to acknowledge before the escalation ladder starts. */
    ackDeadlineS: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600),
    /** Attach the 第二十一条 handling suggestion (criminal for violence, administrative otherwise). */
    handlingSuggestion: z.boolean().default(false),
    /** The task carries personal data (relatives' addresses): only its department and supervisors read them. */
    restricted: z.boolean().default(false),
  })
  .strict();
export type LinkageTaskSpec = z.infer<typeof LinkageTaskSpec>;

export const LinkageRule = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{2,60}$/, 'lower-case letters, digits, _ and - only'),
    /** The article of the measures that requires it, e.g. 第十三条 or 第十一条(五)(八). */
    article: z.string().trim().min(2).max(40),
    description: z.string().max(500).default(''),
    when: z.array(LinkageCondition).min(1),
    tasks: z.array(LinkageTaskSpec).min(1),
  })
  .strict();
export type LinkageRule = z.infer<typeof LinkageRule>;

const LegalBasis = z.object({ basis: z.string().trim().min(1).max(300) }).strict();

/**
 * 第二十一条's two tracks. The legal references are data because the laws they cite are revised
 * (治安管理处罚法 has been since the measures were written).
 */
export const HandlingPolicy = z
  .object({
    article: z.string().trim().min(2).max(40),
    violentCategories: z.array(InfringementCategory).min(1),
    criminal: LegalBasis,
    administrative: LegalBasis,
  })
  .strict();
export type HandlingPolicy = z.infer<typeof HandlingPolicy>;

export const LinkageRuleSetInput = z
  .object({
    rules: z.array(LinkageRule).min(1).max(200),
    handling: HandlingPolicy,
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${rule.id}` });
      seen.add(rule.id);
    });
  });
export type LinkageRuleSetInput = z.input<typeof LinkageRuleSetInput>;

export const LinkageRuleSet = z.object({
  version: z.number().int().min(1),
  rules: z.array(LinkageRule),
  handling: HandlingPolicy,
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
});
export type LinkageRuleSet = z.infer<typeof LinkageRuleSet>;

/** PUT body: the whole new rule set, with the version it was edited from (409 if someone saved since). */
export const ReplaceRuleSetRequest = z.object({
  basedOnVersion: z.number().int().min(1),
  ruleSet: LinkageRuleSetInput,
});
export type ReplaceRuleSetRequest = z.input<typeof ReplaceRuleSetRequest>;

/** The facts of an alert the rules look at. */
export const LinkageFacts = z.object({
  category: InfringementCategory,
  injured: z.boolean().default(false),
  vehicleInvolved: z.boolean().default(false),
  onRoad: z.boolean().default(false),
  ongoing: z.boolean().default(true),
  contentUrls: z.array(z.url()).max(20).default([]),
});
export type LinkageFacts = z.output<typeof LinkageFacts>;

export const PreviewRequest = z.object({
  alert: LinkageFacts,
  /** A draft rule set to try instead of the current one (needs rules:manage). */
  ruleSet: LinkageRuleSetInput.optional(),
});
export type PreviewRequest = z.input<typeof PreviewRequest>;

export const PlannedTask = z.object({
  departmentId: DepartmentId,
  kind: TaskKind,
  article: z.string(),
  ruleId: z.string(),
  ackDeadlineS: z.number().int(),
  restricted: z.boolean(),
  handling: HandlingSuggestion.optional(),
});
export type PlannedTask = z.infer<typeof PlannedTask>;

export const PreviewResponse = z.object({ version: z.number().int().min(0), tasks: z.array(PlannedTask) });
export type PreviewResponse = z.infer<typeof PreviewResponse>;
