import { randomUUID } from 'node:crypto';
import { DepartmentTask } from '@shared/domain/task';
import type { Principal } from '../../server/auth/principal';
import { changeIncident } from '../../server/incidents/incidentCommands';
import { appendOutbox } from '../../server/outbox/outboxWriter';
import { departmentRoom, ROOM_ALL } from '../../server/realtime/rooms';
import type { JobHandler } from '../startWorkers';

const SYSTEM: Principal = { kind: 'system', component: 'linkage' };
const ACK_DEADLINE_MS = 15 * 60_000;

/**
 * 第十三条: every incident is registered as a case with the rights-protection office (维权办).
 * The task is unique per (incident, department, kind), so a redelivered job creates nothing new.
 */
export const handleLinkage: JobHandler<'incident.linkage'> = async ({ incidentId }, ctx) => {
  await changeIncident(
    ctx.db,
    SYSTEM,
    incidentId,
    () => ({
      kind: 'linkage',
      details: { tasks: ['rights_office:register_case'] },
      also: async (trx) => {
        const now = new Date();
        const inserted = await trx
          .insertInto('department_tasks')
          .values({
            id: randomUUID(),
            incident_id: incidentId,
            department_id: 'rights_office',
            kind: 'register_case',
            status: 'queued',
            article: '第十三条',
            ack_deadline: new Date(now.getTime() + ACK_DEADLINE_MS),
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.columns(['incident_id', 'department_id', 'kind']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!inserted) return;
        const task = DepartmentTask.parse({
          id: inserted.id,
          incidentId,
          departmentId: inserted.department_id,
          kind: inserted.kind,
          status: inserted.status,
          article: inserted.article,
          ackDeadline: new Date(inserted.ack_deadline).toISOString(),
          escalationLevel: inserted.escalation_level,
          createdAt: new Date(inserted.created_at).toISOString(),
          updatedAt: new Date(inserted.updated_at).toISOString(),
        });
        await appendOutbox(trx, {
          topic: 'task',
          data: task,
          rooms: [ROOM_ALL, departmentRoom(task.departmentId)],
        });
      },
    }),
    null,
  );
  ctx.kickRelay();
};
