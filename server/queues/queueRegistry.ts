import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type Queues } from '../jobs/jobCatalog';

export type { Queues };

/**
 * Producer side of every queue, sharing one fail-fast connection: when Redis is away an
 * enqueue fails at once and the outbox row stays pending, instead of hanging a request.
 */
export function createQueues(connection: Redis, prefix: string): Queues {
  const entries = QUEUES.map((name) => {
    const queue = new Queue(name, {
      connection,
      prefix: `${prefix}:bull`,
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: false,
      },
    });
    queue.on('error', () => {
      // Connection errors are logged once by the shared connection; nothing to add per queue.
    });
    return [name, queue] as const;
  });
  return Object.fromEntries(entries) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
