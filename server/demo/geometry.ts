/** Small planar geometry on [lng, lat] rings, good enough at a district's scale (tens of km). */

export type LngLat = readonly [number, number];

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LNG_EQUATOR = 111_320;

/**
 * Even-odd ray casting: whether (lng, lat) lies inside the ring. The ring may be open or closed.
 * Points exactly on an edge may fall either way, which does not matter for placing demo units.
 */
export function pointInPolygon(lng: number, lat: number, ring: ReadonlyArray<LngLat>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Approximate distance in metres from (lng, lat) to the nearest edge of the ring. */
export function distanceToRingM(lng: number, lat: number, ring: ReadonlyArray<LngLat>): number {
  const kx = M_PER_DEG_LNG_EQUATOR * Math.cos((lat * Math.PI) / 180);
  const ky = M_PER_DEG_LAT;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[j]!;
    const [bx, by] = ring[i]!;
    const d = segmentDistance((lng - ax) * kx, (lat - ay) * ky, (bx - ax) * kx, (by - ay) * ky);
    if (d < best) best = d;
  }
  return best;
}

/** Distance from point p to the segment from the origin to b. */
function segmentDistance(px: number, py: number, bx: number, by: number): number {
  const len2 = bx * bx + by * by;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2));
  return Math.hypot(px - t * bx, py - t * by);
}

export function bboxOf(ring: ReadonlyArray<LngLat>): {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
} {
  let minLng = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLng = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const [x, y] of ring) {
    minLng = Math.min(minLng, x);
    maxLng = Math.max(maxLng, x);
    minLat = Math.min(minLat, y);
    maxLat = Math.max(maxLat, y);
  }
  return { minLng, minLat, maxLng, maxLat };
}

/** Perpendicular distance in degrees (planar) from p to the line through a and b. */
function perpendicular(p: LngLat, a: LngLat, b: LngLat): number {
  return segmentDistance(p[0] - a[0], p[1] - a[1], b[0] - a[0], b[1] - a[1]);
}

function douglasPeucker(points: ReadonlyArray<LngLat>, tolerance: number): LngLat[] {
  if (points.length < 3) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    let worst = -1;
    let worstD = tolerance;
    for (let i = from + 1; i < to; i++) {
      const d = perpendicular(points[i]!, points[from]!, points[to]!);
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([from, worst], [worst, to]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** Douglas-Peucker on an open ring at a given tolerance (degrees); the result is open too. */
export function simplifyRingAt(ring: ReadonlyArray<LngLat>, tolerance: number): LngLat[] {
  if (ring.length <= 4) return [...ring];
  const first = ring[0]!;
  // Split the ring at its first point and the vertex farthest from it, then simplify each half.
  let far = 1;
  let farD = -1;
  ring.forEach((p, i) => {
    const d = Math.hypot(p[0] - first[0], p[1] - first[1]);
    if (d > farD) {
      far = i;
      farD = d;
    }
  });
  const a = douglasPeucker(ring.slice(0, far + 1), tolerance);
  const b = douglasPeucker([...ring.slice(far), first], tolerance);
  return [...a, ...b.slice(1, -1)];
}

/** The most detailed Douglas-Peucker simplification of an open ring with at most maxPoints vertices. */
export function simplifyRing(
  ring: ReadonlyArray<LngLat>,
  maxPoints: number,
): { ring: Array<[number, number]>; tolerance: number } {
  const copy = (r: ReadonlyArray<LngLat>) => r.map(([x, y]): [number, number] => [x, y]);
  if (ring.length <= maxPoints) return { ring: copy(ring), tolerance: 0 };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (simplifyRingAt(ring, mid).length > maxPoints) lo = mid;
    else hi = mid;
  }
  return { ring: copy(simplifyRingAt(ring, hi)), tolerance: hi };
}
