import { WARNING_MODELS, type WarningModel } from '@shared/domain/warning';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * How many warnings each model fired in [from, to) — the count 第三十五条's periodic analysis
 * reports. Every model is present (0 when it never fired); resolved and cleared firings count,
 * since a warning that was dealt with still fired.
 */
export async function countFiringsByModel(
  db: Kysely<DB>,
  { from, to }: { from: Date; to: Date },
): Promise<Record<WarningModel, number>> {
  const rows = await db
    .selectFrom('warnings')
    .select(['model', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('fired_at', '>=', from)
    .where('fired_at', '<', to)
    .groupBy('model')
    .execute();
  const counts = Object.fromEntries(WARNING_MODELS.map((m) => [m, 0])) as Record<WarningModel, number>;
  for (const r of rows) if (r.model in counts) counts[r.model as WarningModel] = Number(r.n);
  return counts;
}
