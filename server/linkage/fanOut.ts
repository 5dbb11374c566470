import { randomUUID } from 'node:crypto';
import type { Incident } from '@shared/domain/incident';
import type { LinkageFacts, PlannedTask } from '@shared/domain/linkageRule';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';
import { changeIncident } from '../incidents/incidentCommands';
import { findIncident } from '../incidents/incidentRepository';
import { jobs as catalog, type OutboxJob } from '../jobs/jobCatalog';
import { appendOutbox } from '../outbox/outboxWriter';
import { toTask } from '../tasks/taskMapper';
import { taskRooms } from '../tasks/taskRooms';
import { planTasks } from './planTasks';
import { currentRuleSet } from './ruleRepository';
import { type WatchAddress, watchAddressesFor } from './watchAddresses';

const SYSTEM: Principal = { kind: 'system', component: 'linkage' };

export function factsOf(incident: Incident): LinkageFacts {
  return {
    category: incident.category,
    injured: incident.injured,
    vehicleInvolved: incident.vehicleInvolved,
    onRoad: incident.onRoad,
    ongoing: incident.ongoing,
    contentUrls: incident.contentUrls,
  };
}

async function pendingCaptures(trx: Kysely<DB>, incident: Incident, now: Date): Promise<OutboxJob[]> {
  if (!incident.contentUrls.length) return [];
  const rows = await trx
    .insertInto('evidence_captures')
    .values(
      incident.contentUrls.map((url) => ({
        id: randomUUID(),
        incident_id: incident.id,
        url,
        status: 'pending',
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['incident_id', 'url']).doNothing())
    .returning('id')
    .execute();
  return rows.map((r) => catalog.evidence(incident.id, r.id));
}

async function insertTask(
  trx: Kysely<DB>,
  incident: Incident,
  planned: PlannedTask,
  ruleVersion: number,
  watch: WatchAddress[],
  now: Date,
): Promise<boolean> {
  const deadline = new Date(now.getTime() + planned.ackDeadlineS * 1000);
  const row = await trx
    .insertInto('department_tasks')
    .values({
      id: randomUUID(),
      incident_id: incident.id,
      department_id: planned.departmentId,
      kind: planned.kind,
      status: 'queued',
      article: planned.article,
      ack_deadline: deadline,
      created_at: now,
      updated_at: now,
      rule_id: planned.ruleId,
      rule_version: ruleVersion,
      handling: planned.handling ? JSON.stringify(planned.handling) : null,
      restricted: planned.restricted,
    })
    .onConflict((oc) => oc.columns(['incident_id', 'department_id', 'kind']).doNothing())
    .returningAll()
    .executeTakeFirst();
  // Already there: a redelivered job or a second worker; the first one announced it.
  if (!row) return false;
  const task = toTask(row);
  if (planned.restricted) {
    await trx
      .insertInto('task_restricted_details')
      .values({ task_id: task.id, details: JSON.stringify({ addresses: watch }) })
      .execute();
  }
  const jobs = [catalog.deliver(task.id), catalog.escalate(task.id, 1, deadline.getTime() - Date.now())];
  if (task.kind === 'evidence_preservation') jobs.push(...(await pendingCaptures(trx, incident, now)));
  await appendOutbox(trx, { topic: 'task', data: task, rooms: taskRooms(task), jobs });
  return true;
}

/**
 * Creates the tasks the rules call for that the incident does not have yet, each announced to
 * its department and followed by its delivery, escalation and (网安) evidence jobs, all in one
 * transaction. Exactly one task per (incident, department, kind) however often it runs.
 */
export async function runLinkage(db: Database, incidentId: string, deadlineCapS?: number): Promise<number> {
  const incident = await findIncident(db, incidentId);
  if (!incident) return 0;
  const ruleSet = await currentRuleSet(db);
  const planned = planTasks(ruleSet.rules, ruleSet.handling, factsOf(incident), deadlineCapS);
  const existing = await db
    .selectFrom('department_tasks')
    .select(['department_id', 'kind'])
    .where('incident_id', '=', incidentId)
    .execute();
  const have = new Set(existing.map((t) => `${t.department_id}/${t.kind}`));
  const missing = planned.filter((p) => !have.has(`${p.departmentId}/${p.kind}`));
  if (!missing.length) return 0;
  const watch = missing.some((p) => p.restricted) ? await watchAddressesFor(db, incident) : [];
  let created = 0;
  await changeIncident(
    db,
    SYSTEM,
    incidentId,
    () => ({
      kind: 'linkage',
      details: {
        ruleVersion: ruleSet.version,
        tasks: missing.map((p) => ({ departmentId: p.departmentId, kind: p.kind, article: p.article })),
      },
      also: async (trx) => {
        const now = new Date();
        for (const p of missing)
          if (await insertTask(trx, incident, p, ruleSet.version, watch, now)) created++;
      },
    }),
    null,
  );
  return created;
}
