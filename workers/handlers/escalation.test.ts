import { type DistressAlarm, onDistressAlarm } from '@shared/events/distressAlarm';
import { onStreamEvent } from '@shared/events/onStreamEvent';
import type { StreamEvent } from '@shared/events/streamEvent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../server/testing/alerts';
import {
  connectConsole,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  waitFor,
} from '../../server/testing/testRuntime';

async function timeline(rt: TestRuntime, cookie: string, id: string): Promise<string[]> {
  const res = await fetch(`${rt.url}/api/v1/incidents/${id}/timeline`, { headers: { cookie } });
  return (await res.json()).entries.map((e: { kind: string }) => e.kind);
}

describe('escalation of what nobody acknowledges (short timings)', () => {
  let rt: TestRuntime;
  let cookie: string;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { UNACKED_LADDER_S: '1,2,3', CHECKIN_INTERVAL_S: '1' });
    cookie = await loginAs(rt.url, 'supervisor1');
  });
  afterAll(async () => rt?.close());

  it('climbs the ladder: re-alarm, supervisor, then pages the nearest units', async () => {
    const socket = await connectConsole(rt.url, cookie);
    const alarms: DistressAlarm[] = [];
    onDistressAlarm(socket, (alarm) => alarms.push(alarm));
    const { id } = await raiseAlert(rt.url);
    const paged = await waitFor(async () => {
      const res = await fetch(`${rt.url}/api/v1/incidents/${id}`, { headers: { cookie } });
      const incident = await res.json();
      return incident.unackedStep === 'page_nearest_units' ? incident : undefined;
    }, 15_000);
    expect(paged.pagedUnitIds.length).toBeGreaterThan(0);
    expect(await timeline(rt, cookie, id)).toEqual(
      expect.arrayContaining([
        'raised',
        'unacked_re_alarm',
        'unacked_notify_supervisor',
        'unacked_page_nearest_units',
      ]),
    );
    const reasons = alarms.filter((a) => a.incident.id === id).map((a) => a.reason);
    expect(reasons[0]).toBe('new_alert');
    expect(reasons.filter((r) => r === 're_alarm').length).toBeGreaterThanOrEqual(3);
    socket.close();
  });

  it('stops climbing once a dispatcher acknowledges', async () => {
    const { id } = await raiseAlert(rt.url);
    const ack = await fetch(`${rt.url}/api/v1/incidents/${id}/acknowledge`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(ack.status).toBe(200);
    await new Promise((r) => setTimeout(r, 3500));
    const kinds = await timeline(rt, cookie, id);
    expect(kinds).toContain('acknowledged');
    expect(kinds.filter((k) => k.startsWith('unacked_'))).toEqual([]);
  });

  it('alarms when the units on a distress scene miss their check-in, and not after they check in', async () => {
    const socket = await connectConsole(rt.url, cookie);
    const alarms: DistressAlarm[] = [];
    const events: StreamEvent[] = [];
    onStreamEvent(socket, (e) => events.push(e));
    onDistressAlarm(socket, (alarm) => alarms.push(alarm));
    const { id } = await raiseAlert(rt.url);
    const recs = await (
      await fetch(`${rt.url}/api/v1/incidents/${id}/recommendations`, { headers: { cookie } })
    ).json();
    const unit = recs.recommendations[0];
    const sent = await (
      await fetch(`${rt.url}/api/v1/incidents/${id}/dispatch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ unitIds: [unit.unitId] }),
      })
    ).json();
    const officer = await loginAs(rt.url, unit.callSign);
    const arrived = await fetch(`${rt.url}/api/v1/assignments/${sent.assignments[0].id}/respond`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: officer },
      body: JSON.stringify({ action: 'on_scene' }),
    });
    expect(arrived.status).toBe(200);
    await waitFor(() => alarms.find((a) => a.incident.id === id && a.reason === 'checkin_missed'), 10_000);

    const checked = await fetch(`${rt.url}/api/v1/incidents/${id}/checkin`, {
      method: 'POST',
      headers: { cookie: officer },
    });
    expect(checked.status).toBe(200);
    const kinds = await timeline(rt, cookie, id);
    expect(kinds).toContain('checkin_missed');
    expect(kinds).toContain('checkin');
    socket.close();
  });
});
