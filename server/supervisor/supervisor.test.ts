import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectConsole,
  DEMO_DEVICE_KEY,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  waitFor,
} from '../testing/testRuntime';
import { summarise } from './intervalStats';

describe('supervisor view', () => {
  let rt: TestRuntime;
  let supervisor: string;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    supervisor = await loginAs(rt.url, 'supervisor1');
  });
  afterAll(async () => rt?.close());

  it('shows a console that did not confirm a distress alarm as lagging', async () => {
    const dispatcher = await loginAs(rt.url, 'dispatcher1');
    const good = await connectConsole(rt.url, dispatcher);
    good.on('alarm:v1:distress', (_alarm, ack) => ack({ socketId: good.id ?? '' }));
    // This console receives the alarm but never confirms it (a frozen browser tab).
    const frozen = await connectConsole(rt.url, await loginAs(rt.url, 'dispatcher2'));
    frozen.on('alarm:v1:distress', () => undefined);
    await fetch(`${rt.url}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_DEVICE_KEY}` },
      body: JSON.stringify({ category: 'violent_attack', source: 'sos_button', address: '赣县区 城关' }),
    });
    const consoles = await waitFor(async () => {
      const res = await fetch(`${rt.url}/api/v1/supervisor/consoles`, { headers: { cookie: supervisor } });
      const body = await res.json();
      return body.consoles.some((c: { lagging: unknown }) => c.lagging) ? body.consoles : undefined;
    }, 15_000);
    const byId = new Map(consoles.map((c: { socketId: string }) => [c.socketId, c]));
    expect(byId.get(frozen.id)).toMatchObject({
      username: 'dispatcher2',
      lagging: { incidentId: expect.any(String) },
    });
    expect(byId.get(good.id)).toMatchObject({ username: 'dispatcher1', lagging: null });
    good.close();
    frozen.close();
  });

  it('reports intervals against the targets, and only to those who may monitor', async () => {
    const res = await fetch(`${rt.url}/api/v1/supervisor/intervals`, { headers: { cookie: supervisor } });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.incidents).toBeGreaterThan(0);
    expect(report.overall.acknowledged.targetS).toBe(30);
    const dispatcher = await loginAs(rt.url, 'dispatcher1');
    expect(
      (await fetch(`${rt.url}/api/v1/supervisor/intervals`, { headers: { cookie: dispatcher } })).status,
    ).toBe(403);
  });

  it('summarises intervals with nearest-rank percentiles', () => {
    const t0 = new Date('2026-11-23T00:00:00Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const incidents = [10, 20, 40, 90].map((s) => ({
      raisedAt: t0,
      acknowledgedAt: at(s),
      firstEnRouteAt: null,
      firstOnSceneAt: null,
      controlledAt: null,
    }));
    const stats = summarise(incidents, {
      acknowledged: 30,
      firstEnRoute: 120,
      firstOnScene: 600,
      controlled: 1800,
    });
    expect(stats.acknowledged).toEqual({ count: 4, medianS: 20, p90S: 90, targetS: 30, withinTarget: 0.5 });
    expect(stats.firstEnRoute).toMatchObject({ count: 0, medianS: null, withinTarget: null });
  });
});
