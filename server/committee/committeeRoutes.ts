import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import {
  caseDeadlines,
  committeeInbox,
  decideExtension,
  markSupervision,
  requestExtension,
} from './committeeService';

export function registerCommitteeRoutes(router: Router, ctx: AppContext): void {
  const r = routes.committee;
  defineRoute(router, ctx.registry, r.inbox, ({ principal }) => committeeInbox(ctx.db, principal));
  defineRoute(router, ctx.registry, r.requestExtension, ({ principal, params, body }) =>
    requestExtension(ctx.db, principal, params.id, body),
  );
  defineRoute(router, ctx.registry, r.decideExtension, ({ principal, params, body }) =>
    decideExtension(ctx.db, principal, params.id, body),
  );
  defineRoute(router, ctx.registry, r.supervise, ({ principal, params, body }) =>
    markSupervision(ctx.db, principal, params.id, body.note),
  );
  defineRoute(router, ctx.registry, r.deadlines, () => caseDeadlines(ctx.db));
}
