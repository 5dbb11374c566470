import type { DepartmentId } from '@shared/domain/department';
import { type DepartmentTask, UNACKNOWLEDGED } from '@shared/domain/task';
import { memoize } from '../common/store';

/**
 * A department's tasks come from two places: the console store (snapshot + sequenced stream:
 * live, but only tasks of open incidents) and the inbox's own reads (GET /tasks, which also
 * holds tasks of incidents closed long ago, and the answers to its commands). The newer copy of
 * each task wins; on a tie the inbox's read wins, as it carries every field (notes, rule).
 */
export function mergeTasks(
  live: ReadonlyMap<string, DepartmentTask>,
  fetched: ReadonlyMap<string, DepartmentTask>,
  departmentId: DepartmentId | null,
): Map<string, DepartmentTask> {
  const out = new Map<string, DepartmentTask>();
  for (const task of fetched.values()) {
    if (departmentId === null || task.departmentId === departmentId) out.set(task.id, task);
  }
  for (const task of live.values()) {
    if (departmentId !== null && task.departmentId !== departmentId) continue;
    const other = out.get(task.id);
    if (!other || Date.parse(task.updatedAt) > Date.parse(other.updatedAt)) out.set(task.id, task);
  }
  return out;
}

export type InboxGroupName = 'waiting' | 'working' | 'finished';

export interface InboxGroups {
  /** Not yet taken: the nearest deadline first. */
  waiting: readonly DepartmentTask[];
  /** Taken and being worked: the most recently touched first. */
  working: readonly DepartmentTask[];
  /** Done or failed: the most recent first. */
  finished: readonly DepartmentTask[];
}

export function groupOf(task: DepartmentTask): InboxGroupName {
  if (UNACKNOWLEDGED.has(task.status)) return 'waiting';
  if (task.status === 'acknowledged' || task.status === 'in_progress') return 'working';
  return 'finished';
}

const byDeadline = (a: DepartmentTask, b: DepartmentTask) =>
  Date.parse(a.ackDeadline) - Date.parse(b.ackDeadline) || a.id.localeCompare(b.id);
const byRecent = (a: DepartmentTask, b: DepartmentTask) =>
  Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id);

export const groupInbox = memoize((tasks: ReadonlyMap<string, DepartmentTask>): InboxGroups => {
  const waiting: DepartmentTask[] = [];
  const working: DepartmentTask[] = [];
  const finished: DepartmentTask[] = [];
  for (const task of tasks.values()) {
    const group = groupOf(task);
    (group === 'waiting' ? waiting : group === 'working' ? working : finished).push(task);
  }
  return {
    waiting: waiting.sort(byDeadline),
    working: working.sort(byRecent),
    finished: finished.sort(byRecent),
  };
});

/** The task ids in the order the inbox lists them (J/K move through this). */
export function inboxOrder(groups: InboxGroups): string[] {
  return [...groups.waiting, ...groups.working, ...groups.finished].map((t) => t.id);
}

/** What a task's department may still do with it. */
export function taskActions(task: DepartmentTask): {
  acknowledge: boolean;
  progress: boolean;
  done: boolean;
} {
  const taken = task.status === 'acknowledged' || task.status === 'in_progress';
  return { acknowledge: UNACKNOWLEDGED.has(task.status), progress: taken, done: taken };
}

/** `#/tasks/<id>` → the id; anything else → null. */
export function taskIdFromHash(hash: string): string | null {
  const m = /^#\/tasks\/([0-9a-f-]{36})$/i.exec(hash);
  return m?.[1]?.toLowerCase() ?? null;
}
