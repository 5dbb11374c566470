import { type DeadLetter, type DeliveryProblems, FailedDelivery } from '@shared/api/deliveryHealth';
import { DepartmentId } from '@shared/domain/department';
import type { Database } from '../db/database';
import { readOutboxHealth } from '../outbox/outboxHealth';

const LIMIT = 100;

function jobNames(jobs: unknown[]): string[] {
  return jobs.flatMap((j) =>
    typeof j === 'object' && j !== null && 'name' in j && typeof j.name === 'string' ? [j.name] : [],
  );
}

/** Everything that failed to reach its audience for good, for the supervisor view. */
export async function listDeliveryProblems(db: Database): Promise<DeliveryProblems> {
  const [outbox, dead, failed] = await Promise.all([
    readOutboxHealth(db),
    db
      .selectFrom('outbox')
      .select([
        'id',
        'topic',
        'aggregate_id',
        'published_at',
        'jobs',
        'attempts',
        'last_error',
        'created_at',
        'dead_lettered_at',
      ])
      .where('dead_lettered_at', 'is not', null)
      .orderBy('dead_lettered_at', 'desc')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('delivery_failures as f')
      .innerJoin('department_tasks as t', 't.id', 'f.task_id')
      .innerJoin('incidents as i', 'i.id', 't.incident_id')
      .select([
        'f.id',
        'f.task_id',
        't.incident_id',
        'i.reference',
        't.department_id',
        'f.channel',
        'f.event',
        'f.recipient',
        'f.attempts',
        'f.error',
        'f.failed_at',
      ])
      .orderBy('f.failed_at', 'desc')
      .limit(LIMIT)
      .execute(),
  ]);
  const deadLetters: DeadLetter[] = dead.map((r) => ({
    id: r.id,
    topic: r.topic,
    aggregateId: r.aggregate_id,
    eventPublished: r.published_at !== null,
    jobs: jobNames(r.jobs),
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
    deadLetteredAt: new Date(r.dead_lettered_at ?? r.created_at).toISOString(),
  }));
  const failedDeliveries = failed.map(
    (r): FailedDelivery => ({
      id: r.id,
      taskId: r.task_id,
      incidentId: r.incident_id,
      incidentReference: r.reference,
      departmentId: DepartmentId.parse(r.department_id),
      channel: FailedDelivery.shape.channel.parse(r.channel),
      event: r.event,
      recipient: r.recipient,
      attempts: r.attempts,
      error: r.error,
      failedAt: new Date(r.failed_at).toISOString(),
    }),
  );
  return { outbox, deadLetters, failedDeliveries };
}
