import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema';

/** A short reference a dispatcher can read over the radio, e.g. GX-20261123-0042 (Beijing date). */
export async function nextReference(trx: Kysely<DB>, now: Date): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('incident_reference_seq') AS n`.execute(trx);
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(now)
    .replaceAll('-', '');
  return `GX-${day}-${String(rows[0]?.n ?? 0).padStart(4, '0')}`;
}
