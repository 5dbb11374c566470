/**
 * Map panes, bottom to top. Leaflet's own: tiles 200, overlays (the unit canvas) 400,
 * markers (incidents) 600, tooltips (call signs) 650.
 */
export const PANES = {
  /** Grid and district fill, under the online tiles. */
  offlineBase: 'sl-offline-base',
  /** The district outline again, above the tiles. */
  districtTop: 'sl-district-top',
  districtLabels: 'sl-district-labels',
  /** Lines from units to the scene, under the unit markers. */
  links: 'sl-links',
} as const;

export const UNIT_COLOURS = {
  available: '#34d399',
  assigned: '#22d3ee',
  en_route: '#fbbf24',
  on_scene: '#c084fc',
  out_of_service: '#8b98a8',
} as const;

export const DISTRESS_COLOUR = '#ff3b3b';

export function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
  );
}
