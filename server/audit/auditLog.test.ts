import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, type DatabaseHandle, migrateToLatest, openDatabase } from '../db/database';
import { createTestDatabase, DATABASE_KINDS } from '../testing/databases';
import { anchorAuditHead, readLastAnchor } from './auditAnchor';
import { type AuditInput, appendAudit } from './auditLog';
import { computeAuditHash, GENESIS_HASH } from './hashChain';
import { verifyAuditChain } from './verifyChain';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'server/audit/auditVerify.cli.ts');

function entry(n: number, extra: Partial<AuditInput> = {}): AuditInput {
  return {
    actor: `user:${n}`,
    action: 'test.action',
    target: `incident:${n}`,
    outcome: 'success',
    requestId: `req-${n}`,
    details: { n, nested: { z: true, a: [n, 'x'] } },
    ...extra,
  };
}

async function appendMany(db: Database, count: number): Promise<Array<{ id: number; hash: string }>> {
  const out: Array<{ id: number; hash: string }> = [];
  for (let i = 0; i < count; i += 1) out.push(await appendAudit(db, entry(i)));
  return out;
}

/** Edits a row the way someone with superuser access to the database could. */
async function tamper(db: Database, id: number, statement: 'update' | 'delete'): Promise<void> {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
  try {
    if (statement === 'update') {
      await db.updateTable('audit_log').set({ action: 'test.innocent' }).where('id', '=', id).execute();
    } else {
      await db.deleteFrom('audit_log').where('id', '=', id).execute();
    }
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
  }
}

async function clearLog(db: Database): Promise<void> {
  // TRUNCATE is refused by its own trigger (006_security); a test switches it off as a superuser could.
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate`.execute(db);
  try {
    await sql`TRUNCATE audit_log`.execute(db);
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate`.execute(db);
  }
}

async function countRows(db: Database): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function runCli(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(DATABASE_KINDS)('audit log on %s', (kind) => {
  let handle: DatabaseHandle;
  let db: Database;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    db = handle.db;
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => clearLog(db));

  it('links each appended row to the one before it and verifies', async () => {
    const appended = await appendMany(db, 5);
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();

    expect(rows.map((r) => r.id)).toEqual(appended.map((a) => a.id));
    expect(rows.map((r) => r.hash)).toEqual(appended.map((a) => a.hash));
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(rows[2]).toMatchObject({
      actor: 'user:2',
      action: 'test.action',
      target: 'incident:2',
      outcome: 'success',
      request_id: 'req-2',
      details: { n: 2, nested: { z: true, a: [2, 'x'] } },
    });
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 5 });
  });

  it('defaults target, requestId and details and stores the time to the millisecond', async () => {
    const before = Date.now();
    const { id, hash } = await appendAudit(db, {
      actor: 'system:test',
      action: 'test.bare',
      outcome: 'failure',
    });
    const row = await db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    expect(row).toMatchObject({ target: null, request_id: null, details: {}, outcome: 'failure' });
    expect(row.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(row.at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(
      computeAuditHash(GENESIS_HASH, {
        at: row.at,
        actor: row.actor,
        action: row.action,
        target: null,
        outcome: row.outcome,
        requestId: null,
        details: {},
      }),
    ).toBe(hash);
  });

  it('hashes details as jsonb returns them (undefined keys dropped, dates as strings)', async () => {
    await appendAudit(db, entry(1, { details: { ip: undefined, when: new Date(0), list: [undefined] } }));
    const row = await db.selectFrom('audit_log').select('details').executeTakeFirstOrThrow();

    expect(row.details).toEqual({ when: '1970-01-01T00:00:00.000Z', list: [null] });
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 1 });
  });

  it('keeps the chain valid under 20 concurrent appends on the plain db', async () => {
    await appendMany(db, 2);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(db, entry(100 + i))));

    expect(new Set(results.map((r) => r.id)).size).toBe(20);
    const rows = await db.selectFrom('audit_log').select(['prev_hash', 'hash']).orderBy('id').execute();
    expect(rows).toHaveLength(22);
    // A fork would show up as two rows claiming the same predecessor.
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(22);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 22 });
  });

  it('commits the audit row with the transaction that carries it', async () => {
    const [first] = await appendMany(db, 1);
    const appended = await db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      return appendAudit(trx, entry(2));
    });

    const rows = await db.selectFrom('audit_log').select(['id', 'prev_hash']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: first?.id, prev_hash: GENESIS_HASH },
      { id: appended.id, prev_hash: first?.hash },
    ]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 2 });
  });

  it('leaves no row when the carrying transaction rolls back, and the id gap is not an error', async () => {
    const [first] = await appendMany(db, 1);
    let rolledBackId = 0;
    await expect(
      db.transaction().execute(async (trx) => {
        rolledBackId = (await appendAudit(trx, entry(2))).id;
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');

    expect(rolledBackId).toBeGreaterThan(first?.id ?? 0);
    expect(await countRows(db)).toBe(1);
    const next = await appendAudit(db, entry(3));
    expect(next.id).toBeGreaterThan(rolledBackId);
    const last = await db
      .selectFrom('audit_log')
      .select('prev_hash')
      .where('id', '=', next.id)
      .executeTakeFirstOrThrow();
    expect(last.prev_hash).toBe(first?.hash);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 2 });
  });

  it('refuses to append inside a repeatable read transaction, whose snapshot could fork the chain', async () => {
    await expect(
      db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => appendAudit(trx, entry(1))),
    ).rejects.toThrow(/read committed/);
    expect(await countRows(db)).toBe(0);
  });

  it('refuses UPDATE and DELETE through the append-only trigger', async () => {
    const [row] = await appendMany(db, 1);
    const id = row?.id ?? 0;

    await expect(
      db.updateTable('audit_log').set({ action: 'test.innocent' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    const stored = await db
      .selectFrom('audit_log')
      .select('action')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.action).toBe('test.action');
  });

  it('names exactly the row whose content was edited', async () => {
    const appended = await appendMany(db, 5);
    const victim = appended[2]?.id ?? 0;
    await tamper(db, victim, 'update');

    const report = await verifyAuditChain(db);
    expect(report).toEqual({
      ok: false,
      checked: 2,
      firstBroken: { id: victim, reason: expect.stringMatching(/hash does not match the row content/) },
    });
  });

  it('names the row after a deleted middle row', async () => {
    const appended = await appendMany(db, 5);
    await tamper(db, appended[2]?.id ?? 0, 'delete');

    const report = await verifyAuditChain(db);
    expect(report).toEqual({
      ok: false,
      checked: 2,
      firstBroken: {
        id: appended[3]?.id,
        reason: expect.stringMatching(
          new RegExp(`prev_hash does not match the hash of row ${appended[1]?.id}`),
        ),
      },
    });
  });

  it('notices when the first rows were deleted', async () => {
    const appended = await appendMany(db, 3);
    await tamper(db, appended[0]?.id ?? 0, 'delete');

    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ ok: false, checked: 0, firstBroken: { id: appended[1]?.id } });
  });

  it('walks the log page by page and still finds a break in a later page', async () => {
    const appended = await appendMany(db, 10);
    expect(await verifyAuditChain(db, { pageSize: 3 })).toEqual({ ok: true, checked: 10 });
    expect(await verifyAuditChain(db, { pageSize: 5 })).toEqual({ ok: true, checked: 10 });

    await tamper(db, appended[7]?.id ?? 0, 'update');
    expect(await verifyAuditChain(db, { pageSize: 3 })).toMatchObject({
      ok: false,
      checked: 7,
      firstBroken: { id: appended[7]?.id },
    });
  });

  it('refuses TRUNCATE', async () => {
    await appendMany(db, 2);
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await countRows(db)).toBe(2);
  });

  it('reports an empty log as empty, not intact', async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: false, checked: 0, empty: true, anchor: null });
  });

  it('reports a chain shorter than its last anchor, and one rewritten up to it', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-anchor-')), 'anchors.jsonl');
    try {
      const appended = await appendMany(db, 4);
      const anchor = await anchorAuditHead(db, file);
      expect(anchor).toMatchObject({ id: appended[3]?.id, hash: appended[3]?.hash });
      expect(await readLastAnchor(file)).toEqual(anchor);
      expect(await verifyAuditChain(db, { anchor })).toEqual({ ok: true, checked: 4 });

      // The newest two rows removed: every remaining link still verifies, only the anchor tells.
      await tamper(db, appended[3]?.id ?? 0, 'delete');
      await tamper(db, appended[2]?.id ?? 0, 'delete');
      expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 2 });
      expect(await verifyAuditChain(db, { anchor })).toEqual({
        ok: false,
        checked: 2,
        shorterThanAnchor: { ...anchor, lastId: appended[1]?.id },
      });

      // Everything removed: empty, and the anchor says it was not always so.
      await clearLog(db);
      expect(await verifyAuditChain(db, { anchor })).toMatchObject({ ok: false, empty: true, anchor });
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

describe('audit:verify CLI', () => {
  describe('against Postgres (DATABASE_URL)', () => {
    let handle: DatabaseHandle & { url?: string };
    beforeAll(async () => {
      handle = await createTestDatabase('postgres');
    });
    afterAll(async () => handle?.close());

    it('exits 1 on an empty log, 0 on an intact chain, 1 naming the row after tampering or when shorter than its anchor', async () => {
      const url = handle.url ?? '';
      expect(url).toMatch(/^postgres:\/\//);

      const anchorFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-anchor-')), 'a.jsonl');
      const empty = await runCli({ DATABASE_URL: url, AUDIT_ANCHOR_FILE: anchorFile });
      expect(empty.stderr).toContain('audit log EMPTY');
      expect(empty.code).toBe(1);
      const appended = await appendMany(handle.db, 4);
      const ok = await runCli({ DATABASE_URL: url, AUDIT_ANCHOR_FILE: anchorFile });
      expect(ok.stdout).toContain('audit chain OK: 4 rows checked');
      expect(ok.code).toBe(0);

      const victim = appended[1]?.id ?? 0;
      await tamper(handle.db, victim, 'update');
      const broken = await runCli({ DATABASE_URL: url, AUDIT_ANCHOR_FILE: anchorFile });
      expect(broken.stderr).toContain(`audit chain BROKEN at row ${victim}:`);
      expect(broken.stderr).toContain('(1 rows checked before it)');
      expect(broken.code).toBe(1);

      // A fresh intact chain, anchored, then its newest row removed.
      await clearLog(handle.db);
      const fresh = await appendMany(handle.db, 3);
      await anchorAuditHead(handle.db, anchorFile);
      await tamper(handle.db, fresh[2]?.id ?? 0, 'delete');
      const shorter = await runCli({ DATABASE_URL: url, AUDIT_ANCHOR_FILE: anchorFile });
      expect(shorter.stderr).toContain(`audit chain SHORTER than its anchor: ends at row ${fresh[1]?.id}`);
      expect(shorter.code).toBe(1);
      fs.rmSync(path.dirname(anchorFile), { recursive: true, force: true });
    }, 240_000);
  });

  describe('against PGlite (DATA_DIR)', () => {
    let dataDir: string;
    beforeAll(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-audit-'));
    });
    afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it('verifies the log stored under DATA_DIR', async () => {
      const handle = await openDatabase({ dataDir });
      try {
        await migrateToLatest(handle.db);
        await appendMany(handle.db, 3);
      } finally {
        await handle.close();
      }

      const result = await runCli({ DATA_DIR: dataDir });
      expect(result.stdout).toContain('audit chain OK: 3 rows checked');
      expect(result.code).toBe(0);
    }, 60_000);
  });
});
