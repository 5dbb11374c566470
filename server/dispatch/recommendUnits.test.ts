import type { Incident } from '@shared/domain/incident';
import type { Unit } from '@shared/domain/unit';
import { haversineM } from '@shared/geo/distance';
import { describe, expect, it } from 'vitest';
import { recommendUnits, type UnitLocator } from './recommendUnits';
import { estimateTravelS, fittingKinds } from './unitFit';

const scene = { lat: 25.8607, lng: 115.0116 };
const unit = (id: string, kind: Unit['kind'], status: Unit['status'] = 'available'): Unit => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  callSign: `GX-${id}`,
  departmentId: 'command_center',
  kind,
  status,
  position: null,
});

/** A locator over fixed distances: the ranking logic is what is under test here. */
const locator =
  (distances: Record<string, number>): UnitLocator =>
  async () =>
    Object.entries(distances)
      .map(([unitId, distanceM]) => ({ unitId, distanceM }))
      .sort((a, b) => a.distanceM - b.distanceM);

const incident = (extra: Partial<Incident>): Incident =>
  ({
    category: 'violent_attack',
    position: scene,
    onRoad: false,
    vehicleInvolved: false,
    ...extra,
  }) as Incident;

describe('recommendUnits', () => {
  it('ranks by estimated arrival, so a car 2 km away beats an officer on foot 800 m away', async () => {
    const car = unit('1', 'patrol_car');
    const foot = unit('2', 'foot_patrol');
    const recs = await recommendUnits(incident({}), [car, foot], locator({ [car.id]: 2000, [foot.id]: 800 }));
    expect(recs.map((r) => r.callSign)).toEqual(['GX-1', 'GX-2']);
    expect(recs[0]).toMatchObject({ distanceM: 2000, etaS: estimateTravelS('patrol_car', 2000) });
  });

  it('leaves out busy units and kinds that do not fit', async () => {
    const busy = unit('1', 'patrol_car', 'en_route');
    const traffic = unit('2', 'traffic');
    const recs = await recommendUnits(
      incident({ category: 'mob_obstruction' }),
      [busy, traffic],
      locator({ [busy.id]: 100, [traffic.id]: 200 }),
    );
    expect(recs).toEqual([]);
  });

  it('puts traffic police first at a ramming on a road', async () => {
    expect(fittingKinds('vehicle_ramming', true, true)[0]).toBe('traffic');
    expect(fittingKinds('threat_harassment', false, false)).not.toContain('swat');
  });

  it('recommends nothing without a position', async () => {
    expect(
      await recommendUnits(incident({ position: null }), [unit('1', 'patrol_car')], locator({})),
    ).toEqual([]);
  });

  it('measures distance on the sphere', () => {
    // One degree of latitude is about 111.2 km.
    expect(haversineM({ lat: 25, lng: 115 }, { lat: 26, lng: 115 })).toBeCloseTo(111_195, -2);
  });
});
