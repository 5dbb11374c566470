import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { PANES } from '../../common/map/panes';
import { consoleStore } from '../consoleStore';
import { detailStore } from '../detailStore';
import { positionStore } from '../positions';
import { selectAssignmentsFor, selectIncidentViews } from '../selectors';
import { uiStore } from '../uiStore';

const ACTIVE = new Set(['pending', 'accepted', 'en_route', 'on_scene']);

type LinkKind = 'chosen' | 'offered' | 'assigned';

const STYLE: Record<LinkKind, L.PolylineOptions> = {
  chosen: { color: '#ffd43b', weight: 3, opacity: 0.95, dashArray: '8 6' },
  offered: { color: '#9fb0c4', weight: 1.5, opacity: 0.7, dashArray: '4 6' },
  assigned: { color: '#34d399', weight: 3, opacity: 0.9 },
};

/**
 * For the selected incident: a line from each recommended unit to the scene (bold when ticked
 * for dispatch) and from each unit already sent. Lines follow their units as they move.
 */
export function LinksLayer() {
  const map = useMap();
  useEffect(() => {
    if (!map.getPane(PANES.links)) {
      const pane = map.createPane(PANES.links);
      pane.style.zIndex = '390';
      pane.style.pointerEvents = 'none';
    }
    const renderer = L.canvas({ pane: PANES.links, padding: 0.3 });
    const lines = new Map<string, { line: L.Polyline; kind: LinkKind }>();
    let scene: L.LatLng | null = null;
    let signature = '';

    const wanted = (): { scene: L.LatLng | null; links: Map<string, LinkKind> } => {
      const links = new Map<string, LinkKind>();
      const id = uiStore.get().selectedIncidentId;
      const state = consoleStore.get();
      const incident = id ? selectIncidentViews(state).get(id) : undefined;
      if (!incident?.position) return { scene: null, links };
      const detail = detailStore.get();
      if (detail.recommendations.incidentId === incident.id) {
        for (const r of detail.recommendations.data ?? []) {
          links.set(r.unitId, detail.chosen.has(r.unitId) ? 'chosen' : 'offered');
        }
      }
      for (const a of selectAssignmentsFor(state, incident.id)) {
        if (ACTIVE.has(a.status)) links.set(a.unitId, 'assigned');
      }
      return { scene: L.latLng(incident.position.lat, incident.position.lng), links };
    };

    const positionOf = (unitId: string): L.LatLng | null => {
      const p = positionStore.get(unitId) ?? consoleStore.get().units.get(unitId)?.position;
      return p ? L.latLng(p.lat, p.lng) : null;
    };

    const sync = () => {
      const next = wanted();
      const sig = `${next.scene?.toString() ?? ''}|${[...next.links].map(([k, v]) => `${k}:${v}`).join(',')}`;
      if (sig === signature) return;
      signature = sig;
      scene = next.scene;
      for (const [id, entry] of lines) {
        if (!next.links.has(id) || !scene) {
          entry.line.remove();
          lines.delete(id);
        }
      }
      if (!scene) return;
      for (const [unitId, kind] of next.links) {
        const from = positionOf(unitId);
        const existing = lines.get(unitId);
        if (!from) {
          existing?.line.remove();
          lines.delete(unitId);
          continue;
        }
        if (existing) {
          existing.line.setLatLngs([from, scene]);
          if (existing.kind !== kind) {
            existing.line.setStyle(STYLE[kind]);
            existing.kind = kind;
          }
        } else {
          const line = L.polyline([from, scene], { ...STYLE[kind], renderer, interactive: false });
          line.addTo(map);
          lines.set(unitId, { line, kind });
        }
      }
    };

    const onMove = (ids: readonly string[]) => {
      if (!scene) return;
      for (const id of ids) {
        const entry = lines.get(id);
        const from = entry && positionOf(id);
        if (entry && from) entry.line.setLatLngs([from, scene]);
      }
    };

    sync();
    const offs = [
      consoleStore.subscribe(sync),
      uiStore.subscribe(sync),
      detailStore.subscribe(sync),
      positionStore.subscribe(onMove),
    ];
    return () => {
      for (const off of offs) off();
      for (const entry of lines.values()) entry.line.remove();
    };
  }, [map]);
  return null;
}
