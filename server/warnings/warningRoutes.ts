import { routes } from '@shared/api/routes';
import type { WarningChangeEvent } from '@shared/events/socketEvents';
import type { Router } from 'express';
import { actorOf } from '../auth/principal';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { ROOM_WARNINGS } from '../realtime/rooms';
import type { ShieldlineServer } from '../realtime/socketTypes';
import { assertReadsWarnings } from './warningAccess';
import { handleWarning, listWarnings } from './warningService';
import { currentWarningSettings, saveWarningSettings } from './warningSettings';

export function warningsModule(io: () => ShieldlineServer) {
  return (router: Router, ctx: AppContext): void => {
    const r = routes.warnings;
    const announce = (event: WarningChangeEvent) => io().to(ROOM_WARNINGS).emit('warnings:v1:changed', event);

    defineRoute(router, ctx.registry, r.list, async ({ principal, query }) => {
      assertReadsWarnings(principal);
      return { warnings: await listWarnings(ctx.db, query) };
    });
    defineRoute(router, ctx.registry, r.acknowledge, async ({ principal, params, body, req }) => {
      assertReadsWarnings(principal);
      const warning = await handleWarning(
        ctx.db,
        principal,
        params.id,
        'acknowledge',
        body.note,
        req.id ?? null,
      );
      announce({ kind: 'acknowledged', warning });
      return warning;
    });
    defineRoute(router, ctx.registry, r.resolve, async ({ principal, params, body, req }) => {
      assertReadsWarnings(principal);
      const warning = await handleWarning(ctx.db, principal, params.id, 'resolve', body.note, req.id ?? null);
      announce({ kind: 'resolved', warning });
      return warning;
    });
    defineRoute(router, ctx.registry, r.settings, async ({ principal }) => {
      assertReadsWarnings(principal);
      return currentWarningSettings(ctx.db);
    });
    defineRoute(router, ctx.registry, r.updateSettings, async ({ principal, body, req }) =>
      saveWarningSettings(ctx.db, actorOf(principal), body.settings, req.id ?? null),
    );
  };
}
