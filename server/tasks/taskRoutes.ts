import { routes } from '@shared/api/routes';
import type { DepartmentTask } from '@shared/domain/task';
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

const _IdParams = z.object({ id: z.uuid() });

function changed(task: DepartmentTask | null): DepartmentTask {
  if (!task) throw errors.conflict('nothing changed');
  return task;
}

/** Department staff work their own department's tasks; the command center reads them all. */
export function registerTaskRoutes(router: Router, ctx: AppContext): void {
  const after = <T>(value: T): T => {
    return value;
  };

  defineRoute(router, ctx.registry, routes.tasks.list, async ({ query, principal }) => {
    const own = principal.kind === 'user' ? principal.user.departmentId : null;
    const all = can(principal, 'tasks:read_all');
    if (!all && !(can(principal, 'tasks:work') && own))
      throw errors.forbidden('you work no department tasks');
    const departmentId = all ? query.departmentId : (own ?? undefined);
    if (!all && query.departmentId && query.departmentId !== own)
      throw errors.forbidden('this belongs to another department');
    return { tasks: await listTasks(ctx.db, { departmentId, status: query.status, limit: query.limit }) };
  });

  defineRoute(router, ctx.registry, routes.tasks.get, async ({ params, principal }) =>
    taskFor(ctx.db, principal, params.id),
  );

  defineRoute(router, ctx.registry, routes.tasks.acknowledge, async ({ params, principal, req }) =>
    after(changed(await acknowledgeTask(ctx.db, principal, params.id, req.id))),
  );

  defineRoute(router, ctx.registry, routes.tasks.progress, async ({ params, body, principal, req }) =>
    after(changed(await progressTask(ctx.db, principal, params.id, body.note, req.id))),
  );

  defineRoute(router, ctx.registry, routes.tasks.done, async ({ params, body, principal, req }) =>
    after(changed(await finishTask(ctx.db, principal, params.id, 'done', body.note, req.id))),
  );

  defineRoute(router, ctx.registry, routes.tasks.fail, async ({ params, body, principal, req }) =>
    after(changed(await finishTask(ctx.db, principal, params.id, 'failed', body.reason, req.id))),
  );

  defineRoute(router, ctx.registry, routes.tasks.deliveries, async ({ params, principal }) => {
    await taskFor(ctx.db, principal, params.id);
    return { attempts: await listAttempts(ctx.db, params.id) };
  });

  defineRoute(router, ctx.registry, routes.tasks.watchAddresses, async ({ params, principal, req }) =>
    readWatchAddresses(ctx.db, principal, params.id, req.id),
  );
}
