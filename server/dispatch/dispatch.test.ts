import type { Recommendation } from '@shared/api/dispatch';
import type { StreamEvent } from '@shared/events/streamEvent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectConsole,
  DEMO_DEVICE_KEY,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  waitFor,
} from '../testing/testRuntime';

async function api(rt: TestRuntime, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${rt.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

/** Raises an alert through a device key and returns it with its recommended units. */
async function raiseWithRecommendations(rt: TestRuntime, cookie: string, alert: Record<string, unknown>) {
  const raised = await fetch(`${rt.url}/api/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_DEVICE_KEY}` },
    body: JSON.stringify(alert),
  });
  const incident = await raised.json();
  const { body } = await api(rt, cookie, 'GET', `/api/v1/incidents/${incident.id}/recommendations`);
  return { incident, recs: body as { recommendations: Recommendation[] } };
}

describe('dispatch: recommend, send, answer, close', () => {
  let rt: TestRuntime;
  let dispatcher: string;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    dispatcher = await loginAs(rt.url, 'dispatcher1');
  });
  afterAll(async () => rt?.close());

  it('runs an incident from alert to closed, with the unit answering from its phone', async () => {
    const { incident, recs } = await raiseWithRecommendations(rt, dispatcher, {
      category: 'violent_attack',
      source: 'sos_button',
      position: { lat: 25.8607, lng: 115.0116 },
    });
    expect(recs.recommendations.length).toBeGreaterThan(0);
    const etas = recs.recommendations.map((r: { etaS: number }) => r.etaS);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    const chosen = recs.recommendations[0]!;

    // The chosen unit's officer is on the field app.
    const officer = await connectConsole(rt.url, await loginAs(rt.url, chosen.callSign));
    const pushed: StreamEvent[] = [];
    officer.on('stream:v1:event', (e) => pushed.push(e));
    const console_ = await connectConsole(rt.url, dispatcher);
    const seen: StreamEvent[] = [];
    console_.on('stream:v1:event', (e) => seen.push(e));

    const sent = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/dispatch`, {
      unitIds: [chosen.unitId],
    });
    expect(sent.status).toBe(200);
    expect(sent.body.incident.status).toBe('dispatched');
    expect(sent.body.incident.intervals.acknowledgedAt).not.toBeNull();
    const assignmentId = sent.body.assignments[0].id;
    await waitFor(() => pushed.find((e) => e.topic === 'assignment' && e.data.id === assignmentId));
    // The officer now sees the incident it was sent to.
    await waitFor(() => pushed.find((e) => e.topic === 'incident' && e.data.id === incident.id));

    const again = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/dispatch`, {
      unitIds: [chosen.unitId],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(chosen.callSign);

    for (const action of ['accept', 'en_route', 'on_scene'] as const) {
      const reply = await officer
        .timeout(5000)
        .emitWithAck('assignment:v1:respond', { assignmentId, action });
      expect('data' in reply && reply.data.status).toBe(action === 'accept' ? 'accepted' : action);
    }
    const onScene = await waitFor(() =>
      seen.find((e) => e.topic === 'incident' && e.data.id === incident.id && e.data.status === 'on_scene'),
    );
    if (onScene.topic !== 'incident') throw new Error('unexpected');
    expect(onScene.data.intervals.firstEnRouteAt).not.toBeNull();
    expect(onScene.data.intervals.firstOnSceneAt).not.toBeNull();
    await waitFor(() =>
      seen.find((e) => e.topic === 'unit' && e.data.id === chosen.unitId && e.data.status === 'on_scene'),
    );

    const note = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/notes`, {
      text: '嫌疑人已控制',
    });
    expect(note.status).toBe(200);
    const closed = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/close`, {
      outcome: 'offender_detained',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.intervals.controlledAt).not.toBeNull();
    await waitFor(() =>
      seen.find((e) => e.topic === 'unit' && e.data.id === chosen.unitId && e.data.status === 'available'),
    );

    const { body: timeline } = await api(rt, dispatcher, 'GET', `/api/v1/incidents/${incident.id}/timeline`);
    expect(
      timeline.entries.map((e: { kind: string }) => e.kind).filter((k: string) => k !== 'linkage'),
    ).toEqual([
      'raised',
      'dispatched',
      'unit_accept',
      'unit_en_route',
      'unit_on_scene',
      'note',
      'units_released',
      'controlled',
      'closed',
    ]);
    officer.close();
    console_.close();
  });

  it("refuses an answer from another unit's officer and an answer out of order", async () => {
    const { incident, recs } = await raiseWithRecommendations(rt, dispatcher, {
      category: 'mob_obstruction',
      source: 'call_110',
      position: { lat: 25.87, lng: 115.02 },
    });
    const [first, second] = recs.recommendations as [Recommendation, Recommendation];
    const sent = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/dispatch`, {
      unitIds: [first.unitId],
    });
    const assignmentId = sent.body.assignments[0].id;
    const intruder = await loginAs(rt.url, second.callSign);
    const denied = await api(rt, intruder, 'POST', `/api/v1/assignments/${assignmentId}/respond`, {
      action: 'accept',
    });
    expect(denied.status).toBe(403);
    const own = await loginAs(rt.url, first.callSign);
    const early = await api(rt, own, 'POST', `/api/v1/assignments/${assignmentId}/respond`, {
      action: 'clear',
    });
    expect(early.status).toBe(409);
    const declined = await api(rt, own, 'POST', `/api/v1/assignments/${assignmentId}/respond`, {
      action: 'decline',
    });
    expect(declined.body.status).toBe('declined');
    // With no unit left the incident asks for units again.
    const { body: after } = await api(rt, dispatcher, 'GET', `/api/v1/incidents/${incident.id}`);
    expect(after.status).toBe('acknowledged');
  });

  it('reassigns an assignment to another unit in one step', async () => {
    const { incident, recs } = await raiseWithRecommendations(rt, dispatcher, {
      category: 'mob_obstruction',
      source: 'call_110',
      position: { lat: 25.85, lng: 115.0 },
    });
    const [first, second] = recs.recommendations as [Recommendation, Recommendation];
    const sent = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/dispatch`, {
      unitIds: [first.unitId],
    });
    const moved = await api(
      rt,
      dispatcher,
      'POST',
      `/api/v1/assignments/${sent.body.assignments[0].id}/reassign`,
      {
        unitId: second.unitId,
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.assignment).toMatchObject({ unitId: second.unitId, status: 'pending' });
    const { body: snapshot } = await api(rt, dispatcher, 'GET', '/api/v1/snapshot');
    const units = new Map(snapshot.units.map((u: { id: string; status: string }) => [u.id, u.status]));
    expect(units.get(first.unitId)).toBe('available');
    expect(units.get(second.unitId)).toBe('assigned');
    const again = await api(
      rt,
      dispatcher,
      'POST',
      `/api/v1/assignments/${sent.body.assignments[0].id}/reassign`,
      {
        unitId: first.unitId,
      },
    );
    expect(again.status).toBe(409);
  });

  it('closes in one transaction: a refused close leaves the units on the incident', async () => {
    const { incident, recs } = await raiseWithRecommendations(rt, dispatcher, {
      category: 'mob_obstruction',
      source: 'call_110',
      position: { lat: 25.86, lng: 115.01 },
    });
    const unit = recs.recommendations[0]!;
    const sent = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/dispatch`, {
      unitIds: [unit.unitId],
    });
    expect(sent.status).toBe(200);
    // No route stops at controlled with units still on scene; the state is set up directly.
    await rt.ctx.db
      .updateTable('incidents')
      .set({ status: 'controlled' })
      .where('id', '=', incident.id)
      .execute();
    const timelineBefore = await api(rt, dispatcher, 'GET', `/api/v1/incidents/${incident.id}/timeline`);

    const refused = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/close`, {
      outcome: 'false_alarm',
    });
    expect(refused.status).toBe(409);
    const assignment = await rt.ctx.db
      .selectFrom('assignments')
      .select('status')
      .where('id', '=', sent.body.assignments[0].id)
      .executeTakeFirstOrThrow();
    expect(assignment.status).toBe('pending');
    const { body: snapshot } = await api(rt, dispatcher, 'GET', '/api/v1/snapshot');
    expect(snapshot.units.find((u: { id: string }) => u.id === unit.unitId).status).toBe('assigned');
    const timelineAfter = await api(rt, dispatcher, 'GET', `/api/v1/incidents/${incident.id}/timeline`);
    expect(timelineAfter.body.entries).toEqual(timelineBefore.body.entries);

    const closed = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/close`, {
      outcome: 'controlled',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const { body: timeline } = await api(rt, dispatcher, 'GET', `/api/v1/incidents/${incident.id}/timeline`);
    expect(timeline.entries.map((e: { kind: string }) => e.kind).slice(-3)).toEqual([
      'units_released',
      'outcome',
      'closed',
    ]);
    // Closing twice is refused rather than writing a second close.
    const twice = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/close`, {
      outcome: 'controlled',
    });
    expect(twice.status).toBe(409);
  });

  it('refuses to send units to a closed, cancelled or false-alarm incident (409)', async () => {
    const { incident, recs } = await raiseWithRecommendations(rt, dispatcher, {
      category: 'mob_obstruction',
      source: 'call_110',
      position: { lat: 25.84, lng: 115.03 },
    });
    const ended = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/close`, {
      outcome: 'false_alarm',
    });
    expect(ended.body.status).toBe('false_alarm');
    const unit = recs.recommendations.find((r) => r.status === 'available') ?? recs.recommendations[0]!;
    const sent = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/dispatch`, {
      unitIds: [unit.unitId],
    });
    expect(sent.status).toBe(409);
    expect(sent.body.error.message).toContain('false_alarm');
    const assignments = await rt.ctx.db
      .selectFrom('assignments')
      .select('id')
      .where('incident_id', '=', incident.id)
      .execute();
    expect(assignments).toEqual([]);
  });
});
