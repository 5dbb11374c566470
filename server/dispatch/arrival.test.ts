import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_DEVICE_KEY,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  waitFor,
} from '../testing/testRuntime';

const scene = { lat: 25.8607, lng: 115.0116 };

async function json(
  rt: TestRuntime,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  const res = await fetch(`${rt.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

/** Raises an alert, dispatches the first recommended unit, and returns what a test needs. */
async function dispatchOne(rt: TestRuntime, cookie: string) {
  const device = { authorization: `Bearer ${DEMO_DEVICE_KEY}` };
  const incident = await json(rt, 'POST', '/api/v1/alerts', device, {
    category: 'violent_attack',
    source: 'sos_button',
    position: scene,
  });
  const { recommendations } = await json(rt, 'GET', `/api/v1/incidents/${incident.id}/recommendations`, {
    cookie,
  });
  const unitId = recommendations[0].unitId as string;
  const sent = await json(
    rt,
    'POST',
    `/api/v1/incidents/${incident.id}/dispatch`,
    { cookie },
    { unitIds: [unitId] },
  );
  return { incidentId: incident.id as string, unitId, assignmentId: sent.assignments[0].id as string };
}

/** The unit's gateway reports it 40 m from the scene, again each second until `done` says so. */
async function driveUntil<T>(
  rt: TestRuntime,
  unitId: string,
  done: () => Promise<T | undefined>,
): Promise<T> {
  return waitFor(async () => {
    await json(
      rt,
      'POST',
      `/api/v1/units/${unitId}/position`,
      { authorization: `Bearer ${DEMO_DEVICE_KEY}` },
      {
        lat: scene.lat + 0.00036,
        lng: scene.lng,
        accuracyM: 8,
      },
    );
    await new Promise((r) => setTimeout(r, 1000));
    return done();
  }, 20_000);
}

describe.each([
  ['offer', 'offers the unit as arrived on the timeline'],
  ['auto', 'marks the unit on scene'],
] as const)('arrival by position (ARRIVAL_MODE=%s)', (mode, what) => {
  let rt: TestRuntime;
  let cookie: string;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { ARRIVAL_MODE: mode, ARRIVAL_RADIUS_M: '100' });
    cookie = await loginAs(rt.url, 'dispatcher1');
  });
  afterAll(async () => rt?.close());

  it(`${what} once it reports within the radius of the scene`, async () => {
    const { incidentId, unitId, assignmentId } = await dispatchOne(rt, cookie);
    if (mode === 'offer') {
      const entry = await driveUntil(rt, unitId, async () => {
        const { entries } = await json(rt, 'GET', `/api/v1/incidents/${incidentId}/timeline`, { cookie });
        return entries.find((e: { kind: string }) => e.kind === 'unit_near_scene');
      });
      expect(entry.details).toMatchObject({ unitId, assignmentId });
      expect(entry.details.distanceM).toBeLessThanOrEqual(100);
      const incident = await json(rt, 'GET', `/api/v1/incidents/${incidentId}`, { cookie });
      expect(incident.status).toBe('dispatched');
    } else {
      const incident = await driveUntil(rt, unitId, async () => {
        const i = await json(rt, 'GET', `/api/v1/incidents/${incidentId}`, { cookie });
        return i.status === 'on_scene' ? i : undefined;
      });
      expect(incident.intervals.firstOnSceneAt).not.toBeNull();
      expect(incident.checkInDueAt).not.toBeNull();
    }
  });
});
