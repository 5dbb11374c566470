import type { ConsoleStatus, IntervalStats } from '@shared/api/supervisor';
import { DEPARTMENT_IDS, type DepartmentId } from '@shared/domain/department';
import type { Incident } from '@shared/domain/incident';
import type { IncidentStatus } from '@shared/domain/incidentStatus';
import { type DepartmentTask, UNACKNOWLEDGED } from '@shared/domain/task';
import { memoize } from '../common/store';
import { compareQueue } from '../console/selectors';

/**
 * What the supervisor view derives from the console's data. Pure and memoised on the maps the
 * console store replaces on every change, so the 1 s tick re-renders without re-sorting.
 */

/** The states an active incident can be in, in the order of its life. */
export const ACTIVE_STATES = ['new', 'acknowledged', 'dispatched', 'on_scene', 'controlled'] as const;
export type ActiveState = (typeof ACTIVE_STATES)[number];

const ACTIVE: ReadonlySet<IncidentStatus> = new Set(ACTIVE_STATES);

export function isActiveState(status: IncidentStatus): status is ActiveState {
  return ACTIVE.has(status);
}

/** Active incidents grouped by state, each group in queue order (priority, then age). */
export const groupIncidentsByState = memoize(
  (incidents: ReadonlyMap<string, Incident>): Readonly<Record<ActiveState, readonly Incident[]>> => {
    const groups: Record<ActiveState, Incident[]> = {
      new: [],
      acknowledged: [],
      dispatched: [],
      on_scene: [],
      controlled: [],
    };
    for (const incident of incidents.values()) {
      if (isActiveState(incident.status)) groups[incident.status].push(incident);
    }
    for (const state of ACTIVE_STATES) groups[state].sort(compareQueue);
    return groups;
  },
);

/** A task nobody has taken yet whose acknowledgement deadline has passed. */
export function isTaskOverdue(task: DepartmentTask, now: number): boolean {
  if (!UNACKNOWLEDGED.has(task.status)) return false;
  const deadline = Date.parse(task.ackDeadline);
  return !Number.isNaN(deadline) && deadline < now;
}

/** Still to be taken or still being worked: what a supervisor watches. */
export function isTaskOpen(task: DepartmentTask): boolean {
  return task.status !== 'done' && task.status !== 'failed';
}

export interface DepartmentTaskGroup {
  departmentId: DepartmentId;
  /** Open tasks: waiting ones by deadline (the nearest first), then those being worked. */
  open: readonly DepartmentTask[];
  waiting: number;
  finished: number;
  failed: number;
}

function compareTasks(a: DepartmentTask, b: DepartmentTask): number {
  const aw = UNACKNOWLEDGED.has(a.status);
  const bw = UNACKNOWLEDGED.has(b.status);
  if (aw !== bw) return aw ? -1 : 1;
  return (
    Date.parse(a.ackDeadline) - Date.parse(b.ackDeadline) ||
    Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

/** Every department that has any task, in the order of 第九条's table. */
export const groupTasksByDepartment = memoize(
  (tasks: ReadonlyMap<string, DepartmentTask>): readonly DepartmentTaskGroup[] => {
    const byDept = new Map<DepartmentId, DepartmentTask[]>();
    for (const task of tasks.values()) {
      const list = byDept.get(task.departmentId) ?? [];
      list.push(task);
      byDept.set(task.departmentId, list);
    }
    const groups: DepartmentTaskGroup[] = [];
    for (const departmentId of DEPARTMENT_IDS) {
      const list = byDept.get(departmentId);
      if (!list) continue;
      const open = list.filter(isTaskOpen).sort(compareTasks);
      groups.push({
        departmentId,
        open,
        waiting: open.filter((t) => UNACKNOWLEDGED.has(t.status)).length,
        finished: list.filter((t) => t.status === 'done').length,
        failed: list.filter((t) => t.status === 'failed').length,
      });
    }
    return groups;
  },
);

export function countOverdue(tasks: readonly DepartmentTask[], now: number): number {
  let n = 0;
  for (const t of tasks) if (isTaskOverdue(t, now)) n++;
  return n;
}

/** How an interval compares with the centre's target: over when the median misses it. */
export type IntervalVerdict = 'none' | 'within' | 'over';

export function intervalVerdict(stats: IntervalStats): IntervalVerdict {
  if (stats.medianS === null) return 'none';
  return stats.medianS <= stats.targetS ? 'within' : 'over';
}

/** Lagging consoles first, then by name; a console's socket id settles ties. */
export function sortConsoles(consoles: readonly ConsoleStatus[]): ConsoleStatus[] {
  return [...consoles].sort(
    (a, b) =>
      Number(b.lagging !== null) - Number(a.lagging !== null) ||
      a.username.localeCompare(b.username) ||
      a.socketId.localeCompare(b.socketId),
  );
}

export type Period = '24h' | '7d' | '30d';
export const PERIODS: readonly Period[] = ['24h', '7d', '30d'];
const PERIOD_MS: Record<Period, number> = {
  '24h': 24 * 3600_000,
  '7d': 7 * 24 * 3600_000,
  '30d': 30 * 24 * 3600_000,
};

/** The report window ending now. */
export function periodRange(period: Period, now: number): { from: string; to: string } {
  return { from: new Date(now - PERIOD_MS[period]).toISOString(), to: new Date(now).toISOString() };
}
