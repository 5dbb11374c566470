import { haversineM, M_PER_DEG_LAT } from '../shared/geo/distance';

/** WGS-84, like every position the API takes. */
export interface LatLng {
  lat: number;
  lng: number;
}

export function distanceM(a: LatLng, b: LatLng): number {
  return haversineM(a, b);
}

/** The point `eastM` metres east and `northM` metres north of p (flat earth, fine over a district). */
export function offsetM(p: LatLng, eastM: number, northM: number): LatLng {
  return {
    lat: p.lat + northM / M_PER_DEG_LAT,
    lng: p.lng + eastM / (M_PER_DEG_LAT * Math.cos((p.lat * Math.PI) / 180)),
  };
}

/** Moves from `from` at most `maxStepM` towards `to`; arrived when it gets there. */
export function stepTowards(
  from: LatLng,
  to: LatLng,
  maxStepM: number,
): { position: LatLng; arrived: boolean; remainingM: number } {
  const d = distanceM(from, to);
  if (d <= maxStepM) return { position: { lat: to.lat, lng: to.lng }, arrived: true, remainingM: 0 };
  const f = maxStepM / d;
  return {
    position: { lat: from.lat + (to.lat - from.lat) * f, lng: from.lng + (to.lng - from.lng) * f },
    arrived: false,
    remainingM: d - maxStepM,
  };
}

/** Rounded as a phone's GPS would send it (6 decimals is about 10 cm). */
export function round6(p: LatLng): LatLng {
  return { lat: Math.round(p.lat * 1e6) / 1e6, lng: Math.round(p.lng * 1e6) / 1e6 };
}
