import { z } from 'zod';
import { Assignment } from '../domain/assignment';
import { Incident } from '../domain/incident';
import { DepartmentTask } from '../domain/task';
import { TimelineKind } from '../domain/timeline';
import { Unit } from '../domain/unit';

/**
 * What a console loads before it listens: every open record it may see, and the stream
 * sequence the snapshot is consistent with. Live events with seq <= headSeq are already in it.
 */
export const Snapshot = z.object({
  headSeq: z.number().int().min(0),
  incidents: z.array(Incident),
  units: z.array(Unit),
  assignments: z.array(Assignment),
  tasks: z.array(DepartmentTask),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const TimelineEntry = z.object({
  id: z.number().int(),
  incidentId: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  actor: z.string(),
  kind: TimelineKind,
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ClientConfig = z.object({
  tileUrl: z.string(),
  demo: z.boolean(),
  mapCentre: z.object({ lat: z.number(), lng: z.number(), zoom: z.number() }),
});
export type ClientConfig = z.infer<typeof ClientConfig>;
