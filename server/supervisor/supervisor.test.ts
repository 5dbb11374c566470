import { createAlarmReporter } from '@shared/events/alarmReporter';
import { type DistressAlarm, onDistressAlarm } from '@shared/events/distressAlarm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../testing/alerts';
import { connectConsole, loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';
import { summarise } from './intervalStats';

describe('supervisor view', () => {
  let rt: TestRuntime;
  let supervisor: string;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    supervisor = await loginAs(rt.url, 'supervisor1');
  });
  afterAll(async () => rt?.close());

  async function listConsoles(): Promise<Map<string, { username: string; lagging: unknown }>> {
    const res = await fetch(`${rt.url}/api/v1/supervisor/consoles`, { headers: { cookie: supervisor } });
    const body: { consoles: Array<{ socketId: string; username: string; lagging: unknown }> } =
      await res.json();
    return new Map(body.consoles.map((c) => [c.socketId, c]));
  }

  it('shows a console that did not confirm a distress alarm as lagging, and clears it once it confirms', async () => {
    const good = await connectConsole(rt.url, await loginAs(rt.url, 'dispatcher1'));
    const goodReports = createAlarmReporter((report) => good.emit('console:v1:applied', report));
    onDistressAlarm(good, (alarm) => goodReports.sounded(alarm.seq));
    // This console receives the alarm but never confirms it (a frozen browser tab).
    const frozen = await connectConsole(rt.url, await loginAs(rt.url, 'dispatcher2'));
    const frozenAlarms: DistressAlarm[] = [];
    onDistressAlarm(frozen, (alarm) => frozenAlarms.push(alarm));
    const first = await raiseAlert(rt.url);
    const alarm = await waitFor(() => frozenAlarms.find((a) => a.incident.id === first.id));
    // Naming an alarm it was not sent proves nothing.
    expect(
      await frozen.timeout(5000).emitWithAck('console:v1:applied', { alarmSeqs: [alarm.seq + 1000] }),
    ).toEqual({ data: { confirmed: 0 } });
    const lagging = await waitFor(async () => {
      const consoles = await listConsoles();
      return consoles.get(frozen.id ?? '')?.lagging ? consoles : undefined;
    }, 15_000);
    expect(lagging.get(frozen.id ?? '')).toMatchObject({
      username: 'dispatcher2',
      lagging: { incidentId: first.id },
    });
    expect(lagging.get(good.id ?? '')).toMatchObject({ username: 'dispatcher1', lagging: null });

    // The tab comes back to life: it confirms the next alarm and is no longer lagging.
    const frozenReports = createAlarmReporter((report) => frozen.emit('console:v1:applied', report));
    onDistressAlarm(frozen, (a) => frozenReports.sounded(a.seq));
    await raiseAlert(rt.url);
    const cleared = await waitFor(async () => {
      const consoles = await listConsoles();
      return consoles.get(frozen.id ?? '')?.lagging === null ? consoles : undefined;
    }, 15_000);
    expect(cleared.get(good.id ?? '')).toMatchObject({ lagging: null });
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
