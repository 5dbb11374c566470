import { randomUUID } from 'node:crypto';
import { UnackedStep } from '@shared/domain/incident';
import { TASK_ESCALATION_STEPS } from '@shared/domain/task';
import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';

/**
 * Every BullMQ job Shieldline runs: its queue, the schema of its data, and the one builder that
 * makes it. One queue per concern (linkage fan-out, department delivery, escalation, evidence
 * capture, the end-of-day clearing) so a slow web fetch never delays an escalation. Jobs normally travel in an outbox row
 * (committed with the change that caused them); `enqueueJob` is the only other way in.
 */
export const QUEUES = [
  'linkage',
  'delivery',
  'escalation',
  'evidence',
  'warnings',
  'clearing',
  'housekeeping',
] as const;
export type QueueName = (typeof QUEUES)[number];
export type Queues = Record<QueueName, Queue>;

const IncidentJob = z.object({ incidentId: z.uuid() });
/** What a delivery announces: task.created, task.escalated.1 … (also the webhook's event name). */
const TaskEvent = z.string().regex(/^task\.[a-z_]+(\.\d)?$/);

/** More tasks than any linkage makes for one incident (a ramming makes nine). */
export const MAX_TASKS_PER_DELIVERY = 100;

export const JOBS = {
  'incident.linkage': { queue: 'linkage', data: IncidentJob },
  'incident.unacked': { queue: 'escalation', data: IncidentJob.extend({ step: UnackedStep }) },
  'incident.checkin': {
    queue: 'escalation',
    data: IncidentJob.extend({ dueAt: z.iso.datetime({ offset: true }) }),
  },
  'task.deliver': { queue: 'delivery', data: z.object({ taskId: z.uuid(), event: TaskEvent }) },
  /** A linkage's new tasks, delivered together: one transaction and one job instead of one per task. */
  'tasks.deliver': {
    queue: 'delivery',
    data: z.object({ taskIds: z.array(z.uuid()).min(1).max(MAX_TASKS_PER_DELIVERY), event: TaskEvent }),
  },
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
  /** Evaluate the warning models (第三十五条): after a change (what changed), or on the schedule. */
  'warnings.evaluate': { queue: 'warnings', data: z.object({ trigger: z.string().min(1).max(40) }) },
  /** 日清零: cut the day and build its clearing list; `day` omitted means the day ending now. */
  'clearing.daily': { queue: 'clearing', data: z.object({ day: z.iso.date().optional() }) },
  /** Remove outbox rows published more than OUTBOX_RETAIN_DAYS ago (server/outbox/outboxPruner.ts). */
  'outbox.prune': { queue: 'housekeeping', data: z.object({}) },
  /** A case notice (put before the committee, a request for the director) sent to its audience. */
  'case.notice': { queue: 'delivery', data: z.object({ noticeId: z.uuid() }) },
  /** Shortly before a case deadline falls due: remind 维权办 (and the committee for a serious case). */
  'case.reminder': {
    queue: 'escalation',
    data: z.object({
      caseId: z.uuid(),
      deadline: z.enum(['acceptance', 'feedback']),
      due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
  },
} as const satisfies Record<string, { queue: QueueName; data: z.ZodType }>;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.output<(typeof JOBS)[N]['data']>;
const JOB_NAMES = Object.keys(JOBS) as [JobName, ...JobName[]];

/** How often and how patiently a job is retried, when not the queue's default. */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** One job, keyed by its name so its data is the data that job takes. */
export type OutboxJob = {
  [N in JobName]: {
    name: N;
    data: JobData<N>;
    /** Stable id (BullMQ forbids ":" in it): publishing the same row twice still yields one job. */
    jobId: string;
    delayMs?: number;
    retry?: RetryPolicy;
  };
}[JobName];

const StoredJob = z.object({
  name: z.enum(JOB_NAMES),
  data: z.unknown(),
  jobId: z
    .string()
    .min(1)
    .regex(/^[^:]+$/),
  delayMs: z.number().int().min(0).optional(),
  retry: z.object({ attempts: z.number().int().min(1), backoffMs: z.number().int().min(0) }).optional(),
});

/**
 * Reads a job back from an outbox row. Throws when its name is no longer catalogued or its
 * data no longer parses: the relay then dead-letters the row rather than retrying for ever.
 */
export function parseOutboxJob(raw: unknown): OutboxJob {
  const job = StoredJob.parse(raw);
  const data = JOBS[job.name].data.parse(job.data);
  // The name and the data were each checked against the same catalogue entry just above.
  return { ...job, data } as OutboxJob;
}

function build<N extends JobName>(
  name: N,
  data: JobData<N>,
  jobId: string,
  delayMs?: number,
  retry?: RetryPolicy,
): OutboxJob {
  return {
    name,
    data: JOBS[name].data.parse(data),
    jobId: jobId.replaceAll(':', '-'),
    ...(delayMs ? { delayMs: Math.max(0, Math.round(delayMs)) } : {}),
    ...(retry ? { retry } : {}),
  } as OutboxJob;
}

/** How long a change's warning evaluation waits for the rest of its burst. */
export const WARNINGS_SETTLE_MS = 2000;

/** The builders: the only place a job's id scheme and delay are decided. */
export const jobs = {
  /** `version` marks a re-plan after a change of facts: one per incident version. */
  linkage: (incidentId: string, version?: number) =>
    build(
      'incident.linkage',
      { incidentId },
      version === undefined ? `linkage-${incidentId}` : `linkage-${incidentId}-v${version}`,
    ),
  unacked: (incidentId: string, step: UnackedStep, delayMs: number) =>
    build('incident.unacked', { incidentId, step }, `unacked-${incidentId}-${step}`, delayMs),
  checkin: (incidentId: string, dueAt: Date) =>
    build(
      'incident.checkin',
      { incidentId, dueAt: dueAt.toISOString() },
      `checkin-${incidentId}-${dueAt.getTime()}`,
      dueAt.getTime() - Date.now(),
    ),
  /** Announces a task on every channel of its department. */
  deliver: (taskId: string, event = 'task.created', round?: number) =>
    build('task.deliver', { taskId, event }, `deliver-${taskId}-${event}${round ? `-r${round}` : ''}`),
  /** New tasks announced together; the first task's id keeps the job id stable for its outbox row. */
  deliverAll: (taskIds: readonly string[], event = 'task.created') =>
    build('tasks.deliver', { taskIds: [...taskIds], event }, `deliver-all-${taskIds[0]}-${event}`),
  /** A webhook gets its own attempts and backoff: a department system down for an hour is retried for an hour. */
  webhook: (taskId: string, event: string, retry: RetryPolicy) =>
    build('task.webhook', { taskId, event }, `webhook-${taskId}-${event}`, undefined, retry),
  /**
   * Escalation step `level` (1-based), due `delayMs` from now. `round` tells apart the ladder of
   * a task reopened after it was stood down, so its steps are not taken for the old ones.
   */
  escalate: (taskId: string, level: number, delayMs: number, round = 0) =>
    build(
      'task.escalate',
      { taskId, level },
      `escalate-${taskId}-${level}${round ? `-r${round}` : ''}`,
      delayMs,
    ),
  evidence: (incidentId: string, captureId: string) =>
    build('evidence.capture', { incidentId, captureId }, `evidence-${captureId}`),
  assignmentNotify: (assignmentId: string) =>
    build('assignment.notify', { assignmentId }, `assignment-notify-${assignmentId}`),
  assignmentFallback: (assignmentId: string, delayMs: number) =>
    build('assignment.fallback', { assignmentId }, `assignment-fallback-${assignmentId}`, delayMs),
  /**
   * One per transaction that changes an incident, assignment or task (outboxWriter.ts; a random
   * id, fixed in the outbox row, so a republished row is still one job), run a little later: the
   * handler skips it when an evaluation that started after it was queued already saw the change,
   * so a burst of changes (an alert, its linkage, the deliveries) costs one evaluation.
   */
  warningsEvaluate: (trigger: string) =>
    build('warnings.evaluate', { trigger }, `warnings-${randomUUID()}`, WARNINGS_SETTLE_MS),
  clearingDaily: (day: string) => build('clearing.daily', { day }, `clearing-daily-${day}`),
  caseNotice: (noticeId: string) => build('case.notice', { noticeId }, `case-notice-${noticeId}`),
  /** One job per case, deadline and due date: a moved deadline gets its own reminder, a repeat none. */
  caseReminder: (caseId: string, deadline: 'acceptance' | 'feedback', due: string, delayMs: number) =>
    build('case.reminder', { caseId, deadline, due }, `case-reminder-${caseId}-${deadline}-${due}`, delayMs),
};

/**
 * Repeatable jobs: BullMQ job schedulers, upserted at start so a changed time replaces the old
 * schedule (same id). Patterns are read in the bureau's time zone.
 */
export const SCHEDULES = {
  clearingDaily: (cutoff: string) => {
    const [hh, mm] = cutoff.split(':').map(Number);
    return {
      id: 'clearing-daily',
      queue: 'clearing' as const,
      pattern: `${mm} ${hh} * * *`,
      tz: 'Asia/Shanghai',
      job: { name: 'clearing.daily' as const, data: {} satisfies JobData<'clearing.daily'> },
    };
  },
  /** Nightly, in the quiet hours (local policy). */
  outboxPrune: () => ({
    id: 'outbox-prune',
    queue: 'housekeeping' as const,
    pattern: '10 4 * * *',
    tz: 'Asia/Shanghai',
    job: { name: 'outbox.prune' as const, data: {} satisfies JobData<'outbox.prune'> },
  }),
};

export async function upsertSchedules(
  queues: Queues,
  cutoff: string,
  timeoutMs = ENQUEUE_TIMEOUT_MS,
): Promise<void> {
  for (const s of [SCHEDULES.clearingDaily(cutoff), SCHEDULES.outboxPrune()])
    await withTimeout(
      queues[s.queue].upsertJobScheduler(s.id, { pattern: s.pattern, tz: s.tz }, s.job),
      timeoutMs,
      `schedule ${s.id}`,
    );
}

/** Default bound on one enqueue: a Redis that accepts connections but not writes must not hang the caller. */
export const ENQUEUE_TIMEOUT_MS = 2000;

export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * Puts one catalogued job on its queue, bounded in time. A job whose id is already queued is a
 * no-op in BullMQ, so publishing the same outbox row twice is harmless.
 */
export async function enqueueJob(
  queues: Queues,
  job: OutboxJob,
  timeoutMs = ENQUEUE_TIMEOUT_MS,
): Promise<void> {
  const options: JobsOptions = {
    jobId: job.jobId,
    ...(job.delayMs ? { delay: job.delayMs } : {}),
    ...(job.retry
      ? { attempts: job.retry.attempts, backoff: { type: 'exponential', delay: job.retry.backoffMs } }
      : {}),
  };
  await withTimeout(
    queues[JOBS[job.name].queue].add(job.name, job.data, options),
    timeoutMs,
    `enqueue ${job.name}`,
  );
}
