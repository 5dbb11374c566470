import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from './databases';
import { deleteKeysUnder } from './redisKeys';
import type { ServerProcess } from './serverProcess';

export interface ProcessFleet {
  /** A fresh PostgreSQL database, there from the block's first test on. */
  readonly database: Awaited<ReturnType<typeof createTestDatabase>>;
  /** The fleet's own key space on the shared Redis, removed after the block. */
  readonly prefix: string;
  /** Processes started by the tests: killed after the block. */
  readonly processes: ServerProcess[];
}

/**
 * Real server processes for one describe block, sharing a fresh PostgreSQL database and a Redis
 * prefix of their own; the block's tests start the processes, the fleet cleans everything up.
 */
export function useProcessFleet(): ProcessFleet {
  let database: ProcessFleet['database'] | undefined;
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const processes: ServerProcess[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await database?.close();
    await deleteKeysUnder('redis://127.0.0.1:6379', prefix);
  });
  return {
    get database() {
      if (!database) throw new Error('the fleet database is made before the first test');
      return database;
    },
    prefix,
    processes,
  };
}
