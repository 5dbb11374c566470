import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '../db/database';
import { SCHEDULES } from '../jobs/jobCatalog';
import { raiseAlert } from '../testing/alerts';
import { createTestDatabase, DATABASE_KINDS } from '../testing/databases';
import { connectConsole, loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';
import { prunedThrough, pruneOutbox } from './outboxPruner';
import { headSeq, readStream } from './streamReader';

const DAY = 24 * 3600 * 1000;
const ROOMS = ['command-center'];

interface Row {
  seq: number | null;
  publishedDaysAgo: number | null;
  jobsEnqueued?: boolean;
  deadLettered?: boolean;
}

/** A unit's state: the smallest payload a stream event carries. */
const UNIT = {
  id: '00000000-0000-4000-8000-000000000001',
  callSign: 'TEST-1',
  departmentId: 'command_center',
  kind: 'patrol_car',
  status: 'available',
  position: null,
};

/** Outbox rows as the relay leaves them, with publication times in the past. */
async function insertRows(db: Database, rows: Row[]): Promise<void> {
  const now = Date.now();
  for (const r of rows) {
    const published = r.publishedDaysAgo === null ? null : new Date(now - r.publishedDaysAgo * DAY);
    await sql`
      INSERT INTO outbox (topic, aggregate_id, payload, rooms, jobs, stream_seq, created_at,
        published_at, jobs_enqueued_at, dead_lettered_at)
      VALUES ('unit', gen_random_uuid(), ${JSON.stringify(UNIT)}::jsonb, ${JSON.stringify(ROOMS)}::jsonb, '[]'::jsonb,
        ${r.seq}, ${published ?? new Date(now)}, ${published},
        ${r.jobsEnqueued === false ? null : published}, ${r.deadLettered ? published : null})`.execute(db);
  }
}

async function remainingSeqs(db: Database): Promise<Array<number | null>> {
  const rows = await db.selectFrom('outbox').select('stream_seq').orderBy('id').execute();
  return rows.map((r) => r.stream_seq);
}

describe.each(DATABASE_KINDS)('outbox pruning on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    await insertRows(handle.db, [
      { seq: 1, publishedDaysAgo: 30 },
      { seq: 2, publishedDaysAgo: 20 },
      // Published, but its jobs never reached the queue: the relay still needs it.
      { seq: 3, publishedDaysAgo: 20, jobsEnqueued: false },
      { seq: 4, publishedDaysAgo: 10 },
      // Dead letters stay for the supervisor's delivery view.
      { seq: 5, publishedDaysAgo: 10, deadLettered: true },
      { seq: 6, publishedDaysAgo: 9 },
      { seq: 7, publishedDaysAgo: 2 },
      { seq: 8, publishedDaysAgo: 1 },
      // Not yet published.
      { seq: null, publishedDaysAgo: null },
    ]);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('removes published rows older than the cut, in batches, and keeps what is still needed', async () => {
    const head = await headSeq(handle.db);
    expect(await prunedThrough(handle.db)).toBe(0);
    const result = await pruneOutbox(handle.db, new Date(Date.now() - 7 * DAY), 2);
    expect(result).toEqual({ removed: 4, throughSeq: 6 });
    expect(await remainingSeqs(handle.db)).toEqual([3, 5, 7, 8, null]);
    // The head a snapshot is taken at does not move.
    expect(await headSeq(handle.db)).toBe(head);
    // Each batch that removed rows says so in the audit log.
    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'outbox.pruned')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.actor)).toEqual([
      'system:housekeeping',
      'system:housekeeping',
      'system:housekeeping',
    ]);
    expect(audit.reduce((n, a) => n + Number((a.details as { removed: number }).removed), 0)).toBe(4);
  });

  it('answers a resume from before the removed rows as incomplete, and from after them in full', async () => {
    expect(await readStream(handle.db, 0, ROOMS)).toMatchObject({ events: [], complete: false });
    expect(await readStream(handle.db, 5, ROOMS)).toMatchObject({ events: [], complete: false });
    const fromCut = await readStream(handle.db, 6, ROOMS);
    expect(fromCut.complete).toBe(true);
    expect(fromCut.events.map((e) => e.seq)).toEqual([7, 8]);
  });

  it('changes nothing when run again with nothing old enough', async () => {
    const audits = () =>
      handle.db.selectFrom('audit_log').select('id').where('action', '=', 'outbox.pruned').execute();
    const [rowsBefore, auditsBefore] = [await remainingSeqs(handle.db), await audits()];
    expect(await pruneOutbox(handle.db, new Date(Date.now() - 7 * DAY))).toEqual({
      removed: 0,
      throughSeq: 6,
    });
    expect(await remainingSeqs(handle.db)).toEqual(rowsBefore);
    expect(await audits()).toEqual(auditsBefore);
  });

  it('keeps the newest published row however old, so the stream head never goes back', async () => {
    const result = await pruneOutbox(handle.db, new Date(Date.now() + DAY));
    // Row 7 goes; row 8 is the head. Row 3 (jobs pending) and the dead letter stay.
    expect(result).toEqual({ removed: 1, throughSeq: 7 });
    expect(await remainingSeqs(handle.db)).toEqual([3, 5, 8, null]);
    expect(await headSeq(handle.db)).toBe(8);
  });
});

describe('outbox pruning in the running system', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { OUTBOX_RETAIN_DAYS: '7' });
  }, 300_000);
  afterAll(async () => {
    await rt?.close();
  });

  it('runs nightly from a job scheduler, and a console resuming from before the cut reloads', async () => {
    const { REDIS_URL, REDIS_PREFIX } = rt.ctx.config;
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('housekeeping', { connection, prefix: `${REDIS_PREFIX}:bull` });
    const cookie = await loginAs(rt.url, 'dispatcher1');
    const socket = await connectConsole(rt.url, cookie);
    try {
      const schedule = SCHEDULES.outboxPrune();
      const scheduler = await waitFor(() => queue.getJobScheduler(schedule.id));
      expect(scheduler).toMatchObject({ pattern: schedule.pattern, tz: 'Asia/Shanghai' });

      // Everything so far (the demo's start-up, two alerts) is made eight days old.
      await raiseAlert(rt.url);
      await raiseAlert(rt.url);
      const db = rt.database.db;
      await waitFor(async () => {
        const pending = await db
          .selectFrom('outbox')
          .select('id')
          .where((eb) => eb.or([eb('published_at', 'is', null), eb('jobs_enqueued_at', 'is', null)]))
          .executeTakeFirst();
        return pending ? undefined : true;
      });
      const head = await headSeq(db);
      await db
        .updateTable('outbox')
        .set({ published_at: new Date(Date.now() - 8 * DAY) })
        .where('stream_seq', '<=', head)
        .execute();

      await queue.add(schedule.job.name, schedule.job.data);
      const through = await waitFor(async () => {
        const seq = await prunedThrough(db);
        return seq > 0 ? seq : undefined;
      }, 30_000);
      expect(through).toBeLessThan(head);

      const stale = await socket.timeout(5000).emitWithAck('sync:v1:resume', { sinceSeq: 0 });
      if (!('data' in stale)) throw new Error('resume refused');
      expect(stale.data).toMatchObject({ events: [], complete: false });
      const current = await socket.timeout(5000).emitWithAck('sync:v1:resume', { sinceSeq: head });
      if (!('data' in current)) throw new Error('resume refused');
      expect(current.data.complete).toBe(true);
    } finally {
      socket.close();
      await queue.close();
      connection.disconnect();
    }
  });
});
