import { Snapshot } from '@shared/api/snapshot';
import { StreamEvent } from '@shared/events/streamEvent';
import { describe, expect, it } from 'vitest';
import {
  addPending,
  applyEvents,
  applyResume,
  applySnapshot,
  beginResync,
  type ConsoleState,
  endResync,
  initialConsoleState,
  raiseCheckinAlarm,
  receiveLiveEvent,
  receiveLiveEvents,
  removePending,
  setConnection,
  upsertAssignments,
  upsertIncident,
  viewIncident,
} from './consoleState';
import {
  assignment,
  assignmentEvent,
  at,
  incident,
  incidentEvent,
  snapshot,
  task,
  taskEvent,
  unit,
  unitEvent,
  uuid,
} from './testFixtures';

const NOW = 1_800_000_000_000;

/** A console that has loaded a snapshot at `headSeq` and is live. */
function liveAt(headSeq: number, patch: Parameters<typeof snapshot>[1] = {}): ConsoleState {
  return endResync(applySnapshot(initialConsoleState(), snapshot(headSeq, patch)), NOW);
}

describe('fixtures', () => {
  it('are valid by the shared schemas', () => {
    expect(() =>
      Snapshot.parse(
        snapshot(3, {
          incidents: [incident(1)],
          units: [unit(1)],
          assignments: [assignment(1, 1, 1)],
          tasks: [task(1, 1)],
        }),
      ),
    ).not.toThrow();
    expect(() => StreamEvent.parse(incidentEvent(4, incident(1)))).not.toThrow();
  });
});

describe('applySnapshot', () => {
  it('replaces every record and takes the snapshot head as the last applied seq', () => {
    const before = liveAt(5, { incidents: [incident(1), incident(2)] });
    const after = applySnapshot(before, snapshot(9, { incidents: [incident(3)], units: [unit(1)] }));
    expect([...after.incidents.keys()]).toEqual([uuid(3)]);
    expect(after.units.size).toBe(1);
    expect(after.cursor.lastSeq).toBe(9);
    expect(after.loaded).toBe(true);
  });

  it('keeps held events newer than the snapshot and drops the ones it already contains', () => {
    let state = beginResync(initialConsoleState());
    state = receiveLiveEvent(state, incidentEvent(4, incident(1)), NOW);
    state = receiveLiveEvent(state, incidentEvent(7, incident(2)), NOW);
    state = applySnapshot(state, snapshot(5));
    expect(state.buffer.map((e) => e.seq)).toEqual([7]);
  });
});

describe('receiveLiveEvents (a stream:v1:batch)', () => {
  it('applies a batch as its events one by one, in one change', () => {
    const events = [incidentEvent(12, incident(2)), incidentEvent(11, incident(1))];
    const batched = receiveLiveEvents(liveAt(10), events, NOW);
    const oneByOne = events.reduce((s, e) => receiveLiveEvent(s, e, NOW), liveAt(10));
    expect([...batched.incidents.keys()].sort()).toEqual([...oneByOne.incidents.keys()].sort());
    expect(batched.cursor.lastSeq).toBe(12);
  });

  it('holds a batch while resyncing, each event once', () => {
    const a = incidentEvent(4, incident(1));
    let state = beginResync(initialConsoleState());
    state = receiveLiveEvents(state, [a, incidentEvent(7, incident(2))], NOW);
    state = receiveLiveEvents(state, [a], NOW);
    expect(state.buffer.map((e) => e.seq)).toEqual([4, 7]);
  });
});

describe('applyEvents', () => {
  it('applies events in seq order whatever order they are given in', () => {
    const state = liveAt(10);
    const next = applyEvents(
      state,
      [
        incidentEvent(13, incident(1, { status: 'dispatched', version: 3 })),
        incidentEvent(11, incident(1, { status: 'new', version: 1 })),
        incidentEvent(12, incident(1, { status: 'acknowledged', version: 2 })),
      ],
      NOW,
    );
    expect(next.incidents.get(uuid(1))?.status).toBe('dispatched');
    expect(next.cursor.lastSeq).toBe(13);
  });

  it('ignores events at or below the last applied seq', () => {
    const state = liveAt(10, { incidents: [incident(1, { status: 'acknowledged', version: 2 })] });
    const next = applyEvents(
      state,
      [incidentEvent(10, incident(1, { status: 'new', version: 1 })), incidentEvent(3, incident(2))],
      NOW,
    );
    expect(next).toBe(state);
    expect(next.incidents.get(uuid(1))?.status).toBe('acknowledged');
    expect(next.incidents.has(uuid(2))).toBe(false);
  });

  it('applies a duplicated event once', () => {
    const state = liveAt(0);
    const e = incidentEvent(1, incident(1));
    const once = applyEvents(state, [e], NOW);
    expect(applyEvents(once, [e], NOW)).toBe(once);
    expect(applyEvents(state, [e, e], NOW).incidents.size).toBe(1);
  });

  it('replaces the whole record by id, never merging fields', () => {
    const state = liveAt(0, { incidents: [incident(1, { address: 'old address', injured: true })] });
    const replacement = incident(1, { address: null, injured: false, version: 2 });
    const next = applyEvents(state, [incidentEvent(1, replacement)], NOW);
    expect(next.incidents.get(uuid(1))).toBe(replacement);
    expect(next.incidents.size).toBe(1);
  });

  it('routes each topic to its own collection', () => {
    const next = applyEvents(
      liveAt(0),
      [
        unitEvent(1, unit(1, { status: 'en_route' })),
        assignmentEvent(2, assignment(1, 1, 1)),
        taskEvent(3, task(1, 1)),
      ],
      NOW,
    );
    expect(next.units.get(uuid(1001))?.status).toBe('en_route');
    expect(next.assignments.size).toBe(1);
    expect(next.tasks.size).toBe(1);
    expect(next.incidents.size).toBe(0);
  });

  it('does not touch the collections no event changed', () => {
    const state = liveAt(0, { units: [unit(1)] });
    const next = applyEvents(state, [incidentEvent(1, incident(1))], NOW);
    expect(next.units).toBe(state.units);
    expect(next.assignments).toBe(state.assignments);
  });
});

describe('live events and resync', () => {
  it('applies live events at once while live', () => {
    const next = receiveLiveEvent(liveAt(0), incidentEvent(1, incident(1)), NOW);
    expect(next.incidents.size).toBe(1);
    expect(next.buffer).toHaveLength(0);
  });

  it('holds live events during a resync and applies them after the replayed ones', () => {
    let state = beginResync(liveAt(10, { incidents: [incident(1)] }));
    expect(state.connection).toBe('resyncing');
    // A live event overtakes the resume answer: it must wait, or the replay would be skipped.
    state = receiveLiveEvent(
      state,
      incidentEvent(15, incident(1, { status: 'dispatched', version: 3 })),
      NOW,
    );
    expect(state.incidents.get(uuid(1))?.status).toBe('new');
    const { state: resumed, reload } = applyResume(
      state,
      {
        complete: true,
        headSeq: 15,
        events: [
          incidentEvent(11, incident(1, { status: 'acknowledged', version: 2 })),
          incidentEvent(12, incident(2)),
        ],
      },
      NOW,
    );
    expect(reload).toBe(false);
    expect(resumed.incidents.get(uuid(1))?.status).toBe('dispatched');
    expect(resumed.incidents.has(uuid(2))).toBe(true);
    expect(resumed.cursor.lastSeq).toBe(15);
    expect(resumed.buffering).toBe(false);
    expect(resumed.buffer).toHaveLength(0);
    expect(resumed.connection).toBe('live');
    expect(resumed.lastLiveAt).toBe(NOW);
  });

  it('does not hold the same event twice', () => {
    let state = beginResync(liveAt(0));
    state = receiveLiveEvent(state, incidentEvent(1, incident(1)), NOW);
    state = receiveLiveEvent(state, incidentEvent(1, incident(1)), NOW);
    expect(state.buffer).toHaveLength(1);
  });

  it('asks for a snapshot reload when the resume is incomplete, and stays not live', () => {
    const state = beginResync(liveAt(10, { incidents: [incident(1)] }));
    const { state: next, reload } = applyResume(state, { complete: false, headSeq: 5000, events: [] }, NOW);
    expect(reload).toBe(true);
    expect(next.connection).not.toBe('live');
    expect(next.buffering).toBe(true);
    expect(next.cursor.lastSeq).toBe(10);
  });

  it('after the reload, resumes from the new head and goes live', () => {
    let state = beginResync(liveAt(10));
    state = applyResume(state, { complete: false, headSeq: 5000, events: [] }, NOW).state;
    state = receiveLiveEvent(state, incidentEvent(5001, incident(9)), NOW);
    state = applySnapshot(state, snapshot(5000, { incidents: [incident(1, { version: 7 })] }));
    expect(state.cursor.lastSeq).toBe(5000);
    const done = applyResume(state, { complete: true, headSeq: 5001, events: [] }, NOW);
    expect(done.reload).toBe(false);
    expect(done.state.connection).toBe('live');
    expect(done.state.incidents.has(uuid(9))).toBe(true);
  });

  it('records when the data stopped being live', () => {
    const live = liveAt(0);
    const down = setConnection(live, 'reconnecting', NOW + 5000);
    expect(down.lastLiveAt).toBe(NOW + 5000);
    expect(setConnection(down, 'offline', NOW + 60_000).lastLiveAt).toBe(NOW + 5000);
  });
});

describe('answers that are not sequenced', () => {
  it('an HTTP answer replaces an incident unless ours is newer', () => {
    const state = liveAt(0, { incidents: [incident(1, { status: 'dispatched', version: 3 })] });
    expect(upsertIncident(state, incident(1, { status: 'acknowledged', version: 2 }))).toBe(state);
    const newer = upsertIncident(state, incident(1, { status: 'on_scene', version: 4 }));
    expect(newer.incidents.get(uuid(1))?.status).toBe('on_scene');
  });

  it('assignments from a dispatch answer are kept unless ours are newer', () => {
    const state = liveAt(0, {
      assignments: [assignment(1, 1, 1, { status: 'en_route', updatedAt: at(60) })],
    });
    const next = upsertAssignments(state, [
      assignment(1, 1, 1, { status: 'pending', updatedAt: at(10) }),
      assignment(2, 1, 2),
    ]);
    expect(next.assignments.get(uuid(2001))?.status).toBe('en_route');
    expect(next.assignments.has(uuid(2002))).toBe(true);
  });
});

describe('optimistic changes', () => {
  it('shows the local change until the server version overtakes it', () => {
    let state = liveAt(0, { incidents: [incident(1, { version: 1 })] });
    state = addPending(state, uuid(1), { status: 'acknowledged', acknowledgedAt: at(30) });
    const pending = state.pending.get(uuid(1));
    const base = state.incidents.get(uuid(1));
    expect(base && viewIncident(base, pending).status).toBe('acknowledged');
    expect(base && viewIncident(base, pending).intervals.acknowledgedAt).toBe(at(30));

    // Someone else's dispatch arrives as version 2: the server wins and the overlay is dropped.
    state = applyEvents(state, [incidentEvent(1, incident(1, { status: 'dispatched', version: 2 }))], NOW);
    expect(state.pending.size).toBe(0);
  });

  it('an event of the same version keeps the overlay; removing it restores the server record', () => {
    let state = liveAt(0, { incidents: [incident(1, { version: 1 })] });
    state = addPending(state, uuid(1), { status: 'acknowledged' });
    state = applyEvents(state, [unitEvent(1, unit(1))], NOW);
    expect(state.pending.size).toBe(1);
    state = removePending(state, uuid(1));
    expect(state.pending.size).toBe(0);
  });
});

describe('missed check-in alarms', () => {
  const onScene = (due: string, version: number) =>
    incident(1, { status: 'on_scene', checkInDueAt: due, version });

  it('stays up until a check-in moves the due time, on every console', () => {
    let state = liveAt(0, { incidents: [onScene(at(300), 3)] });
    state = raiseCheckinAlarm(state, onScene(at(600), 4), NOW);
    expect(state.checkinAlarms.get(uuid(1))).toEqual({ dueAt: at(600), receivedAt: NOW });
    // An unrelated change to the incident keeps it.
    state = applyEvents(state, [incidentEvent(1, { ...onScene(at(600), 5), description: 'more' })], NOW);
    expect(state.checkinAlarms.size).toBe(1);
    // Someone confirms the check-in: the due time moves and the alarm clears.
    state = applyEvents(state, [incidentEvent(2, onScene(at(700), 6))], NOW);
    expect(state.checkinAlarms.size).toBe(0);
  });

  it('clears when the scene is controlled', () => {
    let state = raiseCheckinAlarm(liveAt(0), onScene(at(600), 4), NOW);
    state = applyEvents(
      state,
      [incidentEvent(1, incident(1, { status: 'controlled', checkInDueAt: at(600), version: 5 }))],
      NOW,
    );
    expect(state.checkinAlarms.size).toBe(0);
  });

  it('is not raised from an alarm older than what the console already holds', () => {
    const state = liveAt(0, { incidents: [onScene(at(900), 6)] });
    expect(raiseCheckinAlarm(state, onScene(at(600), 4), NOW).checkinAlarms.size).toBe(0);
  });
});
