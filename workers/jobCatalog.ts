import { UnackedStep } from '@shared/domain/incident';
import { TASK_ESCALATION_STEPS } from '@shared/domain/task';
import { z } from 'zod';

/**
 * Every BullMQ job Shieldline runs, with its queue and the schema of its data. One queue per
 * concern (linkage fan-out, department delivery, escalation, evidence capture) so a slow web
 * fetch never delays an escalation. A job missing here fails to compile where it is enqueued;
 * a job without a handler fails at boot (startWorkers).
 */
export const QUEUES = ['linkage', 'delivery', 'escalation', 'evidence'] as const;
export type QueueName = (typeof QUEUES)[number];

const IncidentJob = z.object({ incidentId: z.uuid() });
/** What a delivery announces: task.created, task.escalated.1 … (also the webhook's event name). */
const TaskEvent = z.string().regex(/^task\.[a-z_]+(\.\d)?$/);

export const JOBS = {
  'incident.linkage': { queue: 'linkage', data: IncidentJob },
  'incident.unacked': { queue: 'escalation', data: IncidentJob.extend({ step: UnackedStep }) },
  'incident.checkin': {
    queue: 'escalation',
    data: IncidentJob.extend({ dueAt: z.iso.datetime({ offset: true }) }),
  },
  'task.deliver': { queue: 'delivery', data: z.object({ taskId: z.uuid(), event: TaskEvent }) },
  'task.webhook': { queue: 'delivery', data: z.object({ taskId: z.uuid(), event: TaskEvent }) },
  'task.escalate': {
    queue: 'escalation',
    data: z.object({ taskId: z.uuid(), level: z.number().int().min(1).max(TASK_ESCALATION_STEPS.length) }),
  },
  'evidence.capture': { queue: 'evidence', data: IncidentJob.extend({ captureId: z.uuid() }) },
  /** A new assignment: Web Push to the unit's phones, then schedule the SMS/IM fallback. */
  'assignment.notify': { queue: 'delivery', data: z.object({ assignmentId: z.uuid() }) },
  /** ASSIGNMENT_FALLBACK_S later: still not accepted, so SMS/IM to the unit. */
  'assignment.fallback': { queue: 'delivery', data: z.object({ assignmentId: z.uuid() }) },
} as const satisfies Record<string, { queue: QueueName; data: z.ZodType }>;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.output<(typeof JOBS)[N]['data']>;

export const JOB_QUEUE = Object.fromEntries(Object.entries(JOBS).map(([name, job]) => [name, job.queue])) as {
  [N in JobName]: (typeof JOBS)[N]['queue'];
};
