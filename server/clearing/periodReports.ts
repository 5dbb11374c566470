import { chinaDate } from '@shared/domain/caseDeadline';
import type { ClearingItemKind, PeriodItem, PeriodKind, PeriodReport } from '@shared/domain/clearing';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import type { DB } from '../db/schema';
import { errors } from '../http/errors';
import { addDays, periodDays, startOfDay } from './clearingCalendar';
import { carryOversOf } from './dailyClearing';
import { openItemsAt, openItemsNow } from './openItems';

type Db = Kysely<DB>;

/**
 * 月清结 / 季清查: what stayed open at the period's end (or now, while it runs) and why — each
 * item with the number of times it was carried over within the period and the last reason.
 */
async function stayedOpen(db: Db, from: string, to: string, now: Date): Promise<PeriodItem[]> {
  const end = startOfDay(addDays(to, 1));
  const items = end.getTime() > now.getTime() ? await openItemsNow(db) : await openItemsAt(db, end);
  const reasons = (await carryOversOf(db, items)).filter((r) => r.day >= from && r.day <= to);
  return items.map((i) => {
    const mine = reasons.filter((r) => r.item_id === i.id);
    const last = mine.at(-1);
    return {
      itemKind: i.itemKind,
      id: i.id,
      reference: i.reference,
      label: i.label,
      status: i.status,
      openedAt: i.openedAt.toISOString(),
      carryOvers: mine.length,
      lastReason: last?.reason ?? null,
      lastReasonDay: last?.day ?? null,
    };
  });
}

export async function periodReport(
  db: Db,
  kind: PeriodKind,
  period: string,
  now = new Date(),
): Promise<PeriodReport> {
  const { from, to } = periodDays(kind, period);
  const signed = await db
    .selectFrom('clearing_signoffs')
    .innerJoin('users', 'users.id', 'clearing_signoffs.signed_by')
    .selectAll('clearing_signoffs')
    .select('users.display_name')
    .where('period_kind', '=', kind)
    .where('period', '=', period)
    .executeTakeFirst();
  // Once signed, the report is what the supervisor signed, not what the tables say today.
  const items = signed
    ? ((signed.snapshot as { items?: PeriodItem[] }).items ?? [])
    : await stayedOpen(db, from, to, now);
  return {
    kind,
    period,
    from,
    to,
    due: chinaDate(now) >= to,
    items,
    withoutReason: items.filter((i) => i.lastReason === null).length,
    signOff: signed
      ? {
          by: signed.signed_by,
          byName: signed.display_name,
          at: new Date(signed.signed_at).toISOString(),
          note: signed.note,
          openCount: signed.open_count,
        }
      : null,
  };
}

/** A supervisor signs the report from the period's last day on, once. */
export async function signOffPeriod(
  db: Db,
  p: Principal,
  kind: PeriodKind,
  period: string,
  note: string,
  now = new Date(),
): Promise<PeriodReport> {
  if (p.kind !== 'user') throw errors.forbidden('a report is signed by a person');
  const { from, to } = periodDays(kind, period);
  if (chinaDate(now) < to)
    throw errors.conflict(`the ${kind} ${period} runs until ${to}; sign it off from then`);
  const items = await stayedOpen(db, from, to, now);
  await db.transaction().execute(async (trx) => {
    const made = await trx
      .insertInto('clearing_signoffs')
      .values({
        period_kind: kind,
        period,
        signed_by: p.user.id,
        signed_at: now,
        note,
        open_count: items.length,
        snapshot: JSON.stringify({ items }),
      })
      .onConflict((oc) => oc.columns(['period_kind', 'period']).doNothing())
      .returning('period')
      .executeTakeFirst();
    if (!made) throw errors.conflict(`the ${kind} ${period} is already signed off`);
    const byKind = (k: ClearingItemKind) => items.filter((i) => i.itemKind === k).length;
    await appendAudit(trx, {
      actor: actorOf(p),
      action: 'clearing.sign_off',
      target: `clearing_${kind}:${period}`,
      outcome: 'success',
      details: {
        note,
        open: items.length,
        incidents: byKind('incident'),
        tasks: byKind('task'),
        withoutReason: items.filter((i) => i.lastReason === null).length,
      },
    });
  });
  return periodReport(db, kind, period, now);
}
