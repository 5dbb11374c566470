import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { errorHandler, notFound } from '../http/errorHandler';
import type { DatabaseKind } from '../testing/databases';
import { startTestRuntime, type TestRuntime } from '../testing/testRuntime';
import { clearPositions } from './positionStore';
import { createUnitModule, pruneLockKey, type UnitModule, type UnitModuleOptions } from './unitModule';

export interface UnitTestRuntime {
  rt: TestRuntime;
  units: UnitModule;
  /** Base URL of an app serving only the unit routes, with the runtime's authentication. */
  apiUrl: string;
  unitId(callSign: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Until runtime.ts wires the unit module, tests wire it themselves: socket handlers on the
 * runtime's io (registered before any client connects, so they run for every connection) and
 * the routes on a small app of their own that shares the runtime's context.
 */
export async function startUnitTestRuntime(
  kind: DatabaseKind = 'pglite',
  options: UnitModuleOptions = {},
): Promise<UnitTestRuntime> {
  const rt = await startTestRuntime(kind);
  const units = createUnitModule(rt.ctx, rt.io, options);
  rt.io.on('connection', units.socketHandlers);
  await units.ready;

  const app = express();
  app.use(express.json());
  app.use(rt.ctx.authenticator.middleware);
  const router = Router();
  units.routes(router, rt.ctx);
  app.use(router);
  app.use(notFound);
  app.use(errorHandler);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    rt,
    units,
    apiUrl: `http://127.0.0.1:${port}`,
    async unitId(callSign) {
      const row = await rt.ctx.db
        .selectFrom('units')
        .select('id')
        .where('call_sign', '=', callSign)
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async close() {
      await units.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const prefix = rt.ctx.config.REDIS_PREFIX;
      await clearPositions(rt.ctx.redis, prefix);
      await rt.ctx.redis.del(pruneLockKey(prefix));
      await rt.close();
    },
  };
}
