import type { ClearingItemKind } from '@shared/domain/clearing';
import { TERMINAL_STATUSES } from '@shared/domain/incidentStatus';
import { OPEN_TASK_STATUSES } from '@shared/domain/task';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** An incident or department task as the clearing lists show it. */
export interface OpenItem {
  itemKind: ClearingItemKind;
  id: string;
  reference: string;
  label: string;
  status: string;
  openedAt: Date;
  updatedAt: Date;
  /** When it left the open states (closed, done, stood down…), as near as the record says. */
  endedAt: Date | null;
  acknowledgedAt: Date | null;
  controlledAt: Date | null;
}

const OPEN_TASKS = [...OPEN_TASK_STATUSES];
const TERMINAL = [...TERMINAL_STATUSES];

export function isOpen(item: Pick<OpenItem, 'itemKind' | 'status'>): boolean {
  return item.itemKind === 'incident'
    ? !TERMINAL_STATUSES.has(item.status as never)
    : OPEN_TASK_STATUSES.has(item.status as never);
}

function incidentsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('incidents')
    .select([
      'id',
      'reference',
      'category',
      'status',
      'raised_at',
      'updated_at',
      'closed_at',
      'acknowledged_at',
      'controlled_at',
    ]);
}

function tasksQuery(db: Kysely<DB>) {
  return db
    .selectFrom('department_tasks')
    .innerJoin('incidents', 'incidents.id', 'department_tasks.incident_id')
    .select([
      'department_tasks.id',
      'incidents.reference',
      'department_tasks.department_id',
      'department_tasks.status',
      'department_tasks.created_at',
      'department_tasks.updated_at',
      'department_tasks.completed_at',
      'department_tasks.acknowledged_at',
    ]);
}

type IncidentRow = Awaited<ReturnType<ReturnType<typeof incidentsQuery>['execute']>>[number];
type TaskRow = Awaited<ReturnType<ReturnType<typeof tasksQuery>['execute']>>[number];

const date = (v: Date | string) => new Date(v);
const dateOrNull = (v: Date | string | null) => (v === null ? null : new Date(v));

function fromIncident(r: IncidentRow): OpenItem {
  const ended = TERMINAL_STATUSES.has(r.status as never);
  return {
    itemKind: 'incident',
    id: r.id,
    reference: r.reference,
    label: r.category,
    status: r.status,
    openedAt: date(r.raised_at),
    updatedAt: date(r.updated_at),
    endedAt: ended ? (dateOrNull(r.closed_at) ?? date(r.updated_at)) : null,
    acknowledgedAt: dateOrNull(r.acknowledged_at),
    controlledAt: dateOrNull(r.controlled_at),
  };
}

function fromTask(r: TaskRow): OpenItem {
  const ended = !OPEN_TASK_STATUSES.has(r.status as never);
  return {
    itemKind: 'task',
    id: r.id,
    reference: r.reference,
    label: r.department_id,
    status: r.status,
    openedAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    endedAt: ended ? (dateOrNull(r.completed_at) ?? date(r.updated_at)) : null,
    acknowledgedAt: dateOrNull(r.acknowledged_at),
    controlledAt: null,
  };
}

/** Every incident and task open now. */
export async function openItemsNow(db: Kysely<DB>): Promise<OpenItem[]> {
  const [incidents, tasks] = await Promise.all([
    incidentsQuery(db).where('status', 'not in', TERMINAL).orderBy('raised_at').execute(),
    tasksQuery(db)
      .where('department_tasks.status', 'in', OPEN_TASKS)
      .orderBy('department_tasks.created_at')
      .execute(),
  ]);
  return [...incidents.map(fromIncident), ...tasks.map(fromTask)];
}

/** Items opened before `end` and still open at it (open now, or ended after it). */
export async function openItemsAt(db: Kysely<DB>, end: Date): Promise<OpenItem[]> {
  const [incidents, tasks] = await Promise.all([
    incidentsQuery(db).where('raised_at', '<', end).orderBy('raised_at').execute(),
    tasksQuery(db)
      .where('department_tasks.created_at', '<', end)
      .orderBy('department_tasks.created_at')
      .execute(),
  ]);
  return [...incidents.map(fromIncident), ...tasks.map(fromTask)].filter(
    (i) => i.endedAt === null || i.endedAt.getTime() >= end.getTime(),
  );
}

/** The items with these ids, as they are now. */
export async function itemsByIds(
  db: Kysely<DB>,
  ids: { incident: string[]; task: string[] },
): Promise<OpenItem[]> {
  const [incidents, tasks] = await Promise.all([
    ids.incident.length ? incidentsQuery(db).where('id', 'in', ids.incident).execute() : [],
    ids.task.length ? tasksQuery(db).where('department_tasks.id', 'in', ids.task).execute() : [],
  ]);
  return [...incidents.map(fromIncident), ...tasks.map(fromTask)];
}
