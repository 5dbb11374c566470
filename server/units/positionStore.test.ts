import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clearPositions, nearestUnits, positionKeys, readPositions, storePosition } from './positionStore';

const at = (offsetS: number) => new Date(Date.UTC(2025, 0, 1, 8, 0, offsetS)).toISOString();

describe('latest positions in Redis', () => {
  let redis: Redis;
  const prefix = `t${randomBytes(5).toString('hex')}`;
  beforeAll(async () => {
    redis = new Redis('redis://127.0.0.1:6379');
  });
  afterEach(async () => clearPositions(redis, prefix));
  afterAll(() => redis.disconnect());

  it('finds the nearest units first, with their distances in metres', async () => {
    // Along a meridian 0.01° of latitude is about 1.11 km.
    const [near, middle, far, outside] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const base = { lng: 115.0 };
    await storePosition(redis, prefix, far, { ...base, lat: 25.83, at: at(0) });
    await storePosition(redis, prefix, near, { ...base, lat: 25.801, at: at(0) });
    await storePosition(redis, prefix, outside, { ...base, lat: 25.9, at: at(0) });
    await storePosition(redis, prefix, middle, { ...base, lat: 25.81, accuracyM: 8, at: at(0) });

    const found = await nearestUnits(redis, prefix, { lat: 25.8, lng: 115.0 }, 5000, 10);
    expect(found.map((u) => u.unitId)).toEqual([near, middle, far]);
    expect(found[0]!.distanceM).toBeCloseTo(111, -1);
    expect(found[1]!.distanceM).toBeCloseTo(1112, -1);
    expect(found[2]!.distanceM).toBeCloseTo(3336, -1);

    const two = await nearestUnits(redis, prefix, { lat: 25.8, lng: 115.0 }, 5000, 2);
    expect(two.map((u) => u.unitId)).toEqual([near, middle]);

    const stored = await readPositions(redis, prefix, [middle, randomUUID()]);
    expect([...stored]).toEqual([[middle, { lat: 25.81, lng: 115.0, accuracyM: 8, at: at(0) }]]);
    expect(JSON.parse((await redis.hget(positionKeys(prefix).pos, near)) ?? '')).toEqual({
      lat: 25.801,
      lng: 115.0,
      at: at(0),
    });
  });

  it('ignores a report older than (or as old as) the stored one', async () => {
    const unit = randomUUID();
    const noLimit = 0;
    expect(await storePosition(redis, prefix, unit, { lat: 25.8, lng: 115, at: at(10) }, noLimit)).toEqual({
      accepted: true,
    });
    expect(await storePosition(redis, prefix, unit, { lat: 25.9, lng: 115, at: at(5) }, noLimit)).toEqual({
      accepted: false,
      reason: 'stale',
    });
    expect(await storePosition(redis, prefix, unit, { lat: 25.9, lng: 115, at: at(10) }, noLimit)).toEqual({
      accepted: false,
      reason: 'stale',
    });
    const kept = await readPositions(redis, prefix, [unit]);
    expect(kept.get(unit)).toEqual({ lat: 25.8, lng: 115, at: at(10) });
    expect(await storePosition(redis, prefix, unit, { lat: 25.7, lng: 115, at: at(11) }, noLimit)).toEqual({
      accepted: true,
    });
  });

  it('accepts one report per unit per second; the extra one is declined, not an error', async () => {
    const unit = randomUUID();
    const other = randomUUID();
    const first = await storePosition(redis, prefix, unit, { lat: 25.8, lng: 115, at: at(0) });
    const second = await storePosition(redis, prefix, unit, { lat: 25.81, lng: 115, at: at(1) });
    expect(first).toEqual({ accepted: true });
    expect(second).toEqual({ accepted: false, reason: 'rate_limited' });
    // The limit is per unit.
    expect(await storePosition(redis, prefix, other, { lat: 25.8, lng: 115, at: at(1) })).toEqual({
      accepted: true,
    });
    expect((await readPositions(redis, prefix, [unit])).get(unit)?.lat).toBe(25.8);

    await new Promise((r) => setTimeout(r, 1050));
    expect(await storePosition(redis, prefix, unit, { lat: 25.82, lng: 115, at: at(2) })).toEqual({
      accepted: true,
    });
  });
});
