import { Redis } from 'ioredis';
import type { DatabaseKind } from '../testing/databases';
import { startTestRuntime, type TestRuntime } from '../testing/testRuntime';
import { clearPositions } from './positionStore';
import { pruneLockKey, type UnitModule, type UnitModuleOptions } from './unitModule';

export interface UnitTestRuntime {
  rt: TestRuntime;
  units: UnitModule;
  apiUrl: string;
  unitId(callSign: string): Promise<string>;
  close(): Promise<void>;
}

/** The runtime with the unit module's options for tests (fast history flushes), and key clean-up. */
export async function startUnitTestRuntime(
  kind: DatabaseKind = 'pglite',
  options: UnitModuleOptions = {},
  /** Settings (env names) over the test defaults. */
  overrides: Record<string, string> = {},
): Promise<UnitTestRuntime> {
  const rt = await startTestRuntime(kind, overrides, { unitOptions: options });
  const { units } = rt;
  await units.ready;
  return {
    rt,
    units,
    apiUrl: rt.url,
    async unitId(callSign) {
      const row = await rt.ctx.db
        .selectFrom('units')
        .select('id')
        .where('call_sign', '=', callSign)
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async close() {
      const prefix = rt.ctx.config.REDIS_PREFIX;
      await rt.close();
      const redis = new Redis(rt.ctx.config.REDIS_URL);
      await clearPositions(redis, prefix);
      await redis.del(pruneLockKey(prefix));
      redis.disconnect();
    },
  };
}
