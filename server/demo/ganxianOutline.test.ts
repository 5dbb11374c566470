import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDGE_MARGIN_M } from './demoFixtures';
import { decodeEchartsRing } from './extractGanxianGeo';
import {
  distanceToRingM,
  GANXIAN_BBOX,
  GANXIAN_CENTRE,
  GANXIAN_RING,
  isInGanxian,
  type LngLat,
  pointInPolygon,
} from './ganxianOutline';
import { simplifyRing } from './geometry';

interface GeoFeature {
  type: 'Feature';
  properties: { name: string; adcode?: string };
  geometry: { type: 'MultiPolygon'; coordinates: Array<Array<Array<[number, number]>>> };
}

const GEOJSON_PATH = path.resolve(import.meta.dirname, '../../client/public/geo/ganxian.geojson');
const geo = JSON.parse(fs.readFileSync(GEOJSON_PATH, 'utf8')) as { type: string; features: GeoFeature[] };
const fullRing = (): LngLat[] => geo.features[0]!.geometry.coordinates[0]![0]!;

describe('pointInPolygon', () => {
  const square: LngLat[] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
  ];
  // A U shape: the notch between the arms is outside.
  const u: LngLat[] = [
    [0, 0],
    [3, 0],
    [3, 3],
    [2, 3],
    [2, 1],
    [1, 1],
    [1, 3],
    [0, 3],
  ];

  it('accepts points inside and rejects points outside', () => {
    expect(pointInPolygon(0.5, 0.5, square)).toBe(true);
    expect(pointInPolygon(1.5, 0.5, square)).toBe(false);
    expect(pointInPolygon(0.5, -0.1, square)).toBe(false);
    expect(pointInPolygon(0.5, 2, u)).toBe(true);
    expect(pointInPolygon(1.5, 2, u)).toBe(false);
    expect(pointInPolygon(1.5, 0.5, u)).toBe(true);
  });

  it('gives the same answer for an open or a closed ring', () => {
    const closed = [...u, u[0]!];
    for (const [x, y] of [
      [0.5, 2],
      [1.5, 2],
      [2.5, 2.9],
      [3.1, 1],
    ] as const) {
      expect(pointInPolygon(x, y, closed)).toBe(pointInPolygon(x, y, u));
    }
  });

  it('places the district seat inside 赣县区 and neighbouring seats outside', () => {
    expect(isInGanxian(GANXIAN_CENTRE.lng, GANXIAN_CENTRE.lat)).toBe(true);
    expect(isInGanxian(115.0116, 25.8607)).toBe(true);
    expect(isInGanxian(114.921171, 25.817816)).toBe(false); // 章贡区
    expect(isInGanxian(115.415508, 25.952068)).toBe(false); // 于都县
    expect(isInGanxian(114.765412, 25.66145)).toBe(false); // 南康区
    expect(isInGanxian(116.4, 39.9)).toBe(false); // Beijing
  });
});

describe('赣县区 outline', () => {
  it('is simplified to at most 300 points and spans the district', () => {
    expect(GANXIAN_RING.length).toBeGreaterThan(100);
    expect(GANXIAN_RING.length).toBeLessThanOrEqual(300);
    expect(GANXIAN_BBOX.minLng).toBeCloseTo(114.71, 1);
    expect(GANXIAN_BBOX.maxLng).toBeCloseTo(115.37, 1);
    expect(GANXIAN_BBOX.minLat).toBeCloseTo(25.43, 1);
    expect(GANXIAN_BBOX.maxLat).toBeCloseTo(26.27, 1);
    expect(GANXIAN_CENTRE.lng).toBeCloseTo(115.0116, 3);
    expect(GANXIAN_CENTRE.lat).toBeCloseTo(25.8607, 3);
  });

  it('agrees with the full-resolution border away from its edges', () => {
    const full = fullRing();
    let checked = 0;
    let inside = 0;
    const disagreements: string[] = [];
    for (let lng = GANXIAN_BBOX.minLng; lng <= GANXIAN_BBOX.maxLng; lng += 0.01) {
      for (let lat = GANXIAN_BBOX.minLat; lat <= GANXIAN_BBOX.maxLat; lat += 0.01) {
        if (distanceToRingM(lng, lat, GANXIAN_RING) < EDGE_MARGIN_M) continue;
        checked++;
        if (isInGanxian(lng, lat)) inside++;
        if (pointInPolygon(lng, lat, full) !== isInGanxian(lng, lat)) disagreements.push(`${lng},${lat}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(3000);
    expect(inside).toBeGreaterThan(1000);
  });

  it('measures distances to the edge in metres', () => {
    const square: LngLat[] = [
      [115, 25],
      [115.1, 25],
      [115.1, 25.1],
      [115, 25.1],
    ];
    // 0.01° of latitude is about 1.1 km.
    expect(distanceToRingM(115.05, 25.01, square)).toBeGreaterThan(1000);
    expect(distanceToRingM(115.05, 25.01, square)).toBeLessThan(1200);
  });

  it('simplifies a ring to the requested size without losing its extent', () => {
    const circle: LngLat[] = Array.from({ length: 1000 }, (_, i) => [
      Math.cos((2 * Math.PI * i) / 1000),
      Math.sin((2 * Math.PI * i) / 1000),
    ]);
    const { ring, tolerance } = simplifyRing(circle, 50);
    expect(ring.length).toBeLessThanOrEqual(50);
    expect(ring.length).toBeGreaterThan(30);
    expect(tolerance).toBeGreaterThan(0);
    expect(pointInPolygon(0.9, 0, ring)).toBe(true);
    expect(pointInPolygon(1.01, 0, ring)).toBe(false);
  });
});

describe('ECharts geometry decoding', () => {
  it('zigzag-decodes deltas from the offset and divides by 1024', () => {
    // '@' is 0, 'A' is zigzag 1 = -1, 'B' is zigzag 2 = +1.
    expect(decodeEchartsRing('@@BA@B', [1024, 2048])).toEqual([
      [1, 2],
      [1025 / 1024, 2047 / 1024],
      [1025 / 1024, 2048 / 1024],
    ]);
  });
});

describe('client/public/geo/ganxian.geojson', () => {
  it('holds 赣县区 first and its neighbours as context, rounded to 5 decimals', () => {
    expect(geo.type).toBe('FeatureCollection');
    const names = geo.features.map((f) => f.properties.name);
    expect(names[0]).toBe('赣县区');
    expect(names).toEqual(expect.arrayContaining(['章贡区', '于都县', '兴国县', '南康区']));
    const problems: string[] = [];
    const notRounded = (v: number) => Math.abs(v * 1e5 - Math.round(v * 1e5)) > 1e-6;
    for (const f of geo.features) {
      expect(f.properties.adcode).toMatch(/^3607\d\d$/);
      for (const ring of f.geometry.coordinates.flat()) {
        if (ring.length < 4) problems.push(`${f.properties.name}: short ring`);
        if (ring[0]?.join() !== ring[ring.length - 1]?.join())
          problems.push(`${f.properties.name}: open ring`);
        for (const [x, y] of ring)
          if (notRounded(x) || notRounded(y)) problems.push(`${f.properties.name}: ${x},${y}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
