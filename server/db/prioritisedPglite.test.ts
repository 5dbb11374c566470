import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './database';
import { BACKGROUND_MAX_WAIT_MS } from './prioritisedPglite';
import { inBackground, inForeground, yieldToRequests } from './queryPriority';

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

  type Lane = <T>(work: () => Promise<T>) => Promise<T>;
  const request: Lane = (work) => work();
  // The relay's publishing pass, woken by a worker's commit, still counts as the alert's path.
  const relayWokenByWorker: Lane = (work) => inBackground(() => inForeground(work));

  /**
   * Holds the connection, queues `first` and then (after `pauseMs`) `second` for it, lets go,
   * and returns the order in which they got it.
   */
  async function answerOrder(first: [string, Lane], second: [string, Lane], pauseMs = 0): Promise<string[]> {
    const order: string[] = [];
    const { release, done } = await holdConnection();
    const a = first[1](noteWhenAnswered(order, first[0]));
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    const b = second[1](noteWhenAnswered(order, second[0]));
    release();
    await Promise.all([done, a, b]);
    return order;
  }

  it('gives the connection to a request that asked after background work', async () => {
    expect(await answerOrder(['background', inBackground], ['request', request])).toEqual([
      'request',
      'background',
    ]);
  });

  it('runs work started from a background job in the foreground when asked to', async () => {
    expect(await answerOrder(['background', inBackground], ['relay', relayWokenByWorker])).toEqual([
      'relay',
      'background',
    ]);
  });

  it('lets background work that has waited long enough go before newer requests', async () => {
    const order = await answerOrder(
      ['background', inBackground],
      ['request', request],
      BACKGROUND_MAX_WAIT_MS + 50,
    );
    expect(order).toEqual(['background', 'request']);
  });

  it('answers a request that arrives while a background loop runs transactions, when the loop yields', async () => {
    const TRANSACTIONS = 300;
    let done = 0;
    const chain = inBackground(async () => {
      for (let i = 0; i < TRANSACTIONS; i++) {
        await handle.db.transaction().execute((trx) => sql`SELECT 1`.execute(trx));
        done++;
        await yieldToRequests();
      }
    });
    // Arrives as a request does: from the event loop (a timer here, a socket read in production).
    const answeredAfter = await new Promise<number>((resolve, reject) => {
      setTimeout(() => {
        sql`SELECT 1`.execute(handle.db).then(() => resolve(done), reject);
      }, 0);
    });
    await chain;
    expect(answeredAfter).toBeLessThan(TRANSACTIONS / 2);
  });

  it('keeps working after a failed query, in either lane', async () => {
    await expect(inBackground(() => sql`SELECT no_such_column`.execute(handle.db))).rejects.toThrow();
    await expect(sql`SELECT no_such_column`.execute(handle.db)).rejects.toThrow();
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
