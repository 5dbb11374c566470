import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Redis } from 'ioredis';
import type { Authenticator } from './auth/authenticate';
import type { LoginGuards } from './auth/loginService';
import type { Config } from './config/env';
import type { Database } from './db/database';

/** What every capability's routes and socket handlers are built from. */
export interface AppContext {
  config: Config;
  db: Database;
  databaseKind: 'pglite' | 'postgres';
  redis: Redis;
  authenticator: Authenticator;
  loginGuards: LoginGuards;
  /**
   * Disconnects the sockets of a session that ended (logout) or of a user who may no longer
   * work (disabled), in every server process; set once the socket gateway exists.
   */
  endSockets: (whose: { sessionId: string } | { userId: string }) => void;
  registry: OpenAPIRegistry;
}
