import {
  DeliveryAttemptList,
  TaskDoneRequest,
  TaskFailRequest,
  TaskList,
  TaskListQuery,
  TaskProgressRequest,
  WatchAddresses,
} from '@shared/api/task';
import { DepartmentTask } from '@shared/domain/task';
import type { Router } from 'express';
import { z } from 'zod';
import { can } from '../auth/permissions';
import type { AppContext } from '../context';
import { listAttempts } from '../delivery/deliveryAttempts';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { readWatchAddresses } from './restrictedDetails';
import { listTasks } from './taskRepository';
import { acknowledgeTask, finishTask, progressTask, taskFor } from './taskService';

const IdParams = z.object({ id: z.uuid() });

function changed(task: DepartmentTask | null): DepartmentTask {
  if (!task) throw errors.conflict('nothing changed');
  return task;
}

/** Department staff work their own department's tasks; the command center reads them all. */
export function registerTaskRoutes(router: Router, ctx: AppContext): void {
  const after = <T>(value: T): T => {
    return value;
  };

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/v1/tasks',
      summary: "My department's tasks, newest first (the command center may name any department)",
      tags: ['tasks'],
      permission: 'stream:read',
      query: TaskListQuery,
      response: TaskList,
    },
    async ({ query, principal }) => {
      const own = principal.kind === 'user' ? principal.user.departmentId : null;
      const all = can(principal, 'tasks:read_all');
      if (!all && !(can(principal, 'tasks:work') && own))
        throw errors.forbidden('you work no department tasks');
      const departmentId = all ? query.departmentId : (own ?? undefined);
      if (!all && query.departmentId && query.departmentId !== own)
        throw errors.forbidden('this belongs to another department');
      return { tasks: await listTasks(ctx.db, { departmentId, status: query.status, limit: query.limit }) };
    },
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/v1/tasks/:id',
      summary: 'One task',
      tags: ['tasks'],
      permission: 'stream:read',
      params: IdParams,
      response: DepartmentTask,
    },
    async ({ params, principal }) => taskFor(ctx.db, principal, params.id),
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/tasks/:id/acknowledge',
      summary: 'The department takes the task; stops its escalation',
      tags: ['tasks'],
      permission: 'tasks:work',
      params: IdParams,
      response: DepartmentTask,
    },
    async ({ params, principal, req }) =>
      after(changed(await acknowledgeTask(ctx.db, principal, params.id, req.id))),
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/tasks/:id/progress',
      summary: 'A progress note; the task is in progress',
      tags: ['tasks'],
      permission: 'tasks:work',
      params: IdParams,
      body: TaskProgressRequest,
      response: DepartmentTask,
    },
    async ({ params, body, principal, req }) =>
      after(changed(await progressTask(ctx.db, principal, params.id, body.note, req.id))),
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/tasks/:id/done',
      summary: 'The task is done',
      tags: ['tasks'],
      permission: 'tasks:work',
      params: IdParams,
      body: TaskDoneRequest,
      response: DepartmentTask,
    },
    async ({ params, body, principal, req }) =>
      after(changed(await finishTask(ctx.db, principal, params.id, 'done', body.note, req.id))),
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/tasks/:id/fail',
      summary: 'The department cannot do the task, and says why',
      tags: ['tasks'],
      permission: 'tasks:work',
      params: IdParams,
      body: TaskFailRequest,
      response: DepartmentTask,
    },
    async ({ params, body, principal, req }) =>
      after(changed(await finishTask(ctx.db, principal, params.id, 'failed', body.reason, req.id))),
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/v1/tasks/:id/deliveries',
      summary: 'Every delivery attempt of the task (console, webhook, SMS/IM) with its outcome',
      tags: ['tasks'],
      permission: 'stream:read',
      params: IdParams,
      response: DeliveryAttemptList,
    },
    async ({ params, principal }) => {
      await taskFor(ctx.db, principal, params.id);
      return { attempts: await listAttempts(ctx.db, params.id) };
    },
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/v1/tasks/:id/watch-addresses',
      summary: "A protective watch's addresses: the station keeping it and supervisors only; audited",
      tags: ['tasks'],
      // Only roles that work tasks pass the gate, so others cannot even learn which tasks have addresses.
      permission: 'tasks:work',
      params: IdParams,
      response: WatchAddresses,
    },
    async ({ params, principal, req }) => readWatchAddresses(ctx.db, principal, params.id, req.id),
  );
}
