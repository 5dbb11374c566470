import { z } from 'zod';
import { IsoDate } from './caseDeadline';
import { IsoDateTime, Uuid } from './ids';

/**
 * 日清零、月清结、季清查 (Guangshui, seed 001): each day every open incident and department task
 * is closed or carried over with a reason given by a person; each month and quarter the items
 * that stayed open are listed with their reasons in a report a supervisor signs off.
 */
export const CLEARING_ITEM_KINDS = ['incident', 'task'] as const;
export const ClearingItemKind = z.enum(CLEARING_ITEM_KINDS);
export type ClearingItemKind = z.infer<typeof ClearingItemKind>;

export const CarryOver = z.object({
  id: Uuid,
  day: IsoDate,
  itemKind: ClearingItemKind,
  itemId: Uuid,
  reason: z.string(),
  by: Uuid,
  byName: z.string(),
  at: IsoDateTime,
});
export type CarryOver = z.infer<typeof CarryOver>;

export const ClearingItem = z.object({
  itemKind: ClearingItemKind,
  id: Uuid,
  /** The incident's reference (for a task, its incident's). */
  reference: z.string(),
  /** The incident's category, or the task's department. */
  label: z.string(),
  status: z.string(),
  openedAt: IsoDateTime,
  /** Closed since the list was cut: cleared without a reason. */
  closed: z.boolean(),
  carryOver: CarryOver.nullable(),
  /** Days before this one on which it was already carried over. */
  earlierCarryOvers: z.number().int().min(0),
});
export type ClearingItem = z.infer<typeof ClearingItem>;

export const DailyClearing = z.object({
  day: IsoDate,
  /** When the day is cut (HH:MM, Asia/Shanghai): local policy. */
  cutoff: z.string(),
  /** When the end-of-day job built the list; null while the day is still running (the list is live). */
  builtAt: IsoDateTime.nullable(),
  items: z.array(ClearingItem),
  /** Items neither closed nor carried over with a reason. */
  pending: z.number().int().min(0),
});
export type DailyClearing = z.infer<typeof DailyClearing>;

export const DailyClearingQuery = z.object({
  day: IsoDate.optional(),
  /** Only the items still waiting for a reason. */
  pending: z.enum(['1', 'true']).optional(),
});

export const CarryOverRequest = z.object({
  /** The clearing day; today (Asia/Shanghai) when omitted. */
  day: IsoDate.optional(),
  itemKind: ClearingItemKind,
  itemId: Uuid,
  reason: z.string().trim().min(2, 'say why it stays open').max(1000),
});

export const HANGING_KINDS = ['acknowledged_unfinished', 'controlled_unclosed', 'task_idle'] as const;
export const HangingKind = z.enum(HANGING_KINDS);
export type HangingKind = z.infer<typeof HangingKind>;

export const HangingItem = z.object({
  kind: HangingKind,
  itemKind: ClearingItemKind,
  id: Uuid,
  reference: z.string(),
  label: z.string(),
  status: z.string(),
  /** The last change of the item: it has been left since. */
  since: IsoDateTime,
  idleSeconds: z.number().int().min(0),
});
export type HangingItem = z.infer<typeof HangingItem>;

export const HangingList = z.object({ items: z.array(HangingItem), thresholdSeconds: z.number().int() });
export type HangingList = z.infer<typeof HangingList>;

export const PeriodKind = z.enum(['month', 'quarter']);
export type PeriodKind = z.infer<typeof PeriodKind>;

/** `2026-11` for a month, `2026-Q4` for a quarter. */
export const PeriodParams = z
  .object({ kind: PeriodKind, period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/) })
  .refine((p) => (p.kind === 'month') === !p.period.includes('Q'), {
    message: 'a month is YYYY-MM, a quarter YYYY-Qn',
    path: ['period'],
  });

export const PeriodItem = z.object({
  itemKind: ClearingItemKind,
  id: Uuid,
  reference: z.string(),
  label: z.string(),
  status: z.string(),
  openedAt: IsoDateTime,
  carryOvers: z.number().int().min(0),
  lastReason: z.string().nullable(),
  lastReasonDay: IsoDate.nullable(),
});
export type PeriodItem = z.infer<typeof PeriodItem>;

export const SignOff = z.object({
  by: Uuid,
  byName: z.string(),
  at: IsoDateTime,
  note: z.string(),
  openCount: z.number().int().min(0),
});

export const PeriodReport = z.object({
  kind: PeriodKind,
  period: z.string(),
  from: IsoDate,
  to: IsoDate,
  /** The last day has come: the report may be signed. */
  due: z.boolean(),
  /** What stayed open at the period's end (or now, while it runs), and why; as signed once signed. */
  items: z.array(PeriodItem),
  withoutReason: z.number().int().min(0),
  signOff: SignOff.nullable(),
});
export type PeriodReport = z.infer<typeof PeriodReport>;

export const SignOffRequest = z.object({ note: z.string().trim().min(1).max(2000) });
