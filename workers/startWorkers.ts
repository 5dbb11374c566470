import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { Histogram } from 'prom-client';
import { inBackground } from '../server/db/queryPriority';
import { JOBS, type JobData, type JobName, QUEUES, type QueueName } from '../server/jobs/jobCatalog';
import { logger } from '../server/observability/logger';
import { metricsRegistry } from '../server/observability/metrics';
import { jobFailures, jobWait } from '../server/queues/queueMetrics';
import type { WorkerContext } from './workerContext';

export type JobHandler<N extends JobName> = (data: JobData<N>, ctx: WorkerContext, job: Job) => Promise<void>;
export type HandlerMap = { [N in JobName]: JobHandler<N> };

const jobDuration = new Histogram({
  name: 'shieldline_job_duration_seconds',
  help: 'BullMQ job processing time by queue, job and outcome',
  labelNames: ['queue', 'job', 'outcome'] as const,
  buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers: [metricsRegistry],
});

function isJobName(name: string): name is JobName {
  return name in JOBS;
}

async function runJob(handlers: HandlerMap, ctx: WorkerContext, job: Job): Promise<void> {
  // A job that can never succeed (unknown name, data that does not parse) fails at once rather than retrying for hours.
  if (!isJobName(job.name)) throw new UnrecoverableError(`no handler for job ${job.name}`);
  const name = job.name;
  const parsed = JOBS[name].data.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`bad data for ${name}: ${parsed.error.message}`);
  // The map is exhaustive, so the handler for `name` takes exactly this job's data.
  const handler = handlers[name] as JobHandler<typeof name>;
  await handler(parsed.data as JobData<typeof name>, ctx, job);
}

export interface Workers {
  close(): Promise<void>;
}

/**
 * Starts one BullMQ worker per queue. Refuses to start when a catalogued job has no handler
 * (the type makes that a compile error too; this catches a map built at run time).
 */
export function startWorkers(
  ctx: WorkerContext,
  handlers: HandlerMap,
  connection: Redis,
  options: { concurrency?: Partial<Record<QueueName, number>>; lockDurationMs?: number } = {},
): Workers {
  const missing = (Object.keys(JOBS) as JobName[]).filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`jobs without a handler: ${missing.join(', ')}`);

  const workers = QUEUES.map((queue) => {
    const worker = new Worker(
      queue,
      async (job) => {
        if (job.attemptsMade === 0)
          jobWait.observe(
            { queue, job: job.name },
            Math.max(0, Date.now() - job.timestamp - job.delay) / 1000,
          );
        const end = jobDuration.startTimer({ queue, job: job.name });
        try {
          await inBackground(() => runJob(handlers, ctx, job));
          end({ outcome: 'completed' });
        } catch (err) {
          end({ outcome: 'failed' });
          throw err;
        }
      },
      {
        connection,
        prefix: `${ctx.config.REDIS_PREFIX}:bull`,
        // Warnings: one evaluation at a time per process; each looks at everything anyway.
        concurrency: options.concurrency?.[queue] ?? (queue === 'warnings' ? 1 : 8),
        // A job whose worker died (SIGKILL) is picked up again after this long.
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: Math.round((options.lockDurationMs ?? 30_000) / 2),
        // BullMQ fails a job whose worker died under it more than once (the default is 1): a
        // linkage notice must survive a crash loop of the worker, and every handler is idempotent.
        maxStalledCount: 10,
      },
    );
    worker.on('failed', (job, err) => {
      // Log on the last attempt only: earlier failures are retried with backoff.
      const attempts = job?.opts.attempts ?? 1;
      if (job) jobFailures.inc({ queue, job: job.name, final: String(job.attemptsMade >= attempts) });
      if (job && job.attemptsMade >= attempts)
        logger.error({ err, job: job.name, id: job.id }, 'job failed for good');
    });
    worker.on('error', (err) => logger.warn({ err: err.message, queue }, 'worker connection error'));
    return worker;
  });

  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
