import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { prefersReducedMotion } from '../../common/map/panes';
import { consoleStore } from '../consoleStore';
import { positionStore } from '../positions';
import { selectIncidentViews } from '../selectors';
import { setFollow, uiStore } from '../uiStore';

const FOLLOW_ZOOM = 15;

/**
 * Keeps the followed unit in the centre as it moves (F); dragging the map ends following.
 * Also brings a newly selected incident into view if it is off screen.
 */
export function FollowController() {
  const map = useMap();
  useEffect(() => {
    let following: string | null = null;
    let selectedIncident: string | null = null;
    const animate = () => !prefersReducedMotion();

    const positionOf = (unitId: string) =>
      positionStore.get(unitId) ?? consoleStore.get().units.get(unitId)?.position ?? null;

    const onUi = () => {
      const { followUnitId, selectedIncidentId } = uiStore.get();
      if (followUnitId !== following) {
        following = followUnitId;
        const p = following ? positionOf(following) : null;
        if (p) map.setView([p.lat, p.lng], Math.max(map.getZoom(), FOLLOW_ZOOM), { animate: animate() });
      }
      if (selectedIncidentId !== selectedIncident) {
        selectedIncident = selectedIncidentId;
        const incident = selectedIncidentId
          ? selectIncidentViews(consoleStore.get()).get(selectedIncidentId)
          : null;
        const p = incident?.position;
        if (p && !following && !map.getBounds().pad(-0.1).contains([p.lat, p.lng])) {
          map.panTo([p.lat, p.lng], { animate: animate() });
        }
      }
    };

    const onMove = (ids: readonly string[]) => {
      if (!following || !ids.includes(following)) return;
      const p = positionStore.get(following);
      if (p) map.panTo([p.lat, p.lng], { animate: animate(), duration: 0.4, noMoveStart: true });
    };

    const stop = () => {
      if (following) setFollow(null);
    };

    onUi();
    const offUi = uiStore.subscribe(onUi);
    const offPos = positionStore.subscribe(onMove);
    map.on('dragstart', stop);
    return () => {
      offUi();
      offPos();
      map.off('dragstart', stop);
    };
  }, [map]);
  return null;
}
