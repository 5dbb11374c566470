import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '../observability/metrics';
import type { Queues } from './queueRegistry';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
const watched = new Set<Queues>();

/** Read from Redis at scrape time, so the depth is what it is now, whichever process runs the workers. */
new Gauge({
  name: 'shieldline_queue_jobs',
  help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed, prioritized)',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const queues of watched) {
      for (const [name, queue] of Object.entries(queues)) {
        const counts = await queue.getJobCounts(...STATES).catch(() => null);
        if (!counts) continue;
        for (const state of STATES) this.inc({ queue: name, state }, counts[state] ?? 0);
      }
    }
  },
});

export const jobWait = new Histogram({
  name: 'shieldline_job_wait_seconds',
  help: 'Time from when a job was due to when a worker first started it, by queue and job',
  labelNames: ['queue', 'job'] as const,
  buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
  registers: [metricsRegistry],
});

export const jobFailures = new Counter({
  name: 'shieldline_job_failures_total',
  help: 'Failed job attempts by queue and job; final="true" when no retry is left',
  labelNames: ['queue', 'job', 'final'] as const,
  registers: [metricsRegistry],
});

/** Adds a runtime's queues to /metrics; the returned function takes them off again at shutdown. */
export function watchQueues(queues: Queues): () => void {
  watched.add(queues);
  return () => watched.delete(queues);
}
