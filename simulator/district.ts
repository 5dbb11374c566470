import { EDGE_MARGIN_M } from '../server/demo/demoFixtures';
import {
  distanceToRingM,
  GANXIAN_BBOX,
  GANXIAN_CENTRE,
  GANXIAN_RING,
  isInGanxian,
} from '../server/demo/ganxianOutline';
import { distanceM, type LatLng, offsetM } from './geo';
import { between, gaussian, type Rand } from './random';

/** The district seat (梅林), where most of the demo's units and incidents are. */
export const DISTRICT_CENTRE: LatLng = { lat: GANXIAN_CENTRE.lat, lng: GANXIAN_CENTRE.lng };

/** Inside 赣县区 and at least `marginM` from its (simplified) border, like the demo units. */
export function insideDistrict(p: LatLng, marginM = EDGE_MARGIN_M): boolean {
  return isInGanxian(p.lng, p.lat) && distanceToRingM(p.lng, p.lat, GANXIAN_RING) >= marginM;
}

/** Whether the straight leg from a to b stays in the district (checked every `stepM`). */
export function legInsideDistrict(a: LatLng, b: LatLng, stepM = 250): boolean {
  const steps = Math.max(1, Math.ceil(distanceM(a, b) / stepM));
  for (let i = 1; i <= steps; i++) {
    const f = i / steps;
    if (!isInGanxian(a.lng + (b.lng - a.lng) * f, a.lat + (b.lat - a.lat) * f)) return false;
  }
  return true;
}

export type Placement =
  | { kind: 'anywhere' }
  /** Normally distributed around `centre`, `sigmaM` metres in each direction. */
  | { kind: 'around'; centre: LatLng; sigmaM: number }
  /** Uniformly within `radiusM` of `centre`. */
  | { kind: 'within'; centre: LatLng; radiusM: number };

function draw(rand: Rand, placement: Placement): LatLng {
  switch (placement.kind) {
    case 'anywhere':
      return {
        lat: between(rand, GANXIAN_BBOX.minLat, GANXIAN_BBOX.maxLat),
        lng: between(rand, GANXIAN_BBOX.minLng, GANXIAN_BBOX.maxLng),
      };
    case 'around':
      return offsetM(placement.centre, gaussian(rand) * placement.sigmaM, gaussian(rand) * placement.sigmaM);
    case 'within': {
      const r = placement.radiusM * Math.sqrt(rand());
      const a = 2 * Math.PI * rand();
      return offsetM(placement.centre, r * Math.cos(a), r * Math.sin(a));
    }
  }
}

/**
 * A random point inside the district drawn as `placement` says; when none of the attempts
 * lands inside (a unit parked at the border asking for nearby points), a point anywhere in it.
 */
export function randomPointInDistrict(
  rand: Rand,
  placement: Placement = { kind: 'anywhere' },
  accept: (p: LatLng) => boolean = () => true,
): LatLng {
  for (let attempt = 0; attempt < 200; attempt++) {
    const p = draw(rand, attempt < 100 ? placement : { kind: 'anywhere' });
    if (insideDistrict(p) && accept(p)) return p;
  }
  return { ...DISTRICT_CENTRE };
}
