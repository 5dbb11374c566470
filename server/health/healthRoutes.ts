import { routes } from '@shared/api/routes';
import type { ComponentState, HealthResponse } from '@shared/api/routes/operations';
import type { Router } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../context';
import { pingDatabase } from '../db/database';
import { defineRoute, WithStatus } from '../http/route';
import { pingRedis } from '../redis/redisConnection';

async function timed(check: () => Promise<boolean>): Promise<z.infer<typeof ComponentState>> {
  const started = performance.now();
  try {
    const up = await check();
    return up
      ? { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 }
      : { status: 'down', error: 'no answer' };
  } catch (err) {
    return { status: 'down', error: err instanceof Error ? err.message : 'failed' };
  }
}

export function registerHealthRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.operations.health, async () => {
    const [database, redis] = await Promise.all([
      timed(async () => {
        await pingDatabase(ctx.db);
        return true;
      }),
      timed(() => pingRedis(ctx.redis)),
    ]);
    const healthy = database.status === 'up' && redis.status === 'up';
    const body: HealthResponse = { status: healthy ? 'ok' : 'degraded', components: { database, redis } };
    return new WithStatus(healthy ? 200 : 503, body);
  });
}
