import type { ConsoleState } from '../consoleState';
import { selectAssignmentsFor, selectDistressUnitIds } from '../selectors';
import type { UiState } from '../uiStore';

/**
 * Grid clustering for the unit markers at low zoom: thousands of dots over a district are one
 * green blob, and every redraw paints them all. Points are bucketed by a square cell of the
 * projected (pixel) plane at the current zoom; a cell holding at least `minSize` points becomes
 * one cluster at their centroid, the others stay single. Cells are in absolute pixel space, so
 * panning never changes them — only zooming or units moving from cell to cell does.
 *
 * The caller leaves out of `points` what must never be clustered (units in distress, the
 * selected or followed unit, units working the selected incident): they are always drawn.
 */
export interface ClusterPoint {
  id: string;
  /** Projected pixel coordinates at the zoom being clustered. */
  x: number;
  y: number;
}

export interface UnitCluster {
  /** The cell, stable while the zoom is: `${column}:${row}`. */
  key: string;
  ids: string[];
  /** Centroid, projected pixels. */
  x: number;
  y: number;
}

export interface Clustering {
  singles: string[];
  clusters: UnitCluster[];
}

export function clusterPoints(points: Iterable<ClusterPoint>, cellPx: number, minSize: number): Clustering {
  const cells = new Map<string, { ids: string[]; sx: number; sy: number }>();
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const key = `${Math.floor(p.x / cellPx)}:${Math.floor(p.y / cellPx)}`;
    const cell = cells.get(key);
    if (cell) {
      cell.ids.push(p.id);
      cell.sx += p.x;
      cell.sy += p.y;
    } else {
      cells.set(key, { ids: [p.id], sx: p.x, sy: p.y });
    }
  }
  const singles: string[] = [];
  const clusters: UnitCluster[] = [];
  for (const [key, cell] of cells) {
    if (cell.ids.length < minSize) {
      singles.push(...cell.ids);
      continue;
    }
    clusters.push({ key, ids: cell.ids, x: cell.sx / cell.ids.length, y: cell.sy / cell.ids.length });
  }
  return { singles, clusters };
}

/** Cluster circle radius in pixels: grows with the count, slowly, within bounds. */
export function clusterRadius(count: number): number {
  return Math.min(26, 11 + Math.sqrt(count) * 1.15);
}

const ACTIVE_ASSIGNMENT = new Set(['pending', 'accepted', 'en_route', 'on_scene']);

/**
 * Units drawn on their own at every zoom: a unit that raised an open distress incident and the
 * units working one (never clustered or hidden), the selected and the followed unit, and the
 * units working or recommended for the selected incident (their lines run to the scene).
 */
export function neverClustered(
  state: ConsoleState,
  ui: Pick<UiState, 'selectedUnitId' | 'followUnitId' | 'selectedIncidentId'>,
  recommendedUnitIds: readonly string[],
): ReadonlySet<string> {
  const ids = new Set(selectDistressUnitIds(state));
  if (ui.selectedUnitId) ids.add(ui.selectedUnitId);
  if (ui.followUnitId) ids.add(ui.followUnitId);
  if (ui.selectedIncidentId) {
    for (const a of selectAssignmentsFor(state, ui.selectedIncidentId))
      if (ACTIVE_ASSIGNMENT.has(a.status)) ids.add(a.unitId);
    for (const id of recommendedUnitIds) ids.add(id);
  }
  return ids;
}
