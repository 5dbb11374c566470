import type { OutboxJob } from '../server/outbox/outboxWriter';
import { JOBS, type JobData, type JobName } from './jobCatalog';

/**
 * Builds an outbox job for a catalogued job name, checking its data now rather than when a
 * worker picks it up. BullMQ forbids ':' in job ids, so ids use '-'.
 */
export function outboxJob<N extends JobName>(
  name: N,
  data: JobData<N>,
  jobId: string,
  delayMs?: number,
): OutboxJob {
  const job = JOBS[name];
  return {
    queue: job.queue,
    name,
    data: job.data.parse(data),
    jobId: jobId.replaceAll(':', '-'),
    ...(delayMs ? { delayMs: Math.max(0, Math.round(delayMs)) } : {}),
  };
}
