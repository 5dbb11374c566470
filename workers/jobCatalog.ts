import { UnackedStep } from '@shared/domain/incident';
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

export const JOBS = {
  'incident.linkage': { queue: 'linkage', data: IncidentJob },
  'incident.unacked': { queue: 'escalation', data: IncidentJob.extend({ step: UnackedStep }) },
  'incident.checkin': {
    queue: 'escalation',
    data: IncidentJob.extend({ dueAt: z.iso.datetime({ offset: true }) }),
  },
} as const satisfies Record<string, { queue: QueueName; data: z.ZodType }>;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.output<(typeof JOBS)[N]['data']>;

export const JOB_QUEUE = Object.fromEntries(Object.entries(JOBS).map(([name, job]) => [name, job.queue])) as {
  [N in JobName]: (typeof JOBS)[N]['queue'];
};
