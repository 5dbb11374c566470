import type { Redis } from 'ioredis';
import type { Config } from '../server/config/env';
import type { Database } from '../server/db/database';
import type { UnitLocator } from '../server/dispatch/recommendUnits';
import type { Queues } from '../server/queues/queueRegistry';
import type { WarningNotifier } from '../server/warnings/warningNotices';

/** What a job handler may use. Handlers change state only through services that write the outbox. */
export interface WorkerContext {
  config: Config;
  db: Database;
  redis: Redis;
  queues: Queues;
  locate: UnitLocator;
  /** Tells consoles (and devices) of warnings as they fire; absent where nobody listens (some tests). */
  notifyWarnings?: WarningNotifier;
}
