import { UNIT_KINDS } from '@shared/domain/unit';
import { describe, expect, it } from 'vitest';
import { isInGanxian } from '../server/demo/ganxianOutline';
import { DISTRICT_CENTRE, insideDistrict, legInsideDistrict, randomPointInDistrict } from './district';
import { distanceM } from './geo';
import { createRand } from './random';
import { KIND_PROFILES, nextWaypoint } from './unitProfiles';

describe('waypoints inside 赣县区', () => {
  it('the district seat is inside, well away from the border', () => {
    expect(insideDistrict(DISTRICT_CENTRE)).toBe(true);
  });

  it('draws random points only inside the district, however they are placed', () => {
    const rand = createRand(7);
    for (let i = 0; i < 300; i++) {
      const anywhere = randomPointInDistrict(rand);
      const around = randomPointInDistrict(rand, { kind: 'around', centre: DISTRICT_CENTRE, sigmaM: 5000 });
      // Asking for points around a place outside the district still gives one inside it.
      const outside = randomPointInDistrict(rand, {
        kind: 'within',
        centre: { lat: 26.5, lng: 114.0 },
        radiusM: 1000,
      });
      for (const p of [anywhere, around, outside]) {
        expect(isInGanxian(p.lng, p.lat)).toBe(true);
        expect(insideDistrict(p)).toBe(true);
      }
    }
  });

  it('tells a leg that leaves the district from one that stays inside', () => {
    const outside = { lat: 26.3, lng: 115.0 };
    expect(isInGanxian(outside.lng, outside.lat)).toBe(false);
    expect(legInsideDistrict(DISTRICT_CENTRE, outside)).toBe(false);
    const near = { lat: DISTRICT_CENTRE.lat + 0.01, lng: DISTRICT_CENTRE.lng + 0.01 };
    expect(legInsideDistrict(DISTRICT_CENTRE, near)).toBe(true);
  });

  it.each(UNIT_KINDS)('gives a %s waypoints inside, reachable in a straight leg', (kind) => {
    const rand = createRand(11);
    const profile = KIND_PROFILES[kind];
    let from = randomPointInDistrict(rand);
    for (let i = 0; i < 100; i++) {
      const to = nextWaypoint(rand, profile, from);
      expect(insideDistrict(to)).toBe(true);
      expect(legInsideDistrict(from, to)).toBe(true);
      from = to;
    }
  });

  it('keeps a foot patrol within walking distance', () => {
    const rand = createRand(3);
    const profile = KIND_PROFILES.foot_patrol;
    for (let i = 0; i < 100; i++) {
      expect(distanceM(DISTRICT_CENTRE, nextWaypoint(rand, profile, DISTRICT_CENTRE))).toBeLessThanOrEqual(
        profile.roamM + 1,
      );
    }
  });
});
