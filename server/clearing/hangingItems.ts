import type { HangingItem, HangingKind, HangingList } from '@shared/domain/clearing';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { type OpenItem, openItemsNow } from './openItems';

/** Incident states in which someone took it on but nobody has brought it to control yet. */
const UNFINISHED = new Set(['acknowledged', 'dispatched', 'on_scene']);
/** A task somebody took and then left. */
const TAKEN = new Set(['acknowledged', 'in_progress']);

function hangingKind(i: OpenItem): HangingKind | null {
  if (i.itemKind === 'incident') {
    if (i.status === 'controlled') return 'controlled_unclosed';
    if (UNFINISHED.has(i.status)) return 'acknowledged_unfinished';
    return null;
  }
  return TAKEN.has(i.status) ? 'task_idle' : null;
}

/**
 * Items left hanging: taken on and then left for longer than `thresholdS` (local policy,
 * CLEARING_HANGING_AFTER_S). "Left" is measured from the item's last change.
 */
export async function hangingItems(
  db: Kysely<DB>,
  thresholdS: number,
  now = new Date(),
): Promise<HangingList> {
  const items: HangingItem[] = [];
  for (const i of await openItemsNow(db)) {
    const kind = hangingKind(i);
    if (!kind) continue;
    const since = kind === 'controlled_unclosed' ? (i.controlledAt ?? i.updatedAt) : i.updatedAt;
    const idleSeconds = Math.floor((now.getTime() - since.getTime()) / 1000);
    if (idleSeconds < thresholdS) continue;
    items.push({
      kind,
      itemKind: i.itemKind,
      id: i.id,
      reference: i.reference,
      label: i.label,
      status: i.status,
      since: since.toISOString(),
      idleSeconds,
    });
  }
  items.sort((a, b) => b.idleSeconds - a.idleSeconds);
  return { items, thresholdSeconds: thresholdS };
}
