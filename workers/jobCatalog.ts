/**
 * Every BullMQ job Shieldline runs, with the queue it goes to. One queue per concern
 * (linkage fan-out, department delivery, escalation, evidence capture) so a slow web fetch
 * never delays an escalation. A job without a queue here fails to compile; a queue without
 * a handler fails at boot (see registerHandlers).
 */
export const QUEUES = ['linkage', 'delivery', 'escalation', 'evidence'] as const;
export type QueueName = (typeof QUEUES)[number];

export const JOB_QUEUE = {
  'incident.linkage': 'linkage',
  'incident.unacked': 'escalation',
} as const satisfies Record<string, QueueName>;
export type JobName = keyof typeof JOB_QUEUE;

/** The unacknowledged-alert ladder, in seconds after the alert was raised (issue #3 defaults). */
export const UNACKED_LADDER = [
  { step: 're_alarm', afterS: 15 },
  { step: 'notify_supervisor', afterS: 30 },
  { step: 'page_nearest_units', afterS: 60 },
] as const;
export type UnackedStep = (typeof UNACKED_LADDER)[number]['step'];
