import type { ClientConfig } from '@shared/api/snapshot';
import { UNIT_STATUSES } from '@shared/domain/unit';
import type L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, TileLayer } from 'react-leaflet';
import { districtStore, OfflineBase } from '../../common/map/OfflineBase';
import { UNIT_COLOURS } from '../../common/map/panes';
import { useStore } from '../../common/store';
import type { ConsoleState } from '../consoleState';
import { configStore, consoleStore } from '../consoleStore';
import { setFollow, type UiState, uiStore } from '../uiStore';
import { FollowController } from './FollowController';
import { IncidentsLayer } from './IncidentsLayer';
import { LinksLayer } from './LinksLayer';
import { UnitsLayer } from './UnitsLayer';

type TileStatus = 'none' | 'loading' | 'ok' | 'failed';

const selectConfig = (s: ReturnType<typeof configStore.get>) => s;
const selectFollow = (s: UiState) => s.followUnitId;
const selectUnits = (s: ConsoleState) => s.units;
const selectDistrict = (s: ReturnType<typeof districtStore.get>) => s;

/**
 * Online tiles over the offline base. If no tile has loaded after several errors, the tiles are
 * judged unreachable (an air-gapped intranet) and the map says it is showing the offline base.
 */
function OnlineTiles({ url, onStatus }: { url: string; onStatus: (s: TileStatus) => void }) {
  const handlers = useMemo(() => {
    let loaded = 0;
    let failed = 0;
    return {
      tileload: () => {
        loaded++;
        onStatus('ok');
      },
      tileerror: () => {
        failed++;
        if (loaded === 0 && failed >= 4) onStatus('failed');
      },
    };
  }, [onStatus]);
  useEffect(() => onStatus('loading'), [onStatus]);
  return (
    <TileLayer
      url={url}
      eventHandlers={handlers}
      maxZoom={19}
      className="online-tiles"
      attribution={url.includes('openstreetmap') ? '&copy; OpenStreetMap contributors' : ''}
    />
  );
}

function RecentreButton({ map, config }: { map: L.Map | null; config: ClientConfig }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn btn-small map-recentre"
      disabled={!map}
      onClick={() => map?.setView([config.mapCentre.lat, config.mapCentre.lng], config.mapCentre.zoom)}
    >
      {t('map.recentre')}
    </button>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <div className="map-legend">
      <span className="visually-hidden">{t('map.legendTitle')}</span>
      {UNIT_STATUSES.map((s) => (
        <span key={s} className="legend-item">
          <span className="legend-dot" style={{ background: UNIT_COLOURS[s] }} aria-hidden="true" />
          {t(`unitStatus.${s}`)}
        </span>
      ))}
    </div>
  );
}

export function MapView() {
  const { t } = useTranslation();
  const configState = useStore(configStore, selectConfig);
  const followId = useStore(uiStore, selectFollow);
  const units = useStore(consoleStore, selectUnits);
  const district = useStore(districtStore, selectDistrict);
  const [tiles, setTiles] = useState<TileStatus>('none');
  const [map, setMap] = useState<L.Map | null>(null);

  if (configState.status === 'loading') {
    return (
      <div className="map-wrap">
        <p className="state-msg state-loading map-loading">{t('app.loading')}</p>
      </div>
    );
  }
  const { config } = configState;
  const followed = followId ? units.get(followId) : undefined;
  const tileNote = !config.tileUrl ? t('map.noTiles') : tiles === 'failed' ? t('map.tilesFailed') : null;

  return (
    <div className="map-wrap">
      <MapContainer
        className="map"
        center={[config.mapCentre.lat, config.mapCentre.lng]}
        zoom={config.mapCentre.zoom}
        minZoom={6}
        maxZoom={19}
        preferCanvas
        ref={setMap}
        keyboard
        zoomSnap={0.5}
        worldCopyJump={false}
      >
        <OfflineBase />
        {config.tileUrl && <OnlineTiles url={config.tileUrl} onStatus={setTiles} />}
        <LinksLayer />
        <UnitsLayer />
        <IncidentsLayer />
        <FollowController />
      </MapContainer>
      <div className="map-controls">
        <RecentreButton map={map} config={config} />
      </div>
      <div className="map-overlay map-overlay-top">
        {tileNote && (
          <p className="map-chip map-chip-warn" data-testid="tile-status">
            {tileNote}
          </p>
        )}
        {district === 'missing' && <p className="map-chip map-chip-warn">{t('map.districtMissing')}</p>}
        {followed && (
          <p className="map-chip map-chip-follow" data-testid="follow-chip">
            {t('map.following', { callSign: followed.callSign })}{' '}
            <button type="button" className="btn btn-small" onClick={() => setFollow(null)}>
              {t('map.stopFollow')}
            </button>
          </p>
        )}
      </div>
      <Legend />
    </div>
  );
}
