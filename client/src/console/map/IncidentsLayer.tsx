import type { Incident } from '@shared/domain/incident';
import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { i18n } from '../../i18n';
import { consoleStore } from '../consoleStore';
import { isAlarming, selectQueue } from '../selectors';
import { selectIncident, uiStore } from '../uiStore';

interface Entry {
  incident: Incident;
  marker: L.Marker;
  key: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function iconFor(incident: Incident, selected: boolean): L.DivIcon {
  const glyph = escapeHtml(i18n.t(`categoryGlyph.${incident.category}`));
  const classes = [
    'inc-marker',
    `prio-${incident.priority}`,
    isAlarming(incident) ? 'is-alarming' : '',
    incident.status === 'new' ? 'is-new' : '',
    selected ? 'is-selected' : '',
  ].join(' ');
  return L.divIcon({
    className: 'inc-icon',
    html: `<span class="visually-hidden">${escapeHtml(labelFor(incident))}</span><div class="${classes}" aria-hidden="true"><span class="inc-pulse"></span><span class="inc-glyph">${glyph}</span><span class="inc-prio">${incident.priority}</span></div>`,
    iconSize: [44, 44],
    iconAnchor: [22, 22],
  });
}

function labelFor(incident: Incident): string {
  return i18n.t('map.incidentMarker', {
    priority: `P${incident.priority}`,
    category: i18n.t(`categoryShort.${incident.category}`),
    reference: incident.reference,
  });
}

/**
 * Open incidents as DOM markers (there are tens, not thousands), above the unit canvas: they
 * pulse by priority, show the category glyph, and are never hidden or clustered.
 */
export function IncidentsLayer() {
  const map = useMap();
  useEffect(() => {
    const entries = new Map<string, Entry>();
    let lastQueue: readonly Incident[] | null = null;
    let lastSelected: string | null = null;
    let lastLanguage = i18n.language;

    const sync = () => {
      const queue = selectQueue(consoleStore.get());
      const selected = uiStore.get().selectedIncidentId;
      if (queue === lastQueue && selected === lastSelected && i18n.language === lastLanguage) return;
      lastQueue = queue;
      lastSelected = selected;
      lastLanguage = i18n.language;
      const seen = new Set<string>();
      for (const incident of queue) {
        if (!incident.position) continue;
        seen.add(incident.id);
        const isSelected = incident.id === selected;
        const key = `${incident.version}|${incident.status}|${incident.priority}|${isSelected}|${i18n.language}`;
        const latlng: L.LatLngExpression = [incident.position.lat, incident.position.lng];
        const existing = entries.get(incident.id);
        if (existing) {
          existing.incident = incident;
          existing.marker.setLatLng(latlng);
          if (existing.key !== key) {
            existing.marker.setIcon(iconFor(incident, isSelected));
            existing.marker.setZIndexOffset((5 - incident.priority) * 1000 + (isSelected ? 5000 : 0));
            existing.key = key;
          }
          continue;
        }
        const marker = L.marker(latlng, {
          icon: iconFor(incident, isSelected),
          keyboard: true,
          riseOnHover: true,
          zIndexOffset: (5 - incident.priority) * 1000 + (isSelected ? 5000 : 0),
        });
        marker.on('click', () => selectIncident(incident.id));
        marker.addTo(map);
        entries.set(incident.id, { incident, marker, key });
      }
      for (const [id, entry] of entries) {
        if (!seen.has(id)) {
          entry.marker.remove();
          entries.delete(id);
        }
      }
    };

    sync();
    const offConsole = consoleStore.subscribe(sync);
    const offUi = uiStore.subscribe(sync);
    i18n.on('languageChanged', sync);
    return () => {
      offConsole();
      offUi();
      i18n.off('languageChanged', sync);
      for (const entry of entries.values()) entry.marker.remove();
    };
  }, [map]);
  return null;
}
