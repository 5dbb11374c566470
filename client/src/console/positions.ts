import type { Unit, UnitPosition } from '@shared/domain/unit';
import type { PositionBatch } from '@shared/events/socketEvents';

/**
 * Unit positions live outside the console state: they arrive in volatile batches many times a
 * second for thousands of units, and copying the whole state for each would make every view
 * re-render. The map subscribes here and moves its markers itself; lists read on their 1 s tick.
 */

/** The newer of two reports wins; a report without a parsable time never beats one with. */
export function newerPosition(current: UnitPosition | undefined, incoming: UnitPosition): boolean {
  if (!current) return true;
  const a = Date.parse(current.at);
  const b = Date.parse(incoming.at);
  if (Number.isNaN(b)) return false;
  if (Number.isNaN(a)) return true;
  return b >= a;
}

/** Merges reports into the map in place and returns the ids that moved. */
export function mergePositions(
  into: Map<string, UnitPosition>,
  reports: ReadonlyArray<{ unitId: string } & UnitPosition>,
): string[] {
  const changed: string[] = [];
  for (const r of reports) {
    if (!Number.isFinite(r.lat) || !Number.isFinite(r.lng)) continue;
    const incoming: UnitPosition = { lat: r.lat, lng: r.lng, at: r.at };
    if (r.accuracyM !== undefined) incoming.accuracyM = r.accuracyM;
    if (newerPosition(into.get(r.unitId), incoming)) {
      into.set(r.unitId, incoming);
      changed.push(r.unitId);
    }
  }
  return changed;
}

type Listener = (changedIds: readonly string[]) => void;

class PositionStore {
  private readonly positions = new Map<string, UnitPosition>();
  private readonly listeners = new Set<Listener>();

  get(unitId: string): UnitPosition | undefined {
    return this.positions.get(unitId);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  applyBatch(batch: PositionBatch): void {
    this.emit(mergePositions(this.positions, batch.positions));
  }

  /** Positions carried by unit records (snapshot or stream): kept only if newer than a batch's. */
  seedFromUnits(units: Iterable<Unit>): void {
    const reports: Array<{ unitId: string } & UnitPosition> = [];
    for (const u of units) if (u.position) reports.push({ unitId: u.id, ...u.position });
    this.emit(mergePositions(this.positions, reports));
  }

  clear(): void {
    this.positions.clear();
  }

  private emit(changed: readonly string[]): void {
    if (changed.length === 0) return;
    for (const listener of [...this.listeners]) listener(changed);
  }
}

export const positionStore = new PositionStore();
