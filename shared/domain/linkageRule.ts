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
    /** The public took notice (media, a video spreading): 第三十一条, 维权委. */
    mediaAttention: z.boolean().optional(),
    /**
     * The matter is an application to 维权办 (第十二条), not an alarm. Only conditions that say
     * application: true apply to one, so no scene rule fires for a disciplinary dispute.
     */
    application: z.boolean().optional(),
  })
  .strict();
export type LinkageCondition = z.infer<typeof LinkageCondition>;

/**
 * Where a task goes inside the department: the department itself; the 派出所 with jurisdiction
 * over the scene (its drawn area, else the nearest station); the involved officer's own unit
 * (第二十条 所属单位); or the case-handling unit for the handling track (刑侦大队 for a
 * criminal case, 治安大队 for an administrative one, 第九条(六)).
 */
export const TASK_ROUTES = ['department', 'jurisdiction', 'own_unit', 'case_track'] as const;
export const TaskRoute = z.enum(TASK_ROUTES);
export type TaskRoute = z.infer<typeof TaskRoute>;

export const LinkageTaskSpec = z
  .object({
    departmentId: DepartmentId,
    route: TaskRoute.default('department'),
    kind: TaskKind,
    /**
     * Seconds the department has to acknowledge before the escalation ladder starts. Bureau
     * policy, not the measures: no article sets these, and an admin changes them with the rules.
     */
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
    /**
     * The article (and item) of the measures that requires it, e.g. 第九条(八) or 第二十条;
     * several joined by 、 (第九条(二)、第二十八条).
     */
    article: z.string().trim().min(2).max(40),
    /** Words of that article naming the department or duty, so a reader (and a test) can check the citation. */
    quote: z.string().trim().max(200).default(''),
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
    /** Categories whose very nature is violence against the officer (第二十一条 殴打、撕咬、拉扯、驾驶车辆冲撞、拖拽). */
    violentCategories: z.array(InfringementCategory).min(1),
    criminal: LegalBasis,
    /** 袭警罪 (刑法第二百七十七条第五款): violence against a police officer on duty. */
    assaultOnPolice: LegalBasis.optional(),
    administrative: LegalBasis,
  })
  .strict();
export type HandlingPolicy = z.infer<typeof HandlingPolicy>;

export const LinkageRuleSetInput = z
  .object({
    rules: z.array(LinkageRule).min(1).max(200),
    handling: HandlingPolicy,
    /** Shown beside every deadline: they are the bureau's choice, not the measures'. */
    deadlinePolicy: z.string().trim().max(200).default('响应时限为本局规定（可配置），非《实施办法》条文'),
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
  deadlinePolicy: z.string(),
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
  mediaAttention: z.boolean().default(false),
  application: z.boolean().default(false),
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
  route: TaskRoute,
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
