import { z } from 'zod';
import { Assignment } from '../domain/assignment';
import { AlarmReason, Incident } from '../domain/incident';
import { DepartmentTask } from '../domain/task';
import { Unit } from '../domain/unit';

const envelope = {
  seq: z.number().int().positive(),
  eventId: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
};

/**
 * The sequenced state stream. Each variant carries the whole new state of one record, so
 * applying an event is a replace and a replayed event is harmless.
 */
export const StreamEvent = z.discriminatedUnion('topic', [
  z.object({
    ...envelope,
    topic: z.literal('incident'),
    data: Incident,
    /**
     * Set on the copy that dispatcher and supervisor consoles receive live when this change sounds
     * the distress alarm, so the alarm costs no packet of its own (shared/events/distressAlarm.ts).
     * Never on catch-up answers, nor on what other rooms receive.
     */
    alarm: AlarmReason.optional(),
  }),
  z.object({ ...envelope, topic: z.literal('unit'), data: Unit }),
  z.object({ ...envelope, topic: z.literal('assignment'), data: Assignment }),
  z.object({ ...envelope, topic: z.literal('task'), data: DepartmentTask }),
]);
export type StreamEvent = z.infer<typeof StreamEvent>;
export type StreamTopic = StreamEvent['topic'];
export type StreamPayload<T extends StreamTopic> = Extract<StreamEvent, { topic: T }>['data'];
