import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICE_KEY, loginAs, startTestRuntime, type TestRuntime } from '../testing/testRuntime';

async function call(
  rt: TestRuntime,
  auth: { cookie?: string; bearer?: string },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${rt.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(auth.cookie ? { cookie: auth.cookie } : {}),
      ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const SOS = {
  category: 'violent_attack',
  source: 'sos_button',
  position: { lat: 25.8607, lng: 115.0116, accuracyM: 8 },
  description: '一键求助',
};

describe('SOS from the field app: idempotent raise, cancel as a recorded false activation, refine', () => {
  let rt: TestRuntime;
  let officer: string;
  let otherOfficer: string;
  let dispatcher: string;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { SOS_CANCEL_WINDOW_S: '2' });
    [officer, otherOfficer, dispatcher] = await Promise.all([
      loginAs(rt.url, 'GX-P01'),
      loginAs(rt.url, 'GX-P02'),
      loginAs(rt.url, 'dispatcher1'),
    ]);
  });
  afterAll(async () => rt?.close());

  const timeline = async (id: string) =>
    (await call(rt, { cookie: dispatcher }, 'GET', `/api/v1/incidents/${id}/timeline`)).body
      .entries as Array<{
      kind: string;
      details: Record<string, unknown>;
    }>;

  it('raises once per idempotency key and records a cancel within the window as a false activation', async () => {
    const key = { 'idempotency-key': 'sos-test-cancel-0001' };
    const first = await call(rt, { cookie: officer }, 'POST', '/api/v1/alerts', SOS, key);
    expect(first.status).toBe(201);
    expect(first.body.priority).toBe(1);
    const replay = await call(rt, { cookie: officer }, 'POST', '/api/v1/alerts', SOS, key);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(first.body.id);

    const id = first.body.id as string;
    const stranger = await call(
      rt,
      { cookie: otherOfficer },
      'POST',
      `/api/v1/incidents/${id}/cancel-sos`,
      {},
    );
    expect(stranger.status).toBe(403);

    const cancelled = await call(rt, { cookie: officer }, 'POST', `/api/v1/incidents/${id}/cancel-sos`, {
      afterS: 2.4,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('false_alarm');
    // A replayed cancel (the phone did not hear the first answer) is answered, not refused.
    const again = await call(rt, { cookie: officer }, 'POST', `/api/v1/incidents/${id}/cancel-sos`, {});
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('false_alarm');

    // The linkage worker writes its own entries meanwhile; the SOS ones are exactly these.
    const entries = (await timeline(id)).filter((e) => e.kind === 'raised' || e.kind === 'sos_cancelled');
    expect(entries.map((e) => e.kind)).toEqual(['raised', 'sos_cancelled']);
    expect(entries[1]?.details).toMatchObject({ outcome: 'false_alarm', phoneAfterS: 2.4 });
  });

  it('refuses a cancel after the window, and a cancel of what was not an SOS', async () => {
    const late = await call(rt, { cookie: officer }, 'POST', '/api/v1/alerts', SOS);
    await new Promise((r) => setTimeout(r, 2200));
    const tooLate = await call(
      rt,
      { cookie: officer },
      'POST',
      `/api/v1/incidents/${late.body.id}/cancel-sos`,
      {},
    );
    expect(tooLate.status).toBe(409);

    const report = await call(rt, { cookie: officer }, 'POST', '/api/v1/alerts', {
      ...SOS,
      source: 'officer_report',
    });
    const notSos = await call(
      rt,
      { cookie: officer },
      'POST',
      `/api/v1/incidents/${report.body.id}/cancel-sos`,
      {},
    );
    expect(notSos.status).toBe(409);
  });

  it('stands down units already sent when an SOS is cancelled', async () => {
    const sos = await call(rt, { cookie: officer }, 'POST', '/api/v1/alerts', SOS);
    const snapshot = (await call(rt, { cookie: dispatcher }, 'GET', '/api/v1/snapshot')).body;
    const unit = snapshot.units.find((u: { callSign: string }) => u.callSign === 'GX-P05');
    const sent = await call(rt, { cookie: dispatcher }, 'POST', `/api/v1/incidents/${sos.body.id}/dispatch`, {
      unitIds: [unit.id],
    });
    expect(sent.status).toBe(200);
    const cancelled = await call(
      rt,
      { cookie: officer },
      'POST',
      `/api/v1/incidents/${sos.body.id}/cancel-sos`,
      {},
    );
    expect(cancelled.body.status).toBe('false_alarm');
    const units = (await call(rt, { cookie: dispatcher }, 'GET', '/api/v1/units')).body.units;
    expect(units.find((u: { id: string }) => u.id === unit.id).status).toBe('available');
  });

  it('lets the officer refine the category; the priority follows', async () => {
    const sos = await call(rt, { cookie: officer }, 'POST', '/api/v1/alerts', SOS);
    const refined = await call(
      rt,
      { cookie: officer },
      'POST',
      `/api/v1/incidents/${sos.body.id}/sos-category`,
      {
        category: 'threat_harassment',
      },
    );
    expect(refined.status).toBe(200);
    expect(refined.body.category).toBe('threat_harassment');
    expect(refined.body.priority).toBeGreaterThan(1);
    const same = await call(
      rt,
      { cookie: officer },
      'POST',
      `/api/v1/incidents/${sos.body.id}/sos-category`,
      {
        category: 'threat_harassment',
      },
    );
    expect(same.status).toBe(200);
    const byDevice = await call(
      rt,
      { bearer: DEMO_DEVICE_KEY },
      'POST',
      `/api/v1/incidents/${sos.body.id}/sos-category`,
      { category: 'other' },
    );
    expect(byDevice.status).toBe(403);
    const refinements = (await timeline(sos.body.id)).filter((e) => e.kind === 'category_refined');
    expect(refinements).toHaveLength(1);
    expect(refinements[0]?.details).toMatchObject({
      previousCategory: 'violent_attack',
      category: 'threat_harassment',
    });
  });
});

describe('assignment answers are idempotent for a phone replaying its queue', () => {
  let rt: TestRuntime;
  let dispatcher: string;
  beforeAll(async () => {
    rt = await startTestRuntime('postgres');
    dispatcher = await loginAs(rt.url, 'dispatcher1');
  });
  afterAll(async () => rt?.close());

  it('answers a replayed or racing accept with 200 and records it once', async () => {
    const alert = await call(rt, { bearer: DEMO_DEVICE_KEY }, 'POST', '/api/v1/alerts', SOS);
    const snapshot = (await call(rt, { cookie: dispatcher }, 'GET', '/api/v1/snapshot')).body;
    const unit = snapshot.units.find((u: { callSign: string }) => u.callSign === 'GX-P03');
    const sent = await call(
      rt,
      { cookie: dispatcher },
      'POST',
      `/api/v1/incidents/${alert.body.id}/dispatch`,
      {
        unitIds: [unit.id],
      },
    );
    const assignmentId = sent.body.assignments[0].id as string;
    const officer = await loginAs(rt.url, 'GX-P03');
    const respond = (action: string) =>
      call(rt, { cookie: officer }, 'POST', `/api/v1/assignments/${assignmentId}/respond`, { action });

    const racing = await Promise.all([respond('accept'), respond('accept'), respond('accept')]);
    expect(racing.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await respond('en_route')).body.status).toBe('en_route');
    const replayed = await respond('accept');
    expect(replayed.status).toBe(200);
    expect(replayed.body.status).toBe('en_route');

    const entries = (
      await call(rt, { cookie: dispatcher }, 'GET', `/api/v1/incidents/${alert.body.id}/timeline`)
    ).body.entries as Array<{ kind: string }>;
    expect(entries.filter((e) => e.kind === 'unit_accept')).toHaveLength(1);
    expect(entries.filter((e) => e.kind === 'unit_en_route')).toHaveLength(1);
    // A real conflict is still one: declining what is under way.
    expect((await respond('decline')).status).toBe(409);
  });
});
