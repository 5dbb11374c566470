import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { type LaggingConsole, laggingKey } from '../realtime/distressAlarm';
import { ROOM_CONSOLES } from '../realtime/rooms';
import type { ShieldlineServer } from '../realtime/socketTypes';
import { listDeliveryProblems } from './deliveryProblems';
import { type IncidentTimes, summarise } from './intervalStats';

const DAY_MS = 24 * 3600_000;

export function supervisorModule(io: () => ShieldlineServer) {
  return (router: Router, ctx: AppContext): void => {
    defineRoute(router, ctx.registry, routes.supervisor.consoles, async () => {
      const [sockets, lagging] = await Promise.all([
        io().in(ROOM_CONSOLES).fetchSockets(),
        ctx.redis.hgetall(laggingKey(ctx.config.REDIS_PREFIX)).catch(() => ({}) as Record<string, string>),
      ]);
      const consoles = sockets.flatMap((s) => {
        const principal = s.data.principal;
        if (principal?.kind !== 'user') return [];
        const raw = lagging[s.id];
        const lag = raw ? (JSON.parse(raw) as LaggingConsole) : null;
        return [
          {
            socketId: s.id,
            userId: principal.user.id,
            username: principal.user.username,
            displayName: principal.user.displayName,
            role: principal.user.role,
            lagging: lag ? { incidentId: lag.incidentId, since: lag.since } : null,
          },
        ];
      });
      return { consoles };
    });

    defineRoute(router, ctx.registry, routes.deliveryProblems.list, () => listDeliveryProblems(ctx.db));

    defineRoute(router, ctx.registry, routes.supervisor.intervals, async ({ query }) => {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - DAY_MS);
      const rows = await ctx.db
        .selectFrom('incidents')
        .leftJoin('users', 'users.id', 'incidents.acknowledged_by_user_id')
        .select([
          'incidents.raised_at',
          'incidents.acknowledged_at',
          'incidents.first_en_route_at',
          'incidents.first_on_scene_at',
          'incidents.controlled_at',
          'incidents.acknowledged_by_user_id',
          'users.username',
          'users.display_name',
        ])
        .where('incidents.raised_at', '>=', from)
        .where('incidents.raised_at', '<', to)
        .where('incidents.status', 'not in', ['false_alarm', 'cancelled'])
        .execute();
      const targets = {
        acknowledged: ctx.config.TARGET_ACK_S,
        firstEnRoute: ctx.config.TARGET_EN_ROUTE_S,
        firstOnScene: ctx.config.TARGET_ON_SCENE_S,
        controlled: ctx.config.TARGET_CONTROLLED_S,
      };
      const times = (r: (typeof rows)[number]): IncidentTimes => ({
        raisedAt: new Date(r.raised_at),
        acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
        firstEnRouteAt: r.first_en_route_at ? new Date(r.first_en_route_at) : null,
        firstOnSceneAt: r.first_on_scene_at ? new Date(r.first_on_scene_at) : null,
        controlledAt: r.controlled_at ? new Date(r.controlled_at) : null,
      });
      const byUser = new Map<string, { username: string; displayName: string; rows: IncidentTimes[] }>();
      for (const r of rows) {
        if (!r.acknowledged_by_user_id) continue;
        const entry = byUser.get(r.acknowledged_by_user_id) ?? {
          username: r.username ?? '?',
          displayName: r.display_name ?? '?',
          rows: [],
        };
        entry.rows.push(times(r));
        byUser.set(r.acknowledged_by_user_id, entry);
      }
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        incidents: rows.length,
        overall: summarise(rows.map(times), targets),
        byDispatcher: [...byUser.entries()].map(([userId, e]) => ({
          userId,
          username: e.username,
          displayName: e.displayName,
          incidents: e.rows.length,
          intervals: summarise(e.rows, targets),
        })),
      };
    });
  };
}
