import { randomUUID } from 'node:crypto';
import { chinaDate } from '@shared/domain/caseDeadline';
import type { CarryOver, ClearingItem, ClearingItemKind, DailyClearing } from '@shared/domain/clearing';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import type { DB } from '../db/schema';
import { errors } from '../http/errors';
import { isOpen, itemsByIds, type OpenItem, openItemsNow } from './openItems';

type Db = Kysely<DB>;

/**
 * 日清零: the end-of-day job cuts the day. What is open then goes on the day's list, which stays
 * as it was cut: an item closed afterwards shows as closed, one carried over shows its reason.
 * Building twice is harmless (a retried job, a second scheduler firing).
 */
export async function buildDailyClearing(db: Db, day: string, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('clearing_days')
      .values({ day, built_at: now })
      .onConflict((oc) => oc.column('day').doNothing())
      .returning('day')
      .executeTakeFirst();
    if (!inserted) return 0;
    const items = await openItemsNow(trx);
    if (items.length)
      await trx
        .insertInto('clearing_day_items')
        .values(items.map((i) => ({ day, item_kind: i.itemKind, item_id: i.id, status: i.status })))
        .execute();
    await appendAudit(trx, {
      actor: 'system:clearing',
      action: 'clearing.day_built',
      target: `clearing_day:${day}`,
      outcome: 'success',
      details: { items: items.length },
    });
    return items.length;
  });
}

async function carryOversOf(db: Db, items: readonly OpenItem[]) {
  const ids = items.map((i) => i.id);
  if (ids.length === 0) return [];
  return db
    .selectFrom('clearing_carryovers')
    .innerJoin('users', 'users.id', 'clearing_carryovers.given_by')
    .selectAll('clearing_carryovers')
    .select('users.display_name')
    .where('item_id', 'in', ids)
    .orderBy('day')
    .execute();
}

export type CarryOverRow = Awaited<ReturnType<typeof carryOversOf>>[number];

export function toCarryOver(r: CarryOverRow): CarryOver {
  return {
    id: r.id,
    day: r.day,
    itemKind: r.item_kind as ClearingItemKind,
    itemId: r.item_id,
    reason: r.reason,
    by: r.given_by,
    byName: r.display_name,
    at: new Date(r.given_at).toISOString(),
  };
}

export { carryOversOf };

export async function dailyClearing(
  db: Db,
  opts: { day?: string; pendingOnly?: boolean; cutoff: string },
  now = new Date(),
): Promise<DailyClearing> {
  const day = opts.day ?? chinaDate(now);
  const built = await db.selectFrom('clearing_days').selectAll().where('day', '=', day).executeTakeFirst();
  let items: OpenItem[];
  if (built) {
    const listed = await db.selectFrom('clearing_day_items').selectAll().where('day', '=', day).execute();
    items = await itemsByIds(db, {
      incident: listed.filter((l) => l.item_kind === 'incident').map((l) => l.item_id),
      task: listed.filter((l) => l.item_kind === 'task').map((l) => l.item_id),
    });
    items.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  } else if (day === chinaDate(now)) {
    items = await openItemsNow(db);
  } else {
    // A past day the job never cut (the system was down): nothing honest to show but that.
    items = [];
  }
  const reasons = await carryOversOf(db, items);
  const shown: ClearingItem[] = items.map((i) => {
    const mine = reasons.filter((r) => r.item_id === i.id);
    const today = mine.find((r) => r.day === day);
    return {
      itemKind: i.itemKind,
      id: i.id,
      reference: i.reference,
      label: i.label,
      status: i.status,
      openedAt: i.openedAt.toISOString(),
      closed: !isOpen(i),
      carryOver: today ? toCarryOver(today) : null,
      earlierCarryOvers: mine.filter((r) => r.day < day).length,
    };
  });
  const pendingOf = (i: ClearingItem) => !i.closed && i.carryOver === null;
  return {
    day,
    cutoff: opts.cutoff,
    builtAt: built ? new Date(built.built_at).toISOString() : null,
    items: opts.pendingOnly ? shown.filter(pendingOf) : shown,
    pending: shown.filter(pendingOf).length,
  };
}

/** A person says why an open item stays open past the day; once per item and day. */
export async function carryOver(
  db: Db,
  p: Principal,
  body: { day?: string; itemKind: ClearingItemKind; itemId: string; reason: string },
  now = new Date(),
): Promise<CarryOver> {
  if (p.kind !== 'user') throw errors.forbidden('a reason is given by a person');
  const day = body.day ?? chinaDate(now);
  if (day > chinaDate(now)) throw errors.badRequest('body.day: a reason is given for today or a past day');
  const [item] = await itemsByIds(db, {
    incident: body.itemKind === 'incident' ? [body.itemId] : [],
    task: body.itemKind === 'task' ? [body.itemId] : [],
  });
  if (!item) throw errors.notFound(body.itemKind);
  if (!isOpen(item)) throw errors.conflict(`the ${body.itemKind} is no longer open (${item.status})`);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const made = await trx
      .insertInto('clearing_carryovers')
      .values({
        id,
        day,
        item_kind: body.itemKind,
        item_id: body.itemId,
        reason: body.reason,
        given_by: p.user.id,
        given_at: now,
      })
      .onConflict((oc) => oc.columns(['day', 'item_kind', 'item_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!made) throw errors.conflict(`already carried over for ${day}`);
    await appendAudit(trx, {
      actor: actorOf(p),
      action: 'clearing.carry_over',
      target: `${body.itemKind}:${body.itemId}`,
      outcome: 'success',
      details: { day, reason: body.reason, status: item.status },
    });
  });
  return {
    id,
    day,
    itemKind: body.itemKind,
    itemId: body.itemId,
    reason: body.reason,
    by: p.user.id,
    byName: p.user.displayName,
    at: now.toISOString(),
  };
}
