import { randomUUID } from 'node:crypto';
import type { Incident } from '@shared/domain/incident';
import type { LinkageFacts } from '@shared/domain/linkageRule';
import { type HandlingSuggestion, OPEN_TASK_STATUSES } from '@shared/domain/task';
import type { LinkageReason } from '@shared/domain/timeline';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';
import { changeIncident } from '../incidents/incidentCommands';
import { findIncident } from '../incidents/incidentRepository';
import { jobs as catalog, MAX_TASKS_PER_DELIVERY, type OutboxJob } from '../jobs/jobCatalog';
import { appendOutboxAll, appendOutboxJobs, type OutboxEntry } from '../outbox/outboxWriter';
import { type TaskRow, toTask } from '../tasks/taskMapper';
import { taskRooms } from '../tasks/taskRooms';
import { planTasks } from './planTasks';
import { type RoutedTask, routeTasks } from './routeTasks';
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
    mediaAttention: incident.mediaAttention,
    application: incident.source === 'application',
  };
}

/** Statuses in which an incident's linkage is over: every open task is stood down (issue #10 item 12). */
const ENDED: ReadonlySet<Incident['status']> = new Set(['false_alarm', 'cancelled']);

/** Why a task was stood down, as the department reads it. */
function standDownReason(incident: Incident): { code: LinkageReason; note: string } {
  if (incident.status === 'false_alarm')
    return { code: 'incident_false_alarm', note: '已撤销：警情核实为误报（或报警民警取消），无需继续办理' };
  if (incident.status === 'cancelled')
    return { code: 'incident_cancelled', note: '已撤销：警情已取消，无需继续办理' };
  return {
    code: 'facts_changed',
    note: '已撤销：警情事实变更（类别、伤情、车辆等），依规则不再需要此项任务',
  };
}

function sameHandling(a: HandlingSuggestion | undefined, b: HandlingSuggestion | undefined): boolean {
  return a?.track === b?.track && a?.basis === b?.basis;
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

async function recordHandling(trx: Kysely<DB>, taskId: string, handling: HandlingSuggestion, reason: string) {
  await trx
    .insertInto('handling_revisions')
    .values({
      task_id: taskId,
      suggestion: JSON.stringify(handling),
      source: 'linkage',
      actor: 'system:linkage',
      reason,
    })
    .execute();
}

/**
 * What one linkage run announces, written to the outbox in one statement at the end of its
 * transaction (runLinkage): the tasks' events and, for the new ones, one delivery job.
 */
interface Announcements {
  events: OutboxEntry<'task'>[];
  created: string[];
}

function announce(out: Announcements, row: TaskRow, jobs: OutboxJob[] = []): void {
  const task = toTask(row);
  out.events.push({ topic: 'task', data: task, rooms: taskRooms(task), jobs });
}

async function writeAnnouncements(trx: Kysely<DB>, incidentId: string, out: Announcements): Promise<void> {
  await appendOutboxAll(trx, out.events);
  const deliveries: OutboxJob[] = [];
  for (let i = 0; i < out.created.length; i += MAX_TASKS_PER_DELIVERY)
    deliveries.push(catalog.deliverAll(out.created.slice(i, i + MAX_TASKS_PER_DELIVERY)));
  await appendOutboxJobs(trx, incidentId, deliveries);
}

/**
 * Inserts the linkage's new tasks in one statement. A task that is there already (a redelivered
 * job or a second worker; the first one announced it) is skipped. Returns how many it created.
 */
async function insertTasks(
  trx: Kysely<DB>,
  incident: Incident,
  planned: readonly RoutedTask[],
  ruleVersion: number,
  watch: WatchAddress[],
  now: Date,
  out: Announcements,
): Promise<number> {
  if (!planned.length) return 0;
  const deadlineOf = (p: RoutedTask) => new Date(now.getTime() + p.ackDeadlineS * 1000);
  const rows = await trx
    .insertInto('department_tasks')
    .values(
      planned.map((p) => ({
        id: randomUUID(),
        incident_id: incident.id,
        department_id: p.departmentId,
        kind: p.kind,
        status: 'queued',
        article: p.article,
        ack_deadline: deadlineOf(p),
        created_at: now,
        updated_at: now,
        rule_id: p.ruleId,
        rule_version: ruleVersion,
        handling: p.handling ? JSON.stringify(p.handling) : null,
        restricted: p.restricted,
        org_unit_id: p.orgUnitId,
        org_unit_name: p.orgUnitName,
      })),
    )
    .onConflict((oc) => oc.columns(['incident_id', 'department_id', 'kind']).doNothing())
    .returningAll()
    .execute();
  const plannedFor = new Map(planned.map((p) => [`${p.departmentId}/${p.kind}`, p]));
  for (const row of rows) {
    const p = plannedFor.get(`${row.department_id}/${row.kind}`);
    if (!p) continue;
    if (p.restricted) {
      await trx
        .insertInto('task_restricted_details')
        .values({ task_id: row.id, details: JSON.stringify({ addresses: watch }) })
        .execute();
    }
    if (p.handling) await recordHandling(trx, row.id, p.handling, 'initial');
    // Delivered with the linkage's other new tasks, in one job (writeAnnouncements).
    const jobs = [catalog.escalate(row.id, 1, deadlineOf(p).getTime() - Date.now())];
    if (row.kind === 'evidence_preservation') jobs.push(...(await pendingCaptures(trx, incident, now)));
    announce(out, row, jobs);
    out.created.push(row.id);
  }
  return rows.length;
}

type Change =
  | { action: 'create'; planned: RoutedTask }
  | { action: 'reopen'; planned: RoutedTask; row: TaskRow }
  | { action: 'stand_down'; row: TaskRow }
  | { action: 'revise'; planned: RoutedTask; row: TaskRow };

/** What the rules call for now against what the incident has: pure, on rows read before the lock. */
function diff(planned: readonly RoutedTask[], existing: readonly TaskRow[]): Change[] {
  const have = new Map(existing.map((t) => [`${t.department_id}/${t.kind}`, t]));
  const want = new Set(planned.map((p) => `${p.departmentId}/${p.kind}`));
  const changes: Change[] = [];
  for (const p of planned) {
    const row = have.get(`${p.departmentId}/${p.kind}`);
    if (!row) changes.push({ action: 'create', planned: p });
    else if (row.status === 'stood_down') changes.push({ action: 'reopen', planned: p, row });
    else if (OPEN_TASK_STATUSES.has(row.status)) {
      const current = toTask(row);
      const handlingChanged =
        p.handling && !current.handling?.correctedBy && !sameHandling(current.handling, p.handling);
      const rerouted = p.orgUnitId !== null && p.orgUnitId !== row.org_unit_id;
      if (handlingChanged || rerouted) changes.push({ action: 'revise', planned: p, row });
    }
  }
  for (const row of existing)
    if (!want.has(`${row.department_id}/${row.kind}`) && OPEN_TASK_STATUSES.has(row.status))
      changes.push({ action: 'stand_down', row });
  return changes;
}

function summary(c: Change) {
  const row = 'row' in c ? c.row : undefined;
  const p = 'planned' in c ? c.planned : undefined;
  return {
    departmentId: p?.departmentId ?? row?.department_id,
    kind: p?.kind ?? row?.kind,
    ...(p ? { article: p.article } : {}),
    ...(p?.orgUnitName ? { orgUnit: p.orgUnitName, routedBy: p.routedBy } : {}),
    ...(c.action === 'revise' && p?.handling ? { handling: p.handling.track } : {}),
  };
}

/**
 * Re-plans an incident's linkage from its facts as they are now (issue #11): creates the tasks
 * the rules call for that it lacks (once per incident, department and kind: a stood-down task
 * called for again is reopened, never duplicated), stands down open tasks no longer called for
 * with the reason, revises the 第二十一条 suggestion and the routing of open tasks, and puts it
 * all on the timeline in one transaction. An incident that ended as a false alarm or was
 * cancelled calls for nothing. Safe to run again: a second run finds nothing to change.
 * Returns the number of tasks changed.
 */
export async function runLinkage(db: Database, incidentId: string, deadlineCapS?: number): Promise<number> {
  // The incident may change between the read and the lock (acknowledged, dispatched): plan again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await replanOnce(db, incidentId, deadlineCapS);
    if (result !== 'stale') return result;
  }
  throw new Error(`incident ${incidentId} kept changing while its linkage was planned`);
}

async function replanOnce(
  db: Database,
  incidentId: string,
  deadlineCapS?: number,
): Promise<number | 'stale'> {
  const incident = await findIncident(db, incidentId);
  if (!incident) return 0;
  const ruleSet = await currentRuleSet(db);
  const ended = ENDED.has(incident.status);
  const planned = ended
    ? []
    : await routeTasks(
        db,
        incident,
        planTasks(ruleSet.rules, ruleSet.handling, factsOf(incident), deadlineCapS),
      );
  const existing = await db
    .selectFrom('department_tasks')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .execute();
  const changes = diff(planned, existing);
  if (!changes.length) return 0;
  const reason = standDownReason(incident);
  const needsWatch = changes.some(
    (c) => (c.action === 'create' || c.action === 'reopen') && c.planned.restricted,
  );
  const watch = needsWatch ? await watchAddressesFor(db, incident) : [];
  let changed = 0;
  let stale = false;
  await changeIncident(
    db,
    SYSTEM,
    incidentId,
    (current) => {
      if (current.version !== incident.version) {
        stale = true;
        return null;
      }
      const by = (action: Change['action']) => changes.filter((c) => c.action === action).map(summary);
      return {
        kind: 'linkage',
        details: {
          ruleVersion: ruleSet.version,
          reason: existing.length ? reason.code : 'initial',
          tasks: by('create'),
          ...(by('reopen').length ? { reopened: by('reopen') } : {}),
          ...(by('stand_down').length ? { stoodDown: by('stand_down'), standDownNote: reason.note } : {}),
          ...(by('revise').length ? { revised: by('revise') } : {}),
        },
        also: async (trx) => {
          const now = new Date();
          const out: Announcements = { events: [], created: [] };
          const creates = changes.flatMap((c) => (c.action === 'create' ? [c.planned] : []));
          changed += await insertTasks(trx, incident, creates, ruleSet.version, watch, now, out);
          for (const c of changes)
            if (c.action !== 'create' && (await apply(trx, c, ruleSet.version, reason.note, now, out)))
              changed++;
          await writeAnnouncements(trx, incidentId, out);
        },
      };
    },
    null,
  );
  return stale ? 'stale' : changed;
}

/** A change to a task the incident has (stand down, reopen, revise); new ones are insertTasks'. */
async function apply(
  trx: Kysely<DB>,
  c: Exclude<Change, { action: 'create' }>,
  ruleVersion: number,
  standDownNote: string,
  now: Date,
  out: Announcements,
): Promise<boolean> {
  const locked = await trx
    .selectFrom('department_tasks')
    .selectAll()
    .where('id', '=', c.row.id)
    .forUpdate()
    .executeTakeFirst();
  // Changed since the plan was made (acknowledged, done): the next run decides on what is there.
  if (!locked || locked.version !== c.row.version) return false;
  const base = { updated_at: now, version: locked.version + 1 };
  if (c.action === 'stand_down') {
    const row = await trx
      .updateTable('department_tasks')
      .set({ ...base, status: 'stood_down', note: standDownNote, completed_at: now })
      .where('id', '=', locked.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    announce(out, row, [catalog.deliver(row.id, 'task.stood_down')]);
    return true;
  }
  const p = c.planned;
  if (c.action === 'reopen') {
    const deadline = new Date(now.getTime() + p.ackDeadlineS * 1000);
    const row = await trx
      .updateTable('department_tasks')
      .set({
        ...base,
        status: 'queued',
        note: '重新启用：警情事实变更后依规则再次需要此项任务',
        ack_deadline: deadline,
        escalation_level: 0,
        completed_at: null,
        article: p.article,
        rule_id: p.ruleId,
        rule_version: ruleVersion,
        org_unit_id: p.orgUnitId,
        org_unit_name: p.orgUnitName,
        ...(p.handling ? { handling: JSON.stringify(p.handling) } : {}),
      })
      .where('id', '=', locked.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (p.handling) await recordHandling(trx, row.id, p.handling, 'reopened');
    announce(out, row, [
      catalog.deliver(row.id, 'task.reopened', row.version),
      catalog.escalate(row.id, 1, deadline.getTime() - Date.now(), row.version),
    ]);
    return true;
  }
  const current = toTask(locked);
  const handlingChanged =
    p.handling && !current.handling?.correctedBy && !sameHandling(current.handling, p.handling);
  const row = await trx
    .updateTable('department_tasks')
    .set({
      ...base,
      ...(handlingChanged && p.handling ? { handling: JSON.stringify(p.handling) } : {}),
      ...(p.orgUnitId ? { org_unit_id: p.orgUnitId, org_unit_name: p.orgUnitName } : {}),
    })
    .where('id', '=', locked.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (handlingChanged && p.handling) await recordHandling(trx, row.id, p.handling, 'facts_changed');
  announce(out, row, [catalog.deliver(row.id, 'task.revised', row.version)]);
  return true;
}
