import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './database';
import { BACKGROUND_MAX_WAIT_MS } from './prioritisedPglite';
import { inBackground, inForeground } from './queryPriority';

describe("PGlite's one connection: requests before background work", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({});
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** Holds the connection in a transaction until the returned release is called. */
  async function holdConnection(): Promise<{ release: () => void; done: Promise<void> }> {
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((r) => {
      started = r;
    });
    const done = handle.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      started();
      await new Promise<void>((r) => {
        release = r;
      });
    });
    await running;
    return { release, done };
  }

  /** A query that, once answered, notes `label` in `order`. */
  const noteWhenAnswered = (order: string[], label: string) => async () => {
    await sql`SELECT 1`.execute(handle.db);
    order.push(label);
  };

  it('gives the connection to a request that asked after background work', async () => {
    const order: string[] = [];
    const { release, done } = await holdConnection();
    const background = inBackground(noteWhenAnswered(order, 'background'));
    const request = noteWhenAnswered(order, 'request')();
    release();
    await Promise.all([done, background, request]);
    expect(order).toEqual(['request', 'background']);
  });

  it('runs work started from a background job in the foreground when asked to', async () => {
    const order: string[] = [];
    const { release, done } = await holdConnection();
    const background = inBackground(noteWhenAnswered(order, 'background'));
    // The relay's publishing pass, woken by a worker's commit, still counts as the alert's path.
    const relay = inBackground(() => inForeground(noteWhenAnswered(order, 'relay')));
    release();
    await Promise.all([done, background, relay]);
    expect(order).toEqual(['relay', 'background']);
  });

  it('lets background work that has waited long enough go before newer requests', async () => {
    const order: string[] = [];
    const { release, done } = await holdConnection();
    const background = inBackground(noteWhenAnswered(order, 'background'));
    await new Promise((r) => setTimeout(r, BACKGROUND_MAX_WAIT_MS + 50));
    const request = noteWhenAnswered(order, 'request')();
    release();
    await Promise.all([done, background, request]);
    expect(order).toEqual(['background', 'request']);
  });

  it('keeps working after a failed query, in either lane', async () => {
    await expect(inBackground(() => sql`SELECT no_such_column`.execute(handle.db))).rejects.toThrow();
    await expect(sql`SELECT no_such_column`.execute(handle.db)).rejects.toThrow();
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
