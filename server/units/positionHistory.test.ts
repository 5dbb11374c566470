import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { ensureDepartments } from '../departments/seedDepartments';
import { createTestDatabase, DATABASE_KINDS } from '../testing/databases';
import { waitFor } from '../testing/testRuntime';
import {
  createPositionHistory,
  DEFAULT_HISTORY_RETENTION_DAYS,
  DEFAULT_HISTORY_RETENTION_MS,
  type PositionSample,
  prunePositionHistory,
  readTrack,
} from './positionHistory';

const T0 = Date.UTC(2025, 0, 1, 8, 0, 0);
const sample = (unitId: string, offsetS: number, lat = 25.8): PositionSample => ({
  unitId,
  lat,
  lng: 115,
  accuracyM: 10,
  at: new Date(T0 + offsetS * 1000),
});

describe.each(DATABASE_KINDS)('position history on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    await ensureDepartments(handle.db);
  });
  afterAll(async () => handle?.close());

  async function newUnit(): Promise<string> {
    const id = randomUUID();
    await handle.db
      .insertInto('units')
      .values({
        id,
        call_sign: `T-${id.slice(0, 8)}`,
        department_id: 'command_center',
        kind: 'patrol_car',
        status: 'available',
        lat: null,
        lng: null,
        accuracy_m: null,
        position_at: null,
        updated_at: new Date(),
      })
      .execute();
    return id;
  }

  const count = async (unitId: string) =>
    (await handle.db.selectFrom('unit_positions').selectAll().where('unit_id', '=', unitId).execute()).length;

  it('writes buffered reports on flush, once each, and reads a track back in order', async () => {
    const unit = await newUnit();
    const history = createPositionHistory(handle.db, { flushIntervalMs: 60_000 });
    history.record(sample(unit, 2, 25.82));
    history.record(sample(unit, 0, 25.8));
    history.record(sample(unit, 1, 25.81));
    history.record(sample(unit, 1, 25.81)); // a resend of the same fix
    expect(await count(unit)).toBe(0);
    await history.flush();
    expect(await count(unit)).toBe(3);

    const track = await readTrack(handle.db, unit, new Date(T0), new Date(T0 + 1000));
    expect(track).toEqual([
      { lat: 25.8, lng: 115, accuracyM: 10, at: new Date(T0).toISOString() },
      { lat: 25.81, lng: 115, accuracyM: 10, at: new Date(T0 + 1000).toISOString() },
    ]);
    await history.stop();
  });

  it('flushes by itself at the batch size, and on its timer', async () => {
    const unit = await newUnit();
    const bySize = createPositionHistory(handle.db, { flushIntervalMs: 60_000, batchSize: 5 });
    for (let i = 0; i < 5; i++) bySize.record(sample(unit, i));
    await waitFor(async () => (await count(unit)) === 5);
    await bySize.stop();

    const byTimer = createPositionHistory(handle.db, { flushIntervalMs: 50 });
    byTimer.record(sample(unit, 100));
    await waitFor(async () => (await count(unit)) === 6);
    await byTimer.stop();
  });

  it('keeps units.lat/lng as the last known position, written at most once per interval', async () => {
    const unit = await newUnit();
    const lastKnown = () =>
      handle.db
        .selectFrom('units')
        .select(['lat', 'position_at'])
        .where('id', '=', unit)
        .executeTakeFirstOrThrow();
    const history = createPositionHistory(handle.db, {
      flushIntervalMs: 60_000,
      lastKnownIntervalMs: 60_000,
    });
    history.record(sample(unit, 0, 25.8));
    await history.flush();
    expect((await lastKnown()).lat).toBe(25.8);

    history.record(sample(unit, 1, 25.81));
    history.record(sample(unit, 2, 25.82));
    await history.flush();
    // Within the interval only the history grows; the unit row waits.
    expect((await lastKnown()).lat).toBe(25.8);
    expect(await count(unit)).toBe(3);
    // Shutting down writes the newest one, so a restart starts from it.
    await history.stop();
    const row = await lastKnown();
    expect(row.lat).toBe(25.82);
    expect(new Date(row.position_at!).toISOString()).toBe(new Date(T0 + 2000).toISOString());
  });

  it('prunes what is older than the cutoff and keeps the rest', async () => {
    expect(DEFAULT_HISTORY_RETENTION_MS).toBe(DEFAULT_HISTORY_RETENTION_DAYS * 86_400_000);
    expect(DEFAULT_HISTORY_RETENTION_DAYS).toBe(30);
    const unit = await newUnit();
    const now = Date.now();
    const history = createPositionHistory(handle.db, { flushIntervalMs: 60_000 });
    for (const ageDays of [45, 31, 29, 0]) {
      history.record({ unitId: unit, lat: 25.8, lng: 115, at: new Date(now - ageDays * 86_400_000) });
    }
    await history.stop();
    const deleted = await prunePositionHistory(handle.db, new Date(now - DEFAULT_HISTORY_RETENTION_MS));
    expect(deleted).toBeGreaterThanOrEqual(2);
    const left = await readTrack(handle.db, unit, new Date(now - 60 * 86_400_000), new Date(now));
    expect(left.map((p) => Math.round((now - Date.parse(p.at)) / 86_400_000))).toEqual([29, 0]);
    expect(await prunePositionHistory(handle.db, new Date(now - DEFAULT_HISTORY_RETENTION_MS))).toBe(0);
  });
});
