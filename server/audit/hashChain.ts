import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers; everything but id, prev_hash and hash. */
export interface AuditHashInput {
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  requestId: string | null;
  details: Record<string, unknown>;
}

/**
 * What the first row links to. A fixed, obviously-artificial value rather than an empty
 * string keeps every prev_hash the same length, so prevHash + JSON can never be ambiguous.
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Each row's hash covers the previous row's hash, so editing, deleting or reordering any row
 * breaks every link after it, and rewriting history means recomputing the whole tail.
 */
export function computeAuditHash(prevHash: string, entry: AuditHashInput): string {
  const body = canonicalJson({
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    requestId: entry.requestId,
    details: entry.details,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/**
 * JSON with object keys sorted at every depth. jsonb hands keys back in its own order
 * (by length, then bytes), and JS engines put integer-like keys first, so insertion order
 * cannot be trusted to survive a round trip; only a sorted form hashes the same on read.
 * Otherwise it follows JSON.stringify (toJSON, dropped undefined keys, null for non-finite
 * numbers) because that is what the driver stored in the jsonb column.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value) ?? 'null';
}

function serialize(input: unknown): string | undefined {
  const value = hasToJson(input) ? input.toJSON() : input;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('audit details cannot hold a bigint: jsonb has no lossless form for it');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => serialize(item) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = serialize(record[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' && value !== null && 'toJSON' in value && typeof value.toJSON === 'function'
  );
}
