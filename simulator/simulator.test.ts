import { Unit } from '@shared/domain/unit';
import { onStreamEvent } from '@shared/events/onStreamEvent';
import type { StreamEvent } from '@shared/events/streamEvent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  connectConsole,
  DEMO_DEVICE_KEY,
  DEMO_PASSWORD,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  type TestSocket,
  waitFor,
} from '../server/testing/testRuntime';
import type { SimLog } from './log';
import { type Simulator, startSimulator } from './simulator';

const UnitList = z.object({ units: z.array(Unit) });

describe('the simulator against a real server', () => {
  let rt: TestRuntime;
  let cookie: string;
  let console_: TestSocket;
  let sim: Simulator | undefined;
  const seen: StreamEvent[] = [];
  const lines: string[] = [];
  const log: SimLog = (level, message) => lines.push(`${level} ${message}`);

  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    cookie = await loginAs(rt.url, 'dispatcher1');
    console_ = await connectConsole(rt.url, cookie);
    onStreamEvent(console_, (e) => seen.push(e));
  });
  afterAll(async () => {
    await sim?.stop();
    console_?.close();
    await rt?.close();
  });

  it('moves units, raises an alert, and answers when one of its units is dispatched', async () => {
    const started = new Date().toISOString();
    sim = startSimulator(
      {
        url: rt.url,
        units: 4,
        rate: 4,
        alertEvery: 1,
        maxOpen: 2,
        username: 'dispatcher2',
        password: DEMO_PASSWORD,
        deviceKey: DEMO_DEVICE_KEY,
        acceptAfter: 0.3,
        enRouteAfter: 0.3,
        statsEvery: 0,
        seed: 1,
      },
      { log },
    );

    // Positions reported through the API show up in the unit list.
    const moved = await waitFor(async () => {
      const res = await fetch(`${rt.url}/api/v1/units`, { headers: { cookie } });
      const { units } = UnitList.parse(await res.json());
      const fresh = units.filter((u) => u.position && u.position.at > started);
      return fresh.length >= 4 ? fresh : undefined;
    }, 15_000);
    expect(moved.map((u) => u.callSign).sort()).toEqual(['GX-F01', 'GX-F02', 'GX-F03', 'GX-F04']);

    // An alert arrives through POST /api/v1/alerts and reaches a console.
    const alert = await waitFor(() => {
      const e = seen.find((x) => x.topic === 'incident' && x.data.description.includes('模拟'));
      return e?.topic === 'incident' ? e.data : undefined;
    }, 15_000);
    expect(alert.raisedByUserId).toBeNull();

    // A dispatcher sends one of the simulated units; its crew accepts and sets off.
    const unit = moved[0]!;
    const sent = await fetch(`${rt.url}/api/v1/incidents/${alert.id}/dispatch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ unitIds: [unit.id] }),
    });
    expect(sent.status).toBe(200);
    const { assignments } = z
      .object({ assignments: z.array(z.object({ id: z.string() })) })
      .parse(await sent.json());
    const assignmentId = assignments[0]!.id;
    const statuses = () =>
      seen.flatMap((e) => (e.topic === 'assignment' && e.data.id === assignmentId ? [e.data.status] : []));
    await waitFor(() => statuses().includes('en_route'), 15_000);
    expect(statuses().slice(0, 3)).toEqual(['pending', 'accepted', 'en_route']);
    expect(lines.filter((l) => l.includes('unexpected'))).toEqual([]);
    const stats = sim.stats();
    expect(stats.units).toBe(4);
    expect(stats.answersSent).toBeGreaterThanOrEqual(2);
    expect(stats.alertsRaised).toBeGreaterThanOrEqual(1);
    expect(stats.reportsAccepted).toBeGreaterThan(0);
  });
});
