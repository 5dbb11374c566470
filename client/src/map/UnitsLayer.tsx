import type { Unit } from '@shared/domain/unit';
import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { ConsoleState } from '../state/consoleState';
import { consoleStore } from '../state/consoleStore';
import { positionStore } from '../state/positions';
import { selectDistressUnitIds, selectUnitsInDistress } from '../state/selectors';
import { selectUnit, uiStore } from '../state/uiStore';
import { DISTRESS_COLOUR, UNIT_COLOURS } from './panes';

/** Call-sign labels are DOM elements: show them only close up, and only so many. */
const LABEL_MIN_ZOOM = 14;
const LABEL_LIMIT = 250;

interface Entry {
  unit: Unit;
  marker: L.CircleMarker;
  labelled: boolean;
  styleKey: string;
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
    this.group.addLayer(marker);
    const entry: Entry = { unit, marker, labelled: false, styleKey: key };
    this.entries.set(unit.id, entry);
    return entry;
  }

  /** Units, distress or selection changed: add, restyle or remove markers. */
  sync(state: ConsoleState, selectedId: string | null): void {
    const pinned = selectDistressUnitIds(state);
    const red = selectUnitsInDistress(state);
    if (
      state.units === this.lastUnits &&
      pinned === this.lastPinned &&
      red === this.lastRed &&
      selectedId === this.selectedId
    ) {
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
    this.hover.remove();
    this.group.remove();
    this.entries.clear();
  }
}

export function UnitsLayer() {
  const map = useMap();
  useEffect(() => {
    const markers = new UnitMarkers(map);
    const sync = () => markers.sync(consoleStore.get(), uiStore.get().selectedUnitId);
    sync();
    const offConsole = consoleStore.subscribe(sync);
    const offUi = uiStore.subscribe(sync);
    const offPositions = positionStore.subscribe((ids) => markers.move(ids));
    map.on('moveend zoomend', markers.scheduleLabels);
    return () => {
      offConsole();
      offUi();
      offPositions();
      map.off('moveend zoomend', markers.scheduleLabels);
      markers.destroy();
    };
  }, [map]);
  return null;
}
