import type { PositionBatch } from '@shared/events/socketEvents';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectConsole, DEMO_DEVICE_KEY, loginAs, type TestSocket, waitFor } from '../testing/testRuntime';
import { startUnitTestRuntime, type UnitTestRuntime } from './unitTestRuntime';

type Position = PositionBatch['positions'][number];

function recordBatches(socket: TestSocket): PositionBatch[] {
  const batches: PositionBatch[] = [];
  socket.on('units:v1:positions', (batch) => batches.push(batch));
  return batches;
}

const findIn = (batches: PositionBatch[], unitId: string, lat: number): PositionBatch | undefined =>
  batches.find((b) => b.positions.some((p: Position) => p.unitId === unitId && p.lat === lat));

async function postPosition(url: string, unitId: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${url}/api/v1/units/${unitId}/position`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('unit positions from the field to the consoles', () => {
  let env: UnitTestRuntime;
  let dispatcher: string;
  let officer: string;
  let p01: string;
  let p02: string;
  beforeAll(async () => {
    env = await startUnitTestRuntime('pglite', { history: { flushIntervalMs: 100 } });
    dispatcher = await loginAs(env.rt.url, 'dispatcher1');
    officer = await loginAs(env.rt.url, 'GX-P01');
    p01 = await env.unitId('GX-P01');
    p02 = await env.unitId('GX-P02');
  });
  afterAll(async () => env?.close());

  it("sends a console a batch with the officer's unit, then only the units that changed", async () => {
    const console1 = await connectConsole(env.rt.url, dispatcher);
    const batches = recordBatches(console1);
    const device = await connectConsole(env.rt.url, officer);

    const first = await device.timeout(5000).emitWithAck('unit:v1:position', { lat: 25.861, lng: 115.012 });
    expect(first).toEqual({ data: { accepted: true } });
    const again = await device.timeout(5000).emitWithAck('unit:v1:position', { lat: 25.862, lng: 115.012 });
    expect(again).toEqual({ data: { accepted: false, reason: 'rate_limited' } });
    const viaGateway = await postPosition(
      env.apiUrl,
      p02,
      { lat: 25.87, lng: 115.02, accuracyM: 5 },
      { authorization: `Bearer ${DEMO_DEVICE_KEY}` },
    );
    expect(viaGateway).toEqual({ status: 200, body: { accepted: true } });

    await waitFor(() => findIn(batches, p01, 25.861) && findIn(batches, p02, 25.87));
    const seen = batches.flatMap((b) => b.positions);
    expect(seen.filter((p) => p.unitId === p01).map((p) => p.lat)).toEqual([25.861]);
    expect(seen.find((p) => p.unitId === p02)).toMatchObject({ lat: 25.87, lng: 115.02, accuracyM: 5 });

    await sleep(1000);
    const moved = await device.timeout(5000).emitWithAck('unit:v1:position', { lat: 25.863, lng: 115.013 });
    expect(moved).toEqual({ data: { accepted: true } });
    const latest = await waitFor(() => findIn(batches, p01, 25.863));
    expect(latest.positions).toEqual([{ unitId: p01, lat: 25.863, lng: 115.013, at: expect.any(String) }]);
    console1.close();
    device.close();
  });

  it('does not take positions over the socket from a device key', async () => {
    const gateway = connect(env.rt.url, { transports: ['websocket'], auth: { token: DEMO_DEVICE_KEY } });
    await new Promise<void>((resolve, reject) => {
      gateway.once('connect', () => resolve());
      gateway.once('connect_error', reject);
    });
    const reply = await gateway.timeout(5000).emitWithAck('unit:v1:position', { lat: 25.86, lng: 115.01 });
    expect(reply).toMatchObject({ error: { code: 'forbidden' } });
    gateway.close();
  });

  it("keeps a field officer to its own unit's position route", async () => {
    const theirs = await postPosition(env.apiUrl, p02, { lat: 25.86, lng: 115.01 }, { cookie: officer });
    expect(theirs.status).toBe(403);
    expect(theirs.body.error.code).toBe('forbidden');
    const dispatcherTries = await postPosition(
      env.apiUrl,
      p01,
      { lat: 25.86, lng: 115.01 },
      { cookie: dispatcher },
    );
    expect(dispatcherTries.status).toBe(403);
    const unknown = await postPosition(
      env.apiUrl,
      '00000000-0000-4000-8000-000000000000',
      { lat: 25.86, lng: 115.01 },
      { authorization: `Bearer ${DEMO_DEVICE_KEY}` },
    );
    // A device key speaks only for its bound units: one it is not bound to is refused before
    // anything says whether that unit exists.
    expect(unknown.status).toBe(403);
  });

  it('rejects invalid coordinates and times with the uniform error body, naming the field', async () => {
    const bad = await postPosition(env.apiUrl, p01, { lat: 95, lng: 200 }, { cookie: officer });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.lat', 'body.lng']),
    );
    const future = new Date(Date.now() + 3600_000).toISOString();
    const ahead = await postPosition(
      env.apiUrl,
      p01,
      { lat: 25.86, lng: 115.01, at: future },
      { cookie: officer },
    );
    expect(ahead.status).toBe(400);
    expect(ahead.body.error.details).toEqual([{ path: 'body.at', message: expect.any(String) }]);
    const device = await connectConsole(env.rt.url, officer);
    const overSocket = await device.timeout(5000).emitWithAck('unit:v1:position', { lat: 89, lng: 115.01 });
    expect(overSocket).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'lat' }] } });
    device.close();
    const badId = await postPosition(
      env.apiUrl,
      'not-a-uuid',
      { lat: 25.86, lng: 115.01 },
      { cookie: officer },
    );
    expect(badId.status).toBe(400);
    expect(badId.body.error.details[0].path).toBe('params.id');
  });

  it('lists units with their latest positions and replays a recorded track', async () => {
    const p03 = await env.unitId('GX-P03');
    const start = Date.now();
    const gateway = { authorization: `Bearer ${DEMO_DEVICE_KEY}` };
    // A gateway forwarding a fix it holds stamps the fix's own time, which history keeps.
    const at = new Date(start).toISOString();
    expect((await postPosition(env.apiUrl, p03, { lat: 25.9, lng: 115.1, at }, gateway)).body).toEqual({
      accepted: true,
    });
    await sleep(1000);
    expect((await postPosition(env.apiUrl, p03, { lat: 25.91, lng: 115.1 }, gateway)).body).toEqual({
      accepted: true,
    });
    const list = await fetch(`${env.apiUrl}/api/v1/units`, { headers: { cookie: dispatcher } });
    expect(list.status).toBe(200);
    const { units } = await list.json();
    expect(units.find((u: { id: string }) => u.id === p03).position).toMatchObject({
      lat: 25.91,
      lng: 115.1,
    });
    const forbidden = await fetch(`${env.apiUrl}/api/v1/units`, { headers: { cookie: officer } });
    expect(forbidden.status).toBe(403);

    const from = new Date(start - 1000).toISOString();
    const to = new Date().toISOString();
    const track = await waitFor(async () => {
      const res = await fetch(`${env.apiUrl}/api/v1/units/${p03}/track?from=${from}&to=${to}`, {
        headers: { cookie: dispatcher },
      });
      const body = await res.json();
      return body.points?.length === 2 ? body : undefined;
    });
    expect(track.points.map((p: { lat: number }) => p.lat)).toEqual([25.9, 25.91]);
    const tooLong = await fetch(
      `${env.apiUrl}/api/v1/units/${p03}/track?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z`,
      { headers: { cookie: dispatcher } },
    );
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.details[0].path).toBe('query.to');
  });

  it('finds the nearest units, including those known only from the table', async () => {
    const p03 = await env.unitId('GX-P03');
    const [reported] = await env.units.nearestUnits({ lat: 25.91, lng: 115.1 }, 2000, 1);
    expect(reported).toEqual({ unitId: p03, distanceM: expect.any(Number) });
    expect(reported!.distanceM).toBeLessThan(1);

    // GX-P05 never reported; its seeded last known position was loaded into Redis at start.
    const p05 = await env.rt.ctx.db
      .selectFrom('units')
      .select(['id', 'lat', 'lng'])
      .where('call_sign', '=', 'GX-P05')
      .executeTakeFirstOrThrow();
    const [seeded] = await env.units.nearestUnits({ lat: p05.lat!, lng: p05.lng! }, 500, 1);
    expect(seeded?.unitId).toBe(p05.id);
  });
});
