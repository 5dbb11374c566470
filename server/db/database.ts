import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { logger } from '../observability/logger';
import { migrations } from './migrations/index';
import { PrioritisedPgliteDialect } from './prioritisedPglite';
import type { DB } from './schema';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /**
   * Calls `onNotify` whenever a transaction that ran `NOTIFY channel` commits (in any process on
   * Postgres). Resolves to the function that stops listening.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * bigserial ids and sequences stay far below 2^53, so both drivers hand them to us as
 * numbers; otherwise pg gives strings and PGlite gives bigints for the same column.
 */
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite's folder; omitted means in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client whose server went away emits 'error'; unhandled, that would end the process.
    pool.on('error', (err) => logger.warn({ err: err.message }, 'idle database connection lost'));
    // A client that is checked out has no pool listener: when the server restarts under it, its
    // 'error' event would end the process (found by the fault suite). The query in flight fails
    // on its own, and the pool drops the dead client when it is released.
    pool.on('connect', (client) =>
      client.on('error', (err) => logger.warn({ err: err.message }, 'database connection lost while in use')),
    );
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const databaseUrl = options.databaseUrl;
    return {
      db,
      kind: 'postgres',
      listen: (channel, onNotify) => listenPostgres(databaseUrl, channel, onNotify),
      close: () => db.destroy(),
    };
  }
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: options.dataDir ? path.join(options.dataDir, 'pglite') : undefined,
    parsers: { [INT8_OID]: (v: string) => Number(v), [NUMERIC_OID]: (v: string) => Number(v) },
  });
  const db = new Kysely<DB>({ dialect: new PrioritisedPgliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, () => onNotify());
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    close: () => db.destroy(),
  };
}

/**
 * A dedicated connection that LISTENs (a pooled one would be handed to other queries). When it
 * drops it reconnects; meanwhile whoever listens falls back on polling.
 */
async function listenPostgres(
  connectionString: string,
  channel: string,
  onNotify: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (n) => {
      if (n.channel === channel) onNotify();
    });
    c.on('error', (err) => {
      logger.warn({ err: err.message, channel }, 'database LISTEN connection lost; reconnecting');
      void c.end().catch(() => undefined);
      if (client === c) client = undefined;
      if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (stopped) {
      await c.end();
      return;
    }
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pingDatabase(db: Database): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
