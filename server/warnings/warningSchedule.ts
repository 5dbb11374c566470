import type { Queues } from '../queues/queueRegistry';

const SCHEDULER_ID = 'warnings-sweep';

/**
 * The clock's part of the evaluation: deadlines fall due and incidents stay unfiled without any
 * change to announce it. A BullMQ job scheduler (one per Redis prefix however many processes
 * upsert it) adds a `warnings.evaluate` job every `everyS`.
 */
export async function scheduleWarningSweep(queues: Queues, everyS: number): Promise<void> {
  if (everyS <= 0) {
    await queues.warnings.removeJobScheduler(SCHEDULER_ID);
    return;
  }
  await queues.warnings.upsertJobScheduler(
    SCHEDULER_ID,
    { every: everyS * 1000 },
    { name: 'warnings.evaluate', data: { trigger: 'schedule' } },
  );
}
