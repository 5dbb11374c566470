import type { Assignment } from '@shared/domain/assignment';
import type { Incident } from '@shared/domain/incident';
import { TERMINAL_STATUSES } from '@shared/domain/incidentStatus';
import { isDistress } from '@shared/domain/priority';
import type { DepartmentTask } from '@shared/domain/task';
import type { Unit, UnitStatus } from '@shared/domain/unit';
import { memoize, memoize2 } from '../common/store';
import { type ConsoleState, viewIncident } from './consoleState';

export function isOpen(incident: Incident): boolean {
  return !TERMINAL_STATUSES.has(incident.status);
}

/** An alert that sounds the alarm on every console until someone acknowledges it. */
export function isAlarming(incident: Incident): boolean {
  return isDistress(incident.priority) && incident.status === 'new';
}

/** Priority first (1 is the most urgent), then the oldest first; the id settles ties. */
export function compareQueue(a: Incident, b: Incident): number {
  return (
    a.priority - b.priority ||
    Date.parse(a.intervals.raisedAt) - Date.parse(b.intervals.raisedAt) ||
    a.id.localeCompare(b.id)
  );
}

/** Every incident with its pending local change applied. */
export const selectIncidentViews = (() => {
  let lastIncidents: ConsoleState['incidents'] | null = null;
  let lastPending: ConsoleState['pending'] | null = null;
  let lastResult: ReadonlyMap<string, Incident> = new Map();
  return (state: ConsoleState): ReadonlyMap<string, Incident> => {
    if (state.incidents === lastIncidents && state.pending === lastPending) return lastResult;
    lastIncidents = state.incidents;
    lastPending = state.pending;
    if (state.pending.size === 0) {
      lastResult = state.incidents;
      return lastResult;
    }
    const views = new Map(state.incidents);
    for (const [id, change] of state.pending) {
      const incident = views.get(id);
      if (incident) views.set(id, viewIncident(incident, change));
    }
    lastResult = views;
    return lastResult;
  };
})();

const queueOf = memoize((views: ReadonlyMap<string, Incident>): readonly Incident[] =>
  [...views.values()].filter(isOpen).sort(compareQueue),
);

/** The alert queue: open incidents by priority then age. */
export function selectQueue(state: ConsoleState): readonly Incident[] {
  return queueOf(selectIncidentViews(state));
}

export interface AlarmView {
  incident: Incident;
  /** An unacknowledged distress alert, or a missed safety check-in at a distress scene. */
  kind: 'unacknowledged' | 'checkin_missed';
  /** Epoch ms the alarm has been running since. */
  since: number;
}

const alarmsOf = memoize2(
  (queue: readonly Incident[], checkins: ConsoleState['checkinAlarms']): readonly AlarmView[] => {
    const alarms: AlarmView[] = [];
    for (const incident of queue) {
      if (isAlarming(incident)) {
        alarms.push({ incident, kind: 'unacknowledged', since: Date.parse(incident.intervals.raisedAt) });
        continue;
      }
      const checkin = checkins.get(incident.id);
      if (checkin) alarms.push({ incident, kind: 'checkin_missed', since: checkin.receivedAt });
    }
    // Unacknowledged alerts first (A acknowledges them), then the oldest first.
    return alarms.sort(
      (a, b) =>
        Number(a.kind !== 'unacknowledged') - Number(b.kind !== 'unacknowledged') || a.since - b.since,
    );
  },
);

/** Everything that sounds the alarm on this console, most pressing first. */
export function selectAlarms(state: ConsoleState): readonly AlarmView[] {
  return alarmsOf(selectQueue(state), state.checkinAlarms);
}

/** What A acknowledges: the selected incident if it is new, else the first new one in queue order. */
export function pickAcknowledgeTarget(
  queue: readonly Incident[],
  selectedId: string | null,
): Incident | null {
  const selected = selectedId ? queue.find((i) => i.id === selectedId) : undefined;
  if (selected?.status === 'new') return selected;
  return queue.find((i) => i.status === 'new') ?? null;
}

function groupByIncident<T extends { incidentId: string }>(records: ReadonlyMap<string, T>) {
  const groups = new Map<string, T[]>();
  for (const record of records.values()) {
    const list = groups.get(record.incidentId);
    if (list) list.push(record);
    else groups.set(record.incidentId, [record]);
  }
  return groups;
}

const assignmentsGrouped = memoize((records: ReadonlyMap<string, Assignment>) => {
  const groups = groupByIncident(records);
  for (const list of groups.values()) list.sort((a, b) => a.dispatchedAt.localeCompare(b.dispatchedAt));
  return groups;
});
const tasksGrouped = memoize((records: ReadonlyMap<string, DepartmentTask>) => {
  const groups = groupByIncident(records);
  for (const list of groups.values()) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return groups;
});

const NONE: readonly never[] = [];

export function selectAssignmentsFor(state: ConsoleState, incidentId: string): readonly Assignment[] {
  return assignmentsGrouped(state.assignments).get(incidentId) ?? NONE;
}

export function selectTasksFor(state: ConsoleState, incidentId: string): readonly DepartmentTask[] {
  return tasksGrouped(state.tasks).get(incidentId) ?? NONE;
}

const ACTIVE_ASSIGNMENT = new Set(['pending', 'accepted', 'en_route', 'on_scene']);

const distressUnitsOf = memoize2(
  (queue: readonly Incident[], assignments: ReadonlyMap<string, Assignment>): ReadonlySet<string> => {
    const ids = new Set<string>();
    const distressIncidents = new Set<string>();
    for (const incident of queue) {
      if (!isDistress(incident.priority)) continue;
      distressIncidents.add(incident.id);
      if (incident.raisedByUnitId) ids.add(incident.raisedByUnitId);
    }
    for (const a of assignments.values()) {
      if (distressIncidents.has(a.incidentId) && ACTIVE_ASSIGNMENT.has(a.status)) ids.add(a.unitId);
    }
    return ids;
  },
);

/**
 * Units that must never be hidden by a filter or a zoom level: the unit that raised an open
 * distress incident, and the units working one.
 */
export function selectDistressUnitIds(state: ConsoleState): ReadonlySet<string> {
  return distressUnitsOf(selectQueue(state), state.assignments);
}

const unitsInDistressOf = memoize(
  (queue: readonly Incident[]): ReadonlySet<string> =>
    new Set(
      queue.filter((i) => isDistress(i.priority) && i.raisedByUnitId).map((i) => i.raisedByUnitId as string),
    ),
);

/** Units that raised an open distress incident: drawn in alarm red. */
export function selectUnitsInDistress(state: ConsoleState): ReadonlySet<string> {
  return unitsInDistressOf(selectQueue(state));
}

const STATUS_ORDER: Record<UnitStatus, number> = {
  on_scene: 0,
  en_route: 1,
  assigned: 2,
  available: 3,
  out_of_service: 4,
};

export interface UnitFilter {
  text: string;
  status: UnitStatus | 'all';
}

/**
 * The units list: units in distress first, then by how busy they are, then by call sign.
 * Units in `pinned` always pass the filter.
 */
export function sortAndFilterUnits(
  units: ReadonlyMap<string, Unit>,
  pinned: ReadonlySet<string>,
  filter: UnitFilter,
): Unit[] {
  const text = filter.text.trim().toLowerCase();
  const shown: Unit[] = [];
  for (const unit of units.values()) {
    const matches =
      (filter.status === 'all' || unit.status === filter.status) &&
      (text === '' || unit.callSign.toLowerCase().includes(text));
    if (matches || pinned.has(unit.id)) shown.push(unit);
  }
  return shown.sort(
    (a, b) =>
      Number(pinned.has(b.id)) - Number(pinned.has(a.id)) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.callSign.localeCompare(b.callSign),
  );
}

export function countUnacknowledged(queue: readonly Incident[]): number {
  let n = 0;
  for (const i of queue) if (i.status === 'new') n++;
  return n;
}
