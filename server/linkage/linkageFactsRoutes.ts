import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { updateFacts } from './factsService';
import { correctHandling, handlingRevisions } from './handlingService';

export function registerLinkageFactsRoutes(router: Router, ctx: AppContext): void {
  defineRoute(
    router,
    ctx.registry,
    routes.linkageFacts.updateFacts,
    async ({ params, body, principal, req }) => {
      const incident = await updateFacts(ctx.db, principal, params.id, body, req.id);
      return incident;
    },
  );
  defineRoute(
    router,
    ctx.registry,
    routes.linkageFacts.correctHandling,
    async ({ params, body, principal, req }) => {
      const task = await correctHandling(ctx.db, principal, params.id, body, req.id);
      return task;
    },
  );
  defineRoute(router, ctx.registry, routes.linkageFacts.handlingRevisions, async ({ params, principal }) => ({
    revisions: await handlingRevisions(ctx.db, principal, params.id),
  }));
}
