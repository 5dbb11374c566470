import { describe, expect, it } from 'vitest';
import {
  addPending,
  applySnapshot,
  initialConsoleState,
  raiseCheckinAlarm,
  upsertIncident,
} from './consoleState';
import { mergePositions } from './positions';
import {
  pickAcknowledgeTarget,
  selectAlarms,
  selectDistressUnitIds,
  selectQueue,
  sortAndFilterUnits,
} from './selectors';
import { assignment, at, incident, snapshot, unit, uuid } from './testFixtures';

describe('the alert queue', () => {
  const state = applySnapshot(
    initialConsoleState(),
    snapshot(1, {
      incidents: [
        incident(1, { priority: 3, intervals: { ...incident(1).intervals, raisedAt: at(0) } }),
        incident(2, { priority: 1, intervals: { ...incident(2).intervals, raisedAt: at(50) } }),
        incident(3, { priority: 1, intervals: { ...incident(3).intervals, raisedAt: at(10) } }),
        incident(4, { priority: 1, status: 'closed' }),
        incident(5, { priority: 2, status: 'acknowledged' }),
      ],
    }),
  );

  it('lists open incidents by priority, then the oldest first', () => {
    expect(selectQueue(state).map((i) => i.id)).toEqual([uuid(3), uuid(2), uuid(5), uuid(1)]);
  });

  it('is the same array while nothing changed', () => {
    expect(selectQueue(state)).toBe(selectQueue(state));
  });

  it('alarms on unacknowledged distress alerts only, oldest first', () => {
    expect(selectAlarms(state).map((a) => a.incident.id)).toEqual([uuid(3), uuid(2)]);
  });

  it('stops alarming as soon as an acknowledgement is pending locally', () => {
    const acked = addPending(state, uuid(3), { status: 'acknowledged' });
    expect(selectAlarms(acked).map((a) => a.incident.id)).toEqual([uuid(2)]);
  });

  it('also alarms on a missed check-in, after the unacknowledged alerts', () => {
    const due = at(900);
    const withScene = upsertIncident(
      state,
      incident(6, { status: 'on_scene', checkInDueAt: due, version: 2 }),
    );
    const alarmed = raiseCheckinAlarm(
      withScene,
      incident(6, { status: 'on_scene', checkInDueAt: due, version: 2 }),
      1,
    );
    expect(selectAlarms(alarmed).map((a) => [a.incident.id, a.kind])).toEqual([
      [uuid(3), 'unacknowledged'],
      [uuid(2), 'unacknowledged'],
      [uuid(6), 'checkin_missed'],
    ]);
  });

  it('A picks the selected incident if new, else the first new one in queue order', () => {
    const queue = selectQueue(state);
    expect(pickAcknowledgeTarget(queue, uuid(2))?.id).toBe(uuid(2));
    expect(pickAcknowledgeTarget(queue, uuid(5))?.id).toBe(uuid(3));
    expect(pickAcknowledgeTarget(queue, null)?.id).toBe(uuid(3));
    expect(pickAcknowledgeTarget([], null)).toBeNull();
  });
});

describe('units', () => {
  const units = new Map(
    [
      unit(1, { callSign: 'GX-A1', status: 'available' }),
      unit(2, { callSign: 'GX-B2', status: 'out_of_service' }),
      unit(3, { callSign: 'GX-C3', status: 'on_scene' }),
    ].map((u) => [u.id, u]),
  );

  it('never hides a unit in distress, whatever the filter', () => {
    const shown = sortAndFilterUnits(units, new Set([uuid(1002)]), { text: 'A1', status: 'all' });
    expect(shown.map((u) => u.callSign)).toEqual(['GX-B2', 'GX-A1']);
  });

  it('sorts busy units first, then by call sign', () => {
    const shown = sortAndFilterUnits(units, new Set(), { text: '', status: 'all' });
    expect(shown.map((u) => u.callSign)).toEqual(['GX-C3', 'GX-A1', 'GX-B2']);
  });

  it('knows the units that raised or work an open distress incident', () => {
    const state = applySnapshot(
      initialConsoleState(),
      snapshot(1, {
        incidents: [
          incident(1, { raisedByUnitId: uuid(1001) }),
          incident(2, { priority: 4, raisedByUnitId: uuid(1009) }),
        ],
        assignments: [
          assignment(1, 1, 3, { status: 'en_route' }),
          assignment(2, 1, 4, { status: 'cleared' }),
        ],
      }),
    );
    expect([...selectDistressUnitIds(state)].sort()).toEqual([uuid(1001), uuid(1003)]);
  });

  it('keeps the newest position whatever order the reports arrive in', () => {
    const positions = new Map();
    expect(mergePositions(positions, [{ unitId: 'u', lat: 1, lng: 1, at: at(20) }])).toEqual(['u']);
    expect(mergePositions(positions, [{ unitId: 'u', lat: 2, lng: 2, at: at(10) }])).toEqual([]);
    expect(positions.get('u').lat).toBe(1);
    expect(mergePositions(positions, [{ unitId: 'u', lat: Number.NaN, lng: 2, at: at(30) }])).toEqual([]);
  });
});
