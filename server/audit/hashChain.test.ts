import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { createTestDatabase, DATABASE_KINDS } from '../testing/databases';
import { type AuditHashInput, canonicalJson, computeAuditHash, GENESIS_HASH } from './hashChain';

const base: AuditHashInput = {
  at: new Date('2025-03-01T08:30:00.123Z'),
  actor: 'user:7',
  action: 'incident.raise',
  target: 'incident:42',
  outcome: 'success',
  requestId: 'req-1',
  details: { b: 1, a: { d: [3, 1], c: 'x' } },
};

describe('computeAuditHash', () => {
  it('uses 64 zeros as the genesis hash', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('is SHA-256 over prevHash followed by the sorted-key JSON of the entry', () => {
    const body =
      '{"action":"incident.raise","actor":"user:7","at":"2025-03-01T08:30:00.123Z",' +
      '"details":{"a":{"c":"x","d":[3,1]},"b":1},"outcome":"success","requestId":"req-1","target":"incident:42"}';
    const expected = createHash('sha256')
      .update(GENESIS_HASH + body)
      .digest('hex');
    expect(computeAuditHash(GENESIS_HASH, base)).toBe(expected);
  });

  it('does not depend on key order at any depth', () => {
    const reordered = { ...base, details: { a: { c: 'x', d: [3, 1] }, b: 1 } };
    expect(computeAuditHash(GENESIS_HASH, reordered)).toBe(computeAuditHash(GENESIS_HASH, base));
  });

  it('changes when any covered field or the previous hash changes', () => {
    const original = computeAuditHash(GENESIS_HASH, base);
    const variants: AuditHashInput[] = [
      { ...base, at: new Date(base.at.getTime() + 1) },
      { ...base, actor: 'user:8' },
      { ...base, action: 'incident.close' },
      { ...base, target: null },
      { ...base, target: 'null' },
      { ...base, outcome: 'denied' },
      { ...base, requestId: null },
      { ...base, details: { b: 1, a: { d: [1, 3], c: 'x' } } },
      { ...base, details: { b: '1', a: { d: [3, 1], c: 'x' } } },
    ];
    const hashes = variants.map((v) => computeAuditHash(GENESIS_HASH, v));
    expect(new Set([original, ...hashes]).size).toBe(variants.length + 1);
    expect(computeAuditHash('f'.repeat(64), base)).not.toBe(original);
  });

  it('is a 64-character lowercase hex digest', () => {
    expect(computeAuditHash(GENESIS_HASH, base)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonicalJson', () => {
  it('treats values the way JSON.stringify and jsonb do', () => {
    expect(canonicalJson({ z: undefined, y: [undefined, Number.NaN], x: new Date(0) })).toBe(
      '{"x":"1970-01-01T00:00:00.000Z","y":[null,null]}',
    );
  });

  it('sorts integer-like keys as strings, not in engine order', () => {
    expect(canonicalJson({ b: 1, 10: 2, 2: 3 })).toBe('{"10":2,"2":3,"b":1}');
  });

  it('refuses bigints instead of hashing something jsonb cannot store', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });
});

describe.each(DATABASE_KINDS)('hash after a round trip through %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => handle?.close());

  it('recomputes identically from the stored timestamptz and jsonb', async () => {
    // Keys jsonb reorders (shorter first), nested objects, unicode, floats and large numbers.
    const details = {
      longer_key: { zz: 1, a: [{ y: 2, x: 0.1 + 0.2 }] },
      k: '民警 ✓ "quoted"',
      big: 1e21,
      neg: -0.5,
    };
    const entry: AuditHashInput = { ...base, at: new Date(), details };
    const hash = computeAuditHash(GENESIS_HASH, entry);
    const inserted = await handle.db
      .insertInto('audit_log')
      .values({
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        outcome: entry.outcome,
        request_id: entry.requestId,
        details: JSON.stringify(details),
        prev_hash: GENESIS_HASH,
        hash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const row = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '=', inserted.id)
      .executeTakeFirstOrThrow();
    expect(row.at).toBeInstanceOf(Date);
    expect(row.at.toISOString()).toBe(entry.at.toISOString());
    const recomputed = computeAuditHash(row.prev_hash, {
      at: row.at,
      actor: row.actor,
      action: row.action,
      target: row.target,
      outcome: row.outcome,
      requestId: row.request_id,
      details: row.details,
    });
    expect(recomputed).toBe(hash);
  });
});
