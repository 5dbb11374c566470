import type { CreateAlertRequest } from '@shared/api/alert';
import type { Recommendation } from '@shared/api/dispatch';
import { routes } from '@shared/api/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../testing/alerts';
import { recordEvents } from '../testing/socketEvents';
import { expectError, expectOk, type TestClient, testClient } from '../testing/testClient';
import { connectConsole, loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';

/** Raises an alert through a device key and returns it with its recommended units. */
async function raiseWithRecommendations(rt: TestRuntime, api: TestClient, alert: CreateAlertRequest) {
  const incident = await raiseAlert(rt.url, alert);
  const recs = expectOk(await api(routes.dispatch.recommendations, { params: { id: incident.id } }));
  return { incident, recs };
}

describe('dispatch: recommend, send, answer, close', () => {
  let rt: TestRuntime;
  let dispatcherCookie: string;
  let dispatcher: TestClient;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    dispatcherCookie = await loginAs(rt.url, 'dispatcher1');
    dispatcher = testClient(rt.url, dispatcherCookie);
  });
  afterAll(async () => rt?.close());

  it('runs an incident from alert to closed, with the unit answering from its phone', async () => {
    const { incident, recs } = await raiseWithRecommendations(rt, dispatcher, {
      category: 'violent_attack',
      source: 'sos_button',
      position: { lat: 25.8607, lng: 115.0116 },
    });
    expect(recs.recommendations.length).toBeGreaterThan(0);
    const etas = recs.recommendations.map((r) => r.etaS);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    const chosen = recs.recommendations[0]!;

    // The chosen unit's officer is on the field app.
    const officer = await connectConsole(rt.url, await loginAs(rt.url, chosen.callSign));
    const pushed = recordEvents(officer);
    const console_ = await connectConsole(rt.url, dispatcherCookie);
    const seen = recordEvents(console_);

    const params = { id: incident.id };
    const sent = expectOk(
      await dispatcher(routes.dispatch.dispatch, { params, body: { unitIds: [chosen.unitId] } }),
      200,
    );
    expect(sent.incident.status).toBe('dispatched');
    expect(sent.incident.intervals.acknowledgedAt).not.toBeNull();
    const assignmentId = sent.assignments[0]!.id;
    await waitFor(() => pushed.find((e) => e.topic === 'assignment' && e.data.id === assignmentId));
    // The officer now sees the incident it was sent to.
    await waitFor(() => pushed.find((e) => e.topic === 'incident' && e.data.id === incident.id));

    const again = await dispatcher(routes.dispatch.dispatch, { params, body: { unitIds: [chosen.unitId] } });
    expect(expectError(again, 409, 'conflict').message).toContain(chosen.callSign);

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

    const note = expectOk(
      await dispatcher(routes.dispatch.addNote, { params, body: { text: '嫌疑人已控制' } }),
    );
    expect(note.id).toBe(incident.id);
    const closed = expectOk(
      await dispatcher(routes.dispatch.close, { params, body: { outcome: 'offender_detained' } }),
      200,
    );
    expect(closed.status).toBe('closed');
    expect(closed.intervals.controlledAt).not.toBeNull();
    await waitFor(() =>
      seen.find((e) => e.topic === 'unit' && e.data.id === chosen.unitId && e.data.status === 'available'),
    );

    const timeline = expectOk(await dispatcher(routes.incidents.timeline, { params }));
    expect(timeline.entries.map((e) => e.kind).filter((k) => k !== 'linkage')).toEqual([
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
    const sent = expectOk(
      await dispatcher(routes.dispatch.dispatch, {
        params: { id: incident.id },
        body: { unitIds: [first.unitId] },
      }),
    );
    const assignment = { id: sent.assignments[0]!.id };
    const intruder = testClient(rt.url, await loginAs(rt.url, second.callSign));
    const denied = await intruder(routes.dispatch.respond, {
      params: assignment,
      body: { action: 'accept' },
    });
    expectError(denied, 403, 'forbidden');
    const own = testClient(rt.url, await loginAs(rt.url, first.callSign));
    const early = await own(routes.dispatch.respond, { params: assignment, body: { action: 'clear' } });
    expectError(early, 409);
    const declined = await own(routes.dispatch.respond, { params: assignment, body: { action: 'decline' } });
    expect(expectOk(declined).status).toBe('declined');
    // With no unit left the incident asks for units again.
    const after = expectOk(await dispatcher(routes.incidents.get, { params: { id: incident.id } }));
    expect(after.status).toBe('acknowledged');
  });

  it('reassigns an assignment to another unit in one step', async () => {
    const { incident, recs } = await raiseWithRecommendations(rt, dispatcher, {
      category: 'mob_obstruction',
      source: 'call_110',
      position: { lat: 25.85, lng: 115.0 },
    });
    const [first, second] = recs.recommendations as [Recommendation, Recommendation];
    const sent = expectOk(
      await dispatcher(routes.dispatch.dispatch, {
        params: { id: incident.id },
        body: { unitIds: [first.unitId] },
      }),
    );
    const assignment = { id: sent.assignments[0]!.id };
    const moved = await dispatcher(routes.dispatch.reassign, {
      params: assignment,
      body: { unitId: second.unitId },
    });
    expect(expectOk(moved, 200).assignment).toMatchObject({ unitId: second.unitId, status: 'pending' });
    const snapshot = expectOk(await dispatcher(routes.console.snapshot, {}));
    const units = new Map(snapshot.units.map((u) => [u.id, u.status]));
    expect(units.get(first.unitId)).toBe('available');
    expect(units.get(second.unitId)).toBe('assigned');
    const again = await dispatcher(routes.dispatch.reassign, {
      params: assignment,
      body: { unitId: first.unitId },
    });
    expectError(again, 409);
  });

  it('closes in one transaction: a refused close leaves the units on the incident', async () => {
    const { incident, recs } = await raiseWithRecommendations(rt, dispatcher, {
      category: 'mob_obstruction',
      source: 'call_110',
      position: { lat: 25.86, lng: 115.01 },
    });
    const unit = recs.recommendations[0]!;
    const sent = expectOk(
      await dispatcher(routes.dispatch.dispatch, {
        params: { id: incident.id },
        body: { unitIds: [unit.unitId] },
      }),
    );
    // No route stops at controlled with units still on scene; the state is set up directly.
    await rt.ctx.db
      .updateTable('incidents')
      .set({ status: 'controlled' })
      .where('id', '=', incident.id)
      .execute();
    const timeline = () => dispatcher(routes.incidents.timeline, { params: { id: incident.id } });
    // The linkage worker writes its own entry whenever it runs; only what closing wrote counts here.
    const closingEntries = async () => expectOk(await timeline()).entries.filter((e) => e.kind !== 'linkage');
    const before = await closingEntries();

    const refused = await dispatcher(routes.dispatch.close, {
      params: { id: incident.id },
      body: { outcome: 'false_alarm' },
    });
    expectError(refused, 409);
    const assignment = await rt.ctx.db
      .selectFrom('assignments')
      .select('status')
      .where('id', '=', sent.assignments[0]!.id)
      .executeTakeFirstOrThrow();
    expect(assignment.status).toBe('pending');
    const snapshot = expectOk(await dispatcher(routes.console.snapshot, {}));
    expect(snapshot.units.find((u) => u.id === unit.unitId)?.status).toBe('assigned');
    expect(await closingEntries()).toEqual(before);

    const closed = expectOk(
      await dispatcher(routes.dispatch.close, {
        params: { id: incident.id },
        body: { outcome: 'controlled' },
      }),
    );
    expect(closed.status).toBe('closed');
    expect(
      expectOk(await timeline())
        .entries.map((e) => e.kind)
        .slice(-3),
    ).toEqual(['units_released', 'outcome', 'closed']);
    // Closing twice is refused rather than writing a second close.
    expectError(
      await dispatcher(routes.dispatch.close, {
        params: { id: incident.id },
        body: { outcome: 'controlled' },
      }),
      409,
    );
  });

  it('refuses to send units to a closed, cancelled or false-alarm incident (409)', async () => {
    const { incident, recs } = await raiseWithRecommendations(rt, dispatcher, {
      category: 'mob_obstruction',
      source: 'call_110',
      position: { lat: 25.84, lng: 115.03 },
    });
    const ended = expectOk(
      await dispatcher(routes.dispatch.close, {
        params: { id: incident.id },
        body: { outcome: 'false_alarm' },
      }),
    );
    expect(ended.status).toBe('false_alarm');
    const unit = recs.recommendations.find((r) => r.status === 'available') ?? recs.recommendations[0]!;
    const sent = await dispatcher(routes.dispatch.dispatch, {
      params: { id: incident.id },
      body: { unitIds: [unit.unitId] },
    });
    expect(expectError(sent, 409).message).toContain('false_alarm');
    const assignments = await rt.ctx.db
      .selectFrom('assignments')
      .select('id')
      .where('incident_id', '=', incident.id)
      .execute();
    expect(assignments).toEqual([]);
  });
});
