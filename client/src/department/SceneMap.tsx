import '../styles/map.css';
import type { GeoPoint } from '@shared/domain/geo';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, TileLayer, Tooltip } from 'react-leaflet';
import { OfflineBase } from '../common/map/OfflineBase';
import { DISTRESS_COLOUR } from '../common/map/panes';
import { useStore } from '../common/store';
import { configStore } from '../console/consoleStore';
import { formatCoordinate } from '../format';

const selectTileUrl = (s: ReturnType<typeof configStore.get>) =>
  s.status === 'loading' ? null : s.config.tileUrl;

/**
 * 交通管理: where the scene is, on a small map (online tiles if configured, over the offline
 * grid and district outline so it still shows on an air-gapped intranet).
 */
export function SceneMap({ position, label }: { position: GeoPoint; label: string }) {
  const { t } = useTranslation();
  const tileUrl = useStore(configStore, selectTileUrl);
  const centre: [number, number] = [position.lat, position.lng];
  return (
    <figure className="scene-map-wrap" data-testid="scene-map">
      <MapContainer
        key={`${position.lat},${position.lng}`}
        className="scene-map"
        center={centre}
        zoom={15}
        minZoom={8}
        maxZoom={19}
        scrollWheelZoom={false}
        keyboard
      >
        <OfflineBase />
        {tileUrl && <TileLayer url={tileUrl} maxZoom={19} className="online-tiles" />}
        {position.accuracyM !== undefined && position.accuracyM > 0 && (
          <CircleMarker
            center={centre}
            radius={Math.min(60, Math.max(10, position.accuracyM / 4))}
            pathOptions={{ color: DISTRESS_COLOUR, weight: 1, fillOpacity: 0.12 }}
          />
        )}
        <CircleMarker
          center={centre}
          radius={11}
          pathOptions={{ color: '#ffffff', weight: 3, fillColor: DISTRESS_COLOUR, fillOpacity: 1 }}
        >
          <Tooltip permanent direction="right" offset={[12, 0]} className="scene-label">
            {label}
          </Tooltip>
        </CircleMarker>
      </MapContainer>
      <figcaption className="scene-caption mono">
        {t('inbox.sceneAt')} {formatCoordinate(position.lat, position.lng)}
      </figcaption>
    </figure>
  );
}
