import type { Unit } from '@shared/domain/unit';
import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { DISTRESS_COLOUR, UNIT_COLOURS } from '../../common/map/panes';
import type { ConsoleState } from '../consoleState';
import { consoleStore } from '../consoleStore';
import { detailStore } from '../detailStore';
import { positionStore } from '../positions';
import { selectDistressUnitIds, selectUnitsInDistress } from '../selectors';
import { selectUnit, type UiState, uiStore } from '../uiStore';
import { clusterPoints, clusterRadius, neverClustered } from './unitClusters';

/** Call-sign labels are DOM elements: show them only close up, and only so many. */
const LABEL_MIN_ZOOM = 14;
const LABEL_LIMIT = 250;
/** At this zoom and below, dense units are drawn as clusters (labels start above it). */
const CLUSTER_MAX_ZOOM = LABEL_MIN_ZOOM - 1;
const CLUSTER_CELL_PX = 64;
const CLUSTER_MIN_SIZE = 4;
/**
 * A district's few dozen units stay single at every zoom (a cluster hides their status colours);
 * clustering starts where dots would merge into a blob.
 */
const CLUSTER_MIN_UNITS = 300;
/** While clustered, moving units re-cluster at most this often. */
const RECLUSTER_THROTTLE_MS = 1000;

/** Leaflet's canvas internals a cluster marker draws its count with. */
interface CanvasInternals {
  _updatePath(): void;
  _containsPoint(p: L.Point): boolean;
  _empty(): boolean;
  _point?: L.Point;
  _renderer?: { _drawing?: boolean; _ctx?: CanvasRenderingContext2D };
}

interface ClusterEntry {
  marker: L.CircleMarker;
  count: number;
}

interface Entry {
  unit: Unit;
  marker: L.CircleMarker;
  labelled: boolean;
  styleKey: string;
  /** Folded into a cluster: kept on the canvas (adding and removing thousands of layers is slow) but not drawn or clickable. */
  hidden: boolean;
}

/**
 * Thousands of units as circle markers on one canvas. Markers are created once per unit and
 * then only moved (setLatLng) or restyled, never rebuilt: a position batch touches just the
 * markers that moved, and Leaflet's canvas redraws once per frame.
 */
class UnitMarkers {
  private readonly entries = new Map<string, Entry>();
  private readonly group = L.layerGroup();
  private readonly renderer = L.canvas({ padding: 0.1, tolerance: 5 });
  private readonly hover = L.tooltip({ direction: 'top', offset: [0, -8], className: 'unit-hover' });
  private lastUnits: ReadonlyMap<string, Unit> | null = null;
  private lastPinned: ReadonlySet<string> = new Set();
  private lastRed: ReadonlySet<string> = new Set();
  private selectedId: string | null = null;
  private labelTimer = 0;
  /** Units drawn on their own at every zoom: distress, selected, followed, working the selected incident. */
  private always: ReadonlySet<string> = new Set();
  /** Markers whose hidden flag changed since the last repaint. */
  private toggled = 0;
  private readonly clusters = new Map<string, ClusterEntry>();
  private clustering = false;
  private reclusterTimer = 0;
  private lastRecluster = 0;

  constructor(private readonly map: L.Map) {
    this.group.addTo(map);
  }

  private styleFor(unit: Unit): { key: string; options: L.CircleMarkerOptions } {
    const red = this.lastRed.has(unit.id);
    const pinned = this.lastPinned.has(unit.id);
    const selected = unit.id === this.selectedId;
    const key = `${unit.status}|${red}|${pinned}|${selected}`;
    return {
      key,
      options: {
        radius: red ? 10 : selected ? 9 : pinned ? 8 : 6,
        fillColor: UNIT_COLOURS[unit.status],
        fillOpacity: unit.status === 'out_of_service' ? 0.6 : 0.95,
        // An outline costs a second canvas operation per marker: only the ones that must stand out get one.
        stroke: red || selected || pinned,
        color: red ? DISTRESS_COLOUR : selected ? '#ffffff' : '#05080c',
        weight: red || selected ? 3 : 1.5,
        opacity: 1,
      },
    };
  }

  private create(unit: Unit, latlng: L.LatLngExpression): Entry {
    const { key, options } = this.styleFor(unit);
    const marker = L.circleMarker(latlng, {
      ...options,
      renderer: this.renderer,
      bubblingMouseEvents: false,
    });
    marker.on('click', () => selectUnit(unit.id));
    marker.on('mouseover', () => {
      const entry = this.entries.get(unit.id);
      if (!entry || entry.labelled) return;
      this.hover.setLatLng(marker.getLatLng()).setContent(entry.unit.callSign).addTo(this.map);
    });
    marker.on('mouseout', () => this.hover.remove());
    // While clustered, a new unit waits hidden for the next clustering to place it.
    const hidden = this.clustering && !this.always.has(unit.id);
    const entry: Entry = { unit, marker, labelled: false, styleKey: key, hidden };
    const internals = marker as unknown as CanvasInternals;
    const draw = internals._updatePath.bind(marker);
    const contains = internals._containsPoint.bind(marker);
    internals._updatePath = () => {
      if (!entry.hidden) draw();
    };
    internals._containsPoint = (p) => !entry.hidden && contains(p);
    this.group.addLayer(marker);
    this.entries.set(unit.id, entry);
    if (hidden) this.scheduleRecluster(0);
    return entry;
  }

  private setHidden(entry: Entry, hidden: boolean): void {
    if (entry.hidden === hidden) return;
    entry.hidden = hidden;
    this.toggled++;
    // A few: repaint just them; many (crossing the clustering zoom): one repaint of everything.
    if (this.toggled <= 50) entry.marker.redraw();
  }

  private repaintIfMany(): void {
    if (this.toggled > 50) this.renderer.fire('update');
    this.toggled = 0;
  }

  private sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
    if (a.size !== b.size) return false;
    for (const x of a) if (!b.has(x)) return false;
    return true;
  }

  scheduleRecluster(delayMs: number): void {
    if (this.reclusterTimer) return;
    this.reclusterTimer = window.setTimeout(() => {
      this.reclusterTimer = 0;
      this.recluster();
    }, delayMs);
  }

  /**
   * Folds dense units into clusters at low zoom, or shows every unit close up. Units that must
   * stand out never join a cluster; the rest are bucketed by screen cell (unitClusters.ts).
   */
  recluster = (): void => {
    if (this.reclusterTimer) {
      clearTimeout(this.reclusterTimer);
      this.reclusterTimer = 0;
    }
    this.lastRecluster = performance.now();
    const zoom = this.map.getZoom();
    this.clustering = zoom <= CLUSTER_MAX_ZOOM && this.entries.size >= CLUSTER_MIN_UNITS;
    if (!this.clustering) {
      for (const entry of this.entries.values()) this.setHidden(entry, false);
      for (const c of this.clusters.values()) this.group.removeLayer(c.marker);
      this.clusters.clear();
      this.repaintIfMany();
      return;
    }
    const points: Array<{ id: string; x: number; y: number }> = [];
    const visible = new Set<string>();
    for (const [id, entry] of this.entries) {
      if (this.always.has(id)) {
        visible.add(id);
        continue;
      }
      const p = this.map.project(entry.marker.getLatLng(), zoom);
      points.push({ id, x: p.x, y: p.y });
    }
    const { singles, clusters } = clusterPoints(points, CLUSTER_CELL_PX, CLUSTER_MIN_SIZE);
    for (const id of singles) visible.add(id);
    for (const [id, entry] of this.entries) this.setHidden(entry, !visible.has(id));
    const seen = new Set<string>();
    for (const c of clusters) {
      seen.add(c.key);
      const latlng = this.map.unproject([c.x, c.y], zoom);
      const have = this.clusters.get(c.key);
      if (have) {
        if (have.count !== c.ids.length) {
          have.count = c.ids.length;
          have.marker.setRadius(clusterRadius(have.count));
        }
        have.marker.setLatLng(latlng);
      } else {
        this.clusters.set(c.key, this.createCluster(latlng, c.ids.length));
      }
    }
    for (const [key, c] of this.clusters) {
      if (seen.has(key)) continue;
      this.group.removeLayer(c.marker);
      this.clusters.delete(key);
    }
    this.repaintIfMany();
    // Units that stand out are drawn over the clusters.
    for (const id of this.always) this.entries.get(id)?.marker.bringToFront();
  };

  /** A cluster: a circle with its count, on the same canvas; a click zooms in on it. */
  private createCluster(latlng: L.LatLng, count: number): ClusterEntry {
    const marker = L.circleMarker(latlng, {
      renderer: this.renderer,
      radius: clusterRadius(count),
      fillColor: '#1d3550',
      fillOpacity: 0.92,
      color: '#9cc9f5',
      weight: 2,
      opacity: 0.95,
      bubblingMouseEvents: false,
    });
    const entry: ClusterEntry = { marker, count };
    const internals = marker as unknown as CanvasInternals;
    const drawCircle = internals._updatePath.bind(marker);
    internals._updatePath = () => {
      drawCircle();
      const ctx = internals._renderer?._ctx;
      const p = internals._point;
      if (!internals._renderer?._drawing || !ctx || !p || internals._empty()) return;
      ctx.font = '700 13px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#ffffff';
      ctx.fillText(String(entry.count), p.x, p.y + 0.5);
    };
    marker.on('click', () =>
      this.map.setView(marker.getLatLng(), Math.min(this.map.getZoom() + 2, LABEL_MIN_ZOOM)),
    );
    this.group.addLayer(marker);
    marker.bringToBack();
    return entry;
  }

  /** Units, distress or selection changed: add, restyle or remove markers. */
  sync(state: ConsoleState, ui: UiState): void {
    const selectedId = ui.selectedUnitId;
    const pinned = selectDistressUnitIds(state);
    const red = selectUnitsInDistress(state);
    const recs = detailStore.get().recommendations;
    const always = neverClustered(
      state,
      ui,
      recs.incidentId === ui.selectedIncidentId ? (recs.data ?? []).map((r) => r.unitId) : [],
    );
    const alwaysChanged = !this.sameSet(always, this.always);
    if (alwaysChanged) this.always = always;
    if (
      state.units === this.lastUnits &&
      pinned === this.lastPinned &&
      red === this.lastRed &&
      selectedId === this.selectedId
    ) {
      if (alwaysChanged) this.recluster();
      return;
    }
    const restyleAll = pinned !== this.lastPinned || red !== this.lastRed || selectedId !== this.selectedId;
    this.lastUnits = state.units;
    this.lastPinned = pinned;
    this.lastRed = red;
    this.selectedId = selectedId;

    for (const [id, entry] of this.entries) {
      if (!state.units.has(id)) {
        this.group.removeLayer(entry.marker);
        this.entries.delete(id);
      }
    }
    for (const unit of state.units.values()) {
      const entry = this.entries.get(unit.id);
      const position = positionStore.get(unit.id) ?? unit.position;
      if (!entry) {
        if (position) this.create(unit, [position.lat, position.lng]);
        continue;
      }
      if (entry.unit === unit && !restyleAll) continue;
      entry.unit = unit;
      const { key, options } = this.styleFor(unit);
      if (key !== entry.styleKey) {
        entry.marker.setStyle(options);
        entry.marker.setRadius(options.radius ?? 6);
        entry.styleKey = key;
        if (entry.labelled) {
          // Rebound by updateLabels with the label style for the new state.
          entry.marker.unbindTooltip();
          entry.labelled = false;
        }
      }
    }
    // A new focus re-clusters at once; unit changes (status, new units) at most once a second.
    if (alwaysChanged) this.recluster();
    else if (
      this.clustering ||
      (this.entries.size >= CLUSTER_MIN_UNITS && this.map.getZoom() <= CLUSTER_MAX_ZOOM)
    )
      this.scheduleRecluster(Math.max(0, RECLUSTER_THROTTLE_MS - (performance.now() - this.lastRecluster)));
    // Units in distress and the selected unit are drawn last, so nothing covers them.
    for (const id of [...pinned, ...(selectedId ? [selectedId] : [])])
      this.entries.get(id)?.marker.bringToFront();
    this.scheduleLabels();
  }

  /** A position batch: move only the markers that moved. */
  move(ids: readonly string[]): void {
    let created = false;
    for (const id of ids) {
      const position = positionStore.get(id);
      if (!position) continue;
      const entry = this.entries.get(id);
      if (entry) {
        entry.marker.setLatLng([position.lat, position.lng]);
      } else {
        const unit = this.lastUnits?.get(id);
        if (unit) {
          this.create(unit, [position.lat, position.lng]);
          created = true;
        }
      }
    }
    if (created) this.scheduleLabels();
    // Units crossing from cell to cell: cluster again, but not on every batch.
    if (this.clustering) {
      const wait = RECLUSTER_THROTTLE_MS - (performance.now() - this.lastRecluster);
      this.scheduleRecluster(Math.max(0, wait));
    }
  }

  scheduleLabels = (): void => {
    if (this.labelTimer) return;
    this.labelTimer = window.setTimeout(() => {
      this.labelTimer = 0;
      this.updateLabels();
    }, 150);
  };

  /** Call signs: always for units in distress; for the rest only close up, and capped. */
  private updateLabels(): void {
    const zoom = this.map.getZoom();
    const bounds = this.map.getBounds().pad(0.05);
    const want = new Set<string>();
    for (const id of this.lastPinned) if (this.entries.has(id)) want.add(id);
    if (this.selectedId && this.entries.has(this.selectedId)) want.add(this.selectedId);
    if (zoom >= LABEL_MIN_ZOOM) {
      for (const [id, entry] of this.entries) {
        if (want.size >= LABEL_LIMIT) break;
        if (bounds.contains(entry.marker.getLatLng())) want.add(id);
      }
    }
    for (const [id, entry] of this.entries) {
      const should = want.has(id);
      if (should === entry.labelled) continue;
      if (should) {
        entry.marker.bindTooltip(entry.unit.callSign, {
          permanent: true,
          direction: 'right',
          offset: [8, 0],
          className: `unit-label ${this.lastRed.has(id) ? 'is-distress' : ''}`,
        });
      } else {
        entry.marker.unbindTooltip();
      }
      entry.labelled = should;
    }
  }

  destroy(): void {
    if (this.labelTimer) clearTimeout(this.labelTimer);
    if (this.reclusterTimer) clearTimeout(this.reclusterTimer);
    this.clusters.clear();
    this.hover.remove();
    this.group.remove();
    this.entries.clear();
  }
}

export function UnitsLayer() {
  const map = useMap();
  useEffect(() => {
    const markers = new UnitMarkers(map);
    const sync = () => markers.sync(consoleStore.get(), uiStore.get());
    markers.recluster();
    sync();
    const offConsole = consoleStore.subscribe(sync);
    const offUi = uiStore.subscribe(sync);
    // Recommendations arrive after the selection: those units must not hide in a cluster either.
    const offDetail = detailStore.subscribe(sync);
    const offPositions = positionStore.subscribe((ids) => markers.move(ids));
    map.on('moveend zoomend', markers.scheduleLabels);
    map.on('zoomend', markers.recluster);
    return () => {
      offConsole();
      offUi();
      offDetail();
      offPositions();
      map.off('moveend zoomend', markers.scheduleLabels);
      map.off('zoomend', markers.recluster);
      markers.destroy();
    };
  }, [map]);
  return null;
}
