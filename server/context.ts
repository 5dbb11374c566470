import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Redis } from 'ioredis';
import type { Authenticator } from './auth/authenticate';
import type { IpThrottle } from './auth/ipThrottle';
import type { Config } from './config/env';
import type { Database } from './db/database';

/** What every capability's routes and socket handlers are built from. */
export interface AppContext {
  config: Config;
  db: Database;
  databaseKind: 'pglite' | 'postgres';
  redis: Redis;
  authenticator: Authenticator;
  loginThrottle: IpThrottle;
  registry: OpenAPIRegistry;
}
