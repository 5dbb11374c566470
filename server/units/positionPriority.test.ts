import { randomBytes, randomUUID } from 'node:crypto';
import { onStreamEvent } from '@shared/events/onStreamEvent';
import type { StreamEvent } from '@shared/events/streamEvent';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../auth/tokens';
import { findIncident } from '../incidents/incidentRepository';
import { watchAddressesFor } from '../linkage/watchAddresses';
import { connectConsole, DEMO_DEVICE_KEY, loginAs, waitFor } from '../testing/testRuntime';
import { startUnitTestRuntime, type UnitTestRuntime } from './unitTestRuntime';

/** Not timed: the flood is sized against the admission limits set here, not against the clock. */

const METRICS_TOKEN = 'scraper-token-position-0123456789';
describe('the distress path stays open while the position path is flooded', () => {
  let env: UnitTestRuntime;
  let dispatcher: string;
  let p01: string;
  let strayUnit: string;
  let unboundKey: string;
  let strayGatewayKey: string;
  beforeAll(async () => {
    // A tiny admission budget (one report a second), so that a flood is far beyond it however
    // slowly a shared machine lets the test send it.
    env = await startUnitTestRuntime(
      'pglite',
      {},
      {
        POSITION_ADMIT_PER_S: '1',
        POSITION_MAX_IN_FLIGHT: '4',
        METRICS_TOKEN,
      },
    );
    dispatcher = await loginAs(env.rt.url, 'dispatcher1');
    p01 = await env.unitId('GX-P01');
    const { db } = env.rt.ctx;
    // A unit that no demo key is bound to, and keys bound to nothing and to that unit only.
    strayUnit = randomUUID();
    await db
      .insertInto('units')
      .values({
        id: strayUnit,
        call_sign: `ST-${randomBytes(3).toString('hex')}`,
        department_id: 'command_center',
        kind: 'patrol_car',
        status: 'available',
        updated_at: new Date(),
      })
      .execute();
    unboundKey = `unbound-${randomBytes(12).toString('hex')}`;
    strayGatewayKey = `stray-gw-${randomBytes(12).toString('hex')}`;
    await db
      .insertInto('device_keys')
      .values([
        {
          id: randomUUID(),
          name: 'camera, no units',
          key_hash: sha256Hex(unboundKey),
          scope: 'alerts:create',
        },
        {
          id: randomUUID(),
          name: 'stray gateway',
          key_hash: sha256Hex(strayGatewayKey),
          scope: 'alerts:create',
          unit_ids: JSON.stringify([strayUnit]),
        },
      ])
      .execute();
  }, 240_000);
  afterAll(async () => env?.close());

  const postPosition = (unitId: string, key: string, body: object = { lat: 25.86, lng: 115.01 }) =>
    fetch(`${env.apiUrl}/api/v1/units/${unitId}/position`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });

  const raise = (key: string, officers: object[] = []) =>
    fetch(`${env.apiUrl}/api/v1/alerts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${key}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        category: 'violent_attack',
        source: 'sos_button',
        position: { lat: 25.86, lng: 115.01 },
        officers,
      }),
    });

  it('accepts and delivers an alert to a console while position reports are shed', async () => {
    const console1 = await connectConsole(env.rt.url, dispatcher);
    const seen: StreamEvent[] = [];
    onStreamEvent(console1, (event) => seen.push(event));
    const before = env.units.admission.stats().shed;

    // Far beyond 1 a second and 4 in flight: 200 HTTP reports at once, and the alert among them.
    const flood = Array.from({ length: 200 }, () => postPosition(p01, DEMO_DEVICE_KEY));
    const alert = raise(DEMO_DEVICE_KEY);
    const statuses = await Promise.all(
      flood.map((p) =>
        p.then(async (res) => {
          await res.body?.cancel();
          return res.status;
        }),
      ),
    );
    const answer = await alert;
    expect(answer.status).toBe(201);
    const { id } = (await answer.json()) as { id: string };

    const shedByHttp = statuses.filter((s) => s === 429).length;
    expect(shedByHttp).toBeGreaterThan(0);
    expect(env.units.admission.stats().shed - before).toBeGreaterThanOrEqual(shedByHttp);
    await waitFor(() => seen.some((e) => e.topic === 'incident' && e.data.id === id));

    // The metrics count what was shed.
    const metrics = await (
      await fetch(`${env.apiUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/shieldline_positions_shed_total\{path="http",reason="[a-z_]+"\} [1-9]/);
    console1.disconnect();
  }, 300_000);

  it("answers a field officer's socket reports beyond the budget with reason 'shed'", async () => {
    const officer = await loginAs(env.rt.url, 'GX-P02');
    const device = await connectConsole(env.rt.url, officer);
    const answers = await Promise.all(
      Array.from({ length: 60 }, () =>
        device.timeout(10_000).emitWithAck('unit:v1:position', { lat: 25.861, lng: 115.012 }),
      ),
    );
    expect(answers.some((a) => 'data' in a && a.data.reason === 'shed')).toBe(true);
    device.disconnect();
    // Let the admission budget refill before the next test's reports.
    await new Promise((r) => setTimeout(r, 1500));
  }, 120_000);

  it('lets a device key report only for the units it is bound to', async () => {
    const refill = () => new Promise((r) => setTimeout(r, 1100));
    const foreign = await postPosition(strayUnit, DEMO_DEVICE_KEY);
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'forbidden' } });
    await refill();
    const unbound = await postPosition(p01, unboundKey);
    expect(unbound.status).toBe(403);
    await unbound.body?.cancel();
    await refill();
    const own = await postPosition(strayUnit, strayGatewayKey);
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ accepted: true });
  });

  it('refuses a report dated beyond the configured clock skew (5 s), and takes one within it', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const ahead = await postPosition(strayUnit, strayGatewayKey, {
      lat: 25.87,
      lng: 115.02,
      at: new Date(Date.now() + 20_000).toISOString(),
    });
    expect(ahead.status).toBe(400);
    expect(await ahead.json()).toMatchObject({ error: { details: [{ path: 'body.at' }] } });
    await new Promise((r) => setTimeout(r, 1100));
    const within = await postPosition(strayUnit, strayGatewayKey, {
      lat: 25.871,
      lng: 115.021,
      at: new Date(Date.now() + 2_000).toISOString(),
    });
    expect(within.status).toBe(200);
    await within.body?.cancel();
  });

  it('sends position batches to consoles without retaining them in the Redis stream of the socket.io adapter', async () => {
    const console1 = await connectConsole(env.rt.url, dispatcher);
    const batches: string[] = [];
    console1.on('units:v1:positions', (batch) => batches.push(...batch.positions.map((p) => p.unitId)));
    await new Promise((r) => setTimeout(r, 1100));
    const report = await postPosition(strayUnit, strayGatewayKey, {
      lat: 25.872,
      lng: 115.022,
      // Later than the report dated 2 s ahead in the test before, within the 5 s skew.
      at: new Date(Date.now() + 4000).toISOString(),
    });
    expect(report.status).toBe(200);
    await report.body?.cancel();
    await waitFor(() => batches.includes(strayUnit));
    // The adapter's stream (maxLen 100,000, kept under noeviction) carries sequenced events only.
    const redis = new Redis(env.rt.ctx.config.REDIS_URL);
    const entries = await redis.xrangeBuffer(`${env.rt.ctx.config.REDIS_PREFIX}:socket.io`, '-', '+');
    redis.disconnect();
    const retained = entries.filter(([, fields]) =>
      fields.some((f) => f.includes(Buffer.from('units:v1:positions'))),
    );
    expect(retained).toEqual([]);
    console1.disconnect();
  });

  it("copies an officer's protected addresses into the watch only when the raiser may name that officer", async () => {
    const { db } = env.rt.ctx;
    const officer = await db
      .selectFrom('officer_profiles')
      .innerJoin('users', 'users.id', 'officer_profiles.user_id')
      .select(['users.id', 'officer_profiles.home_address'])
      .where('officer_profiles.home_address', 'is not', null)
      .executeTakeFirstOrThrow();

    // A key bound to no unit naming a demo officer: the officer is on the incident, the address is not in the watch.
    const byStranger = await raise(unboundKey, [{ userId: officer.id }]);
    expect(byStranger.status).toBe(201);
    const strangerIncident = await findIncident(db, ((await byStranger.json()) as { id: string }).id);
    if (!strangerIncident) throw new Error('incident missing');
    expect(strangerIncident.officers).toEqual([{ userId: officer.id }]);
    const strangerWatch = await watchAddressesFor(db, strangerIncident);
    expect(strangerWatch.map((w) => w.address)).not.toContain(officer.home_address);

    // The demo gateway is bound to every demo unit, the officer's among them.
    const byGateway = await raise(DEMO_DEVICE_KEY, [{ userId: officer.id }]);
    const gatewayIncident = await findIncident(db, ((await byGateway.json()) as { id: string }).id);
    if (!gatewayIncident) throw new Error('incident missing');
    const gatewayWatch = await watchAddressesFor(db, gatewayIncident);
    expect(gatewayWatch.map((w) => w.address)).toContain(officer.home_address);
  });
});
