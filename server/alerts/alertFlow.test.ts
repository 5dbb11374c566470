import type { CreateAlertRequest } from '@shared/api/alert';
import { routes } from '@shared/api/routes';
import { onDistressAlarm } from '@shared/events/distressAlarm';
import type { StreamEvent } from '@shared/events/streamEvent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../testing/alerts';
import { recordEvents } from '../testing/socketEvents';
import { deviceCaller, expectError, expectOk, invalid, testClient } from '../testing/testClient';
import { connectConsole, loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';

const alert = (extra: Partial<CreateAlertRequest> = {}): CreateAlertRequest => ({
  category: 'violent_attack',
  source: 'sos_button',
  position: { lat: 25.8607, lng: 115.0116, accuracyM: 12 },
  injured: true,
  ...extra,
});

describe('alerts reach every console, once, in order', () => {
  let rt: TestRuntime;
  let cookie: string;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    cookie = await loginAs(rt.url, 'dispatcher1');
  });
  afterAll(async () => rt?.close());

  it('delivers a posted alert to three consoles; replaying its Idempotency-Key creates nothing', async () => {
    const consoles = await Promise.all([1, 2, 3].map(() => connectConsole(rt.url, cookie)));
    const seen = consoles.map((c) => recordEvents(c));
    const alarms: string[] = [];
    onDistressAlarm(consoles[0]!, (alarm) => alarms.push(alarm.incident.id));
    const device = testClient(rt.url, deviceCaller);
    const headers = { 'idempotency-key': 'sos-gateway-0001-attempt' };
    const first = expectOk(await device(routes.alerts.raise, { body: alert(), headers }), 201);
    expect(first).toMatchObject({ status: 'new', priority: 1, category: 'violent_attack' });
    expect(first.reference).toMatch(/^GX-\d{8}-\d{4}$/);
    for (const events of seen) {
      await waitFor(() => events.find((e) => e.topic === 'incident' && e.data.id === first.id));
    }
    const replay = await device(routes.alerts.raise, { body: alert({ description: 'retry' }), headers });
    expect(expectOk(replay, 200).id).toBe(first.id);
    await rt.relay.drain();
    const count = await rt.ctx.db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    // Later events update the incident (linkage tasks); the one that created it arrives once,
    // carrying the distress alarm (a console is in the rooms of both copies: it gets one).
    for (const events of seen) {
      const created = events.filter(
        (e) => e.topic === 'incident' && e.data.id === first.id && e.data.version === 1,
      );
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ alarm: 'new_alert' });
      const seqs = events.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
    }
    await waitFor(() => alarms.includes(first.id));
    for (const c of consoles) c.close();
  });

  it('rejects bad input naming each bad field, and writes nothing', async () => {
    const before = await rt.ctx.db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const device = testClient(rt.url, deviceCaller);
    const bad = await device(routes.alerts.raise, {
      body: invalid<CreateAlertRequest>({
        category: 'robbery',
        source: 'sos_button',
        position: { lat: 95, lng: 115 },
      }),
      headers: {},
    });
    const paths = expectError(bad, 400, 'validation_failed').details?.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.category', 'body.position.lat']));
    const badKey = await device(routes.alerts.raise, { body: alert(), headers: { 'idempotency-key': 'x' } });
    expect(expectError(badKey, 400).details?.[0]?.path).toBe('headers.idempotency-key');
    const after = await rt.ctx.db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('gives a console that was away all five events it missed, in order, once', async () => {
    const socket = await connectConsole(rt.url, cookie);
    const live = recordEvents(socket);
    const marker = await raiseAlert(rt.url, alert({ category: 'mob_obstruction' }));
    await waitFor(() => live.find((e) => e.data.id === marker.id));
    const lastSeq = Math.max(...live.map((e) => e.seq));

    socket.disconnect();
    const missed: string[] = [];
    for (let i = 0; i < 5; i++)
      missed.push((await raiseAlert(rt.url, alert({ description: `missed ${i}` }))).id);
    await rt.relay.drain();
    socket.connect();
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));

    const reply = await socket.timeout(5000).emitWithAck('sync:v1:resume', { sinceSeq: lastSeq });
    if (!('data' in reply)) throw new Error(JSON.stringify(reply));
    // What a console applies: live and resumed events merged, each sequence once, in order.
    const applied = new Map<number, StreamEvent>();
    for (const e of [...live, ...reply.data.events]) if (e.seq > lastSeq) applied.set(e.seq, e);
    const ordered = [...applied.values()].sort((a, b) => a.seq - b.seq);
    const created = ordered
      .filter((e) => e.topic === 'incident' && e.data.version === 1)
      .map((e) => e.data.id);
    expect(created).toEqual(missed);
    // Every event the console missed about those incidents is there, each sequence once.
    const published = await rt.ctx.db
      .selectFrom('outbox')
      .select('stream_seq')
      .where('aggregate_id', 'in', missed)
      .where('stream_seq', '>', lastSeq)
      .execute();
    expect(ordered.filter((e) => missed.includes(e.data.id)).map((e) => e.seq)).toEqual(
      published.map((p) => Number(p.stream_seq)).sort((a, b) => a - b),
    );
    expect(reply.data.complete).toBe(true);
    socket.close();
  });

  it('bridges a dropped connection through socket.io connection state recovery', async () => {
    const socket = await connectConsole(rt.url, cookie);
    const live = recordEvents(socket);
    // A console that has received something holds an offset to recover from.
    const warmup = (await raiseAlert(rt.url, alert({ description: 'before the drop' }))).id;
    await waitFor(() => live.find((e) => e.data.id === warmup));
    socket.io.engine.close();
    const id = (await raiseAlert(rt.url, alert({ description: 'during the drop' }))).id;
    await waitFor(() => live.find((e) => e.data.id === id));
    expect(socket.recovered).toBe(true);
    socket.close();
  });

  it('lets a dispatcher acknowledge over the socket, once, and tells every console', async () => {
    const a = await connectConsole(rt.url, cookie);
    const b = await connectConsole(rt.url, await loginAs(rt.url, 'supervisor1'));
    const seenByB = recordEvents(b);
    const body = await raiseAlert(rt.url, alert());
    const ack = await a.timeout(5000).emitWithAck('incident:v1:acknowledge', { incidentId: body.id });
    expect('data' in ack && ack.data.status).toBe('acknowledged');
    await waitFor(() =>
      seenByB.find(
        (e) => e.topic === 'incident' && e.data.id === body.id && e.data.status === 'acknowledged',
      ),
    );
    const again = await a.timeout(5000).emitWithAck('incident:v1:acknowledge', { incidentId: body.id });
    expect('error' in again && again.error.code).toBe('conflict');
    const timeline = await (
      await fetch(`${rt.url}/api/v1/incidents/${body.id}/timeline`, { headers: { cookie } })
    ).json();
    const kinds = timeline.entries
      .map((e: { kind: string }) => e.kind)
      .filter((k: string) => k !== 'linkage');
    expect(kinds).toEqual(['raised', 'acknowledged']);
    a.close();
    b.close();
  });

  it("keeps a field officer to its own unit (403 on another unit's incident)", async () => {
    const officerCookie = await loginAs(rt.url, 'GX-P01');
    const own = await fetch(`${rt.url}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: officerCookie },
      body: JSON.stringify(alert({ source: 'officer_report' })),
    });
    expect(own.status).toBe(201);
    const ownId = (await own.json()).id;
    const other = await loginAs(rt.url, 'GX-P02');
    const mine = await fetch(`${rt.url}/api/v1/incidents/${ownId}`, { headers: { cookie: officerCookie } });
    expect(mine.status).toBe(200);
    const theirs = await fetch(`${rt.url}/api/v1/incidents/${ownId}`, { headers: { cookie: other } });
    expect(theirs.status).toBe(403);
    expect((await theirs.json()).error.code).toBe('forbidden');
    const snapshot = await (await fetch(`${rt.url}/api/v1/snapshot`, { headers: { cookie: other } })).json();
    expect(snapshot.incidents.map((i: { id: string }) => i.id)).not.toContain(ownId);
  });
});
