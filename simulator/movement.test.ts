import { UNIT_KINDS } from '@shared/domain/unit';
import { describe, expect, it } from 'vitest';
import { isInGanxian } from '../server/demo/ganxianOutline';
import { DISTRICT_CENTRE } from './district';
import { distanceM, offsetM, stepTowards } from './geo';
import { type MissionTiming, startMission, withStatus } from './mission';
import { createRand } from './random';
import { SimUnit } from './simUnit';
import { KIND_PROFILES } from './unitProfiles';

const timing: MissionTiming = { acceptAfterS: 4, enRouteAfterS: 3, onSceneS: 180, arriveM: 50 };

describe('a movement step', () => {
  it('moves exactly the step towards the target, and lands on it when closer than a step', () => {
    const from = DISTRICT_CENTRE;
    const to = offsetM(from, 3000, 4000);
    expect(distanceM(from, to)).toBeCloseTo(5000, -1);
    const step = stepTowards(from, to, 100);
    expect(step.arrived).toBe(false);
    expect(distanceM(from, step.position)).toBeCloseTo(100, 0);
    expect(distanceM(step.position, to)).toBeCloseTo(4900, -1);
    const last = stepTowards(offsetM(to, 30, 0), to, 100);
    expect(last).toMatchObject({ arrived: true, position: to, remainingM: 0 });
  });
});

describe('a simulated unit', () => {
  it.each(UNIT_KINDS)('patrols as a %s at its speed and never leaves the district', (kind) => {
    const rand = createRand(5);
    const unit = new SimUnit('u', 'GX-X01', kind, { ...DISTRICT_CENTRE });
    const speed = KIND_PROFILES[kind].patrolSpeedMps;
    let now = 0;
    for (let i = 0; i < 3 * 3600; i++) {
      const before = unit.position;
      now += 1000;
      unit.advance(now, 1, rand);
      expect(distanceM(before, unit.position)).toBeLessThanOrEqual(speed + 0.01);
      expect(isInGanxian(unit.position.lng, unit.position.lat)).toBe(true);
    }
    // Three hours of patrol take it somewhere, with stops on the way.
    expect(distanceM(DISTRICT_CENTRE, unit.position)).toBeGreaterThan(0);
  });

  it('answers an assignment in order, drives to the scene at its response speed, and clears', () => {
    const rand = createRand(9);
    const unit = new SimUnit('u', 'GX-P01', 'patrol_car', { ...DISTRICT_CENTRE });
    const scene = offsetM(DISTRICT_CENTRE, 1000, 0);
    let now = 1_000_000;
    unit.mission = startMission({ id: 'a', incidentId: 'i', status: 'pending' }, now, timing, rand);
    unit.mission.scene = scene;
    expect(unit.dueAction(now, timing)).toBeNull();
    now += 6100; // accept is due within 2–6 s
    expect(unit.dueAction(now, timing)).toBe('accept');
    unit.mission = withStatus(unit.mission, 'accepted', now, timing, rand);
    // Standing still until it sets off.
    unit.advance(now + 1000, 1, rand);
    expect(unit.position).toEqual(DISTRICT_CENTRE);
    now += 4600;
    expect(unit.dueAction(now, timing)).toBe('en_route');
    unit.mission = withStatus(unit.mission!, 'en_route', now, timing, rand);
    const speed = KIND_PROFILES.patrol_car.responseSpeedMps;
    let seconds = 0;
    while (unit.dueAction(now, timing) === null) {
      now += 1000;
      seconds++;
      unit.advance(now, 1, rand);
      expect(seconds).toBeLessThan(200);
    }
    expect(unit.dueAction(now, timing)).toBe('on_scene');
    expect(unit.distanceToScene()).toBeLessThanOrEqual(timing.arriveM);
    expect(seconds).toBe(Math.ceil((1000 - timing.arriveM) / speed));
    // A late event for an earlier state does not send it back.
    expect(withStatus(unit.mission!, 'accepted', now, timing, rand)).toBe(unit.mission);
    unit.mission = withStatus(unit.mission!, 'on_scene', now, timing, rand);
    expect(unit.dueAction(now + 80_000, timing)).toBeNull();
    expect(unit.dueAction(now + 271_000, timing)).toBe('clear');
    expect(withStatus(unit.mission!, 'cleared', now, timing, rand)).toBeNull();
  });
});
