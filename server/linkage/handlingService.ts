import type { CorrectHandlingRequest, HandlingRevision } from '@shared/api/linkage';
import { type DepartmentTask, HandlingSuggestion } from '@shared/domain/task';
import type { z } from 'zod';
import { can } from '../auth/permissions';
import { actorOf, type Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import { changeTask } from '../tasks/taskCommands';
import { findTask } from '../tasks/taskRepository';
import { currentRuleSet } from './ruleRepository';

/** Departments whose staff may correct the suggestion on a task they work: the case handlers and 法制. */
const CORRECTING_DEPARTMENTS = new Set(['investigation', 'legal']);

async function visibleTask(db: Database, principal: Principal, taskId: string): Promise<DepartmentTask> {
  // Field officers work assignments, not department tasks: refused before the task is looked up.
  if (!can(principal, 'tasks:read_all') && !can(principal, 'tasks:work'))
    throw errors.forbidden('your role does not work department tasks');
  const task = await findTask(db, taskId);
  if (!task) throw errors.notFound('task');
  if (can(principal, 'tasks:read_all')) return task;
  if (principal.kind === 'user' && principal.user.departmentId === task.departmentId) return task;
  throw errors.forbidden('this belongs to another department');
}

function mayCorrect(principal: Principal, task: DepartmentTask): boolean {
  if (can(principal, 'incidents:dispatch')) return true;
  return (
    principal.kind === 'user' &&
    principal.user.departmentId === task.departmentId &&
    CORRECTING_DEPARTMENTS.has(task.departmentId)
  );
}

/**
 * A person corrects the 第二十一条 suggestion: the track, and the basis (by default the rule
 * set's wording for that track). The correction is marked with who and why, kept as a
 * revision, announced to the department and put on the timeline; re-plans leave it alone.
 */
export async function correctHandling(
  db: Database,
  principal: Principal,
  taskId: string,
  input: z.output<typeof CorrectHandlingRequest>,
  requestId: string | null,
): Promise<DepartmentTask> {
  const mayAtAll =
    can(principal, 'incidents:dispatch') ||
    (principal.kind === 'user' && CORRECTING_DEPARTMENTS.has(principal.user.departmentId ?? ''));
  if (!mayAtAll)
    throw errors.forbidden('only a dispatcher or the unit handling the case may correct the suggestion');
  const task = await visibleTask(db, principal, taskId);
  if (!task.handling) throw errors.conflict('this task carries no handling suggestion');
  if (!mayCorrect(principal, task))
    throw errors.forbidden('only a dispatcher or the unit handling the case may correct the suggestion');
  const { handling: policy } = await currentRuleSet(db);
  const defaultBasis =
    input.track === 'criminal'
      ? [policy.assaultOnPolice?.basis, policy.criminal.basis].filter(Boolean).join('；')
      : policy.administrative.basis;
  const actor = actorOf(principal);
  const suggestion = HandlingSuggestion.parse({
    track: input.track,
    basis: input.basis ?? defaultBasis,
    article: task.handling.article,
    grounds: task.handling.grounds,
    correctedBy: actor,
    reason: input.reason,
  });
  const after = await changeTask(
    db,
    principal,
    taskId,
    () => ({
      kind: 'handling_corrected',
      set: { handling: JSON.stringify(suggestion) },
      details: { from: task.handling?.track, to: suggestion.track, reason: input.reason },
      also: async (trx) => {
        await trx
          .insertInto('handling_revisions')
          .values({
            task_id: taskId,
            suggestion: JSON.stringify(suggestion),
            source: 'correction',
            actor,
            reason: input.reason,
          })
          .execute();
      },
    }),
    requestId,
  );
  if (!after) throw errors.conflict('the task changed; try again');
  return after;
}

export async function handlingRevisions(
  db: Database,
  principal: Principal,
  taskId: string,
): Promise<HandlingRevision[]> {
  await visibleTask(db, principal, taskId);
  const rows = await db
    .selectFrom('handling_revisions')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    suggestion: HandlingSuggestion.parse(r.suggestion),
    source: r.source === 'correction' ? 'correction' : 'linkage',
    actor: r.actor,
    reason: r.reason,
    at: new Date(r.created_at).toISOString(),
  }));
}
