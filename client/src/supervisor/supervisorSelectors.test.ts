import type { ConsoleStatus } from '@shared/api/supervisor';
import { describe, expect, it } from 'vitest';
import { at, incident, task, uuid } from '../console/testFixtures';
import {
  countOverdue,
  groupIncidentsByState,
  groupTasksByDepartment,
  intervalVerdict,
  isTaskOverdue,
  periodRange,
  sortConsoles,
} from './supervisorSelectors';

const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));

describe('supervisor selectors', () => {
  it('groups active incidents by state in queue order and leaves closed ones out', () => {
    const groups = groupIncidentsByState(
      byId([
        incident(1, { status: 'new', priority: 3 }),
        incident(2, { status: 'new', priority: 1 }),
        incident(3, { status: 'dispatched' }),
        incident(4, { status: 'closed' }),
        incident(5, { status: 'false_alarm' }),
      ]),
    );
    expect(groups.new.map((i) => i.id)).toEqual([uuid(2), uuid(1)]);
    expect(groups.dispatched).toHaveLength(1);
    expect(groups.acknowledged).toEqual([]);
    expect(Object.values(groups).flat()).toHaveLength(3);
  });

  it('calls a task overdue only while nobody has taken it and its deadline has passed', () => {
    const now = Date.parse(at(700));
    expect(isTaskOverdue(task(1, 1, { status: 'delivered', ackDeadline: at(600) }), now)).toBe(true);
    expect(isTaskOverdue(task(2, 1, { status: 'escalated', ackDeadline: at(600) }), now)).toBe(true);
    expect(isTaskOverdue(task(3, 1, { status: 'acknowledged', ackDeadline: at(600) }), now)).toBe(false);
    expect(isTaskOverdue(task(4, 1, { status: 'queued', ackDeadline: at(800) }), now)).toBe(false);
  });

  it("groups tasks by department in the measures' order, open ones by deadline, finished ones counted", () => {
    const groups = groupTasksByDepartment(
      byId([
        task(1, 1, { departmentId: 'traffic', kind: 'traffic_control', ackDeadline: at(300) }),
        task(2, 1, { departmentId: 'rights_office', ackDeadline: at(900) }),
        task(3, 2, { departmentId: 'rights_office', ackDeadline: at(400) }),
        task(4, 2, { departmentId: 'rights_office', status: 'acknowledged', ackDeadline: at(100) }),
        task(5, 3, { departmentId: 'rights_office', status: 'done' }),
        task(6, 3, { departmentId: 'traffic', kind: 'vehicle_forensics', status: 'failed' }),
      ]),
    );
    expect(groups.map((g) => g.departmentId)).toEqual(['rights_office', 'traffic']);
    const rights = groups[0];
    expect(rights?.open.map((t) => t.id)).toEqual([uuid(3003), uuid(3002), uuid(3004)]);
    expect(rights).toMatchObject({ waiting: 2, finished: 1, failed: 0 });
    expect(groups[1]).toMatchObject({ waiting: 1, finished: 0, failed: 1 });
    expect(countOverdue(rights?.open ?? [], Date.parse(at(500)))).toBe(1);
  });

  it('judges an interval by its median against the target', () => {
    const base = { count: 3, p90S: 50, targetS: 30, withinTarget: 0.5 };
    expect(intervalVerdict({ ...base, medianS: 20 })).toBe('within');
    expect(intervalVerdict({ ...base, medianS: 30 })).toBe('within');
    expect(intervalVerdict({ ...base, medianS: 31 })).toBe('over');
    expect(intervalVerdict({ ...base, count: 0, medianS: null, p90S: null, withinTarget: null })).toBe(
      'none',
    );
  });

  it('lists lagging consoles first', () => {
    const c = (socketId: string, username: string, lagging: boolean): ConsoleStatus => ({
      socketId,
      userId: uuid(9),
      username,
      displayName: username,
      role: 'dispatcher',
      lagging: lagging ? { incidentId: uuid(1), since: at(0) } : null,
    });
    expect(
      sortConsoles([c('a', 'dispatcher1', false), c('b', 'dispatcher2', true)]).map((x) => x.socketId),
    ).toEqual(['b', 'a']);
  });

  it('ends the report window now', () => {
    const now = Date.parse(at(0));
    expect(periodRange('7d', now)).toEqual({ from: new Date(now - 7 * 86_400_000).toISOString(), to: at(0) });
  });
});
