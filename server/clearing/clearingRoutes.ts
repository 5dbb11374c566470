import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { carryOver, dailyClearing } from './dailyClearing';
import { hangingItems } from './hangingItems';
import { periodReport, signOffPeriod } from './periodReports';

export function registerClearingRoutes(router: Router, ctx: AppContext): void {
  const r = routes.clearing;
  defineRoute(router, ctx.registry, r.daily, ({ query }) =>
    dailyClearing(ctx.db, {
      day: query.day,
      pendingOnly: query.pending !== undefined,
      cutoff: ctx.config.CLEARING_DAILY_AT,
    }),
  );
  defineRoute(router, ctx.registry, r.carryOver, ({ principal, body }) => carryOver(ctx.db, principal, body));
  defineRoute(router, ctx.registry, r.hanging, () =>
    hangingItems(ctx.db, ctx.config.CLEARING_HANGING_AFTER_S),
  );
  defineRoute(router, ctx.registry, r.period, ({ params }) =>
    periodReport(ctx.db, params.kind, params.period),
  );
  defineRoute(router, ctx.registry, r.signOff, ({ principal, params, body }) =>
    signOffPeriod(ctx.db, principal, params.kind, params.period, body.note),
  );
}
