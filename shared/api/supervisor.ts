import { z } from 'zod';
import { Role } from '../domain/role';

export const ConsoleStatus = z.object({
  socketId: z.string(),
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** Set when the console failed to confirm a distress alarm in time. */
  lagging: z.object({ incidentId: z.uuid(), since: z.iso.datetime({ offset: true }) }).nullable(),
});
export type ConsoleStatus = z.infer<typeof ConsoleStatus>;

export const ConsolesResponse = z.object({ consoles: z.array(ConsoleStatus) });
export type ConsolesResponse = z.infer<typeof ConsolesResponse>;

export const INTERVAL_NAMES = ['acknowledged', 'firstEnRoute', 'firstOnScene', 'controlled'] as const;
export const IntervalName = z.enum(INTERVAL_NAMES);
export type IntervalName = z.infer<typeof IntervalName>;

/** Seconds from raised to each milestone, summarised; null where no incident reached it. */
export const IntervalStats = z.object({
  count: z.number().int().min(0),
  medianS: z.number().nullable(),
  p90S: z.number().nullable(),
  targetS: z.number(),
  withinTarget: z.number().min(0).max(1).nullable(),
});
export type IntervalStats = z.infer<typeof IntervalStats>;

export const IntervalReport = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  incidents: z.number().int().min(0),
  overall: z.record(IntervalName, IntervalStats),
  byDispatcher: z.array(
    z.object({
      userId: z.uuid(),
      username: z.string(),
      displayName: z.string(),
      incidents: z.number().int(),
      intervals: z.record(IntervalName, IntervalStats),
    }),
  ),
});
export type IntervalReport = z.infer<typeof IntervalReport>;

export const IntervalQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
