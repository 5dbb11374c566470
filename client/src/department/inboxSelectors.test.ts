import { describe, expect, it } from 'vitest';
import { at, task, uuid } from '../console/testFixtures';
import { groupInbox, inboxOrder, mergeTasks, taskActions, taskIdFromHash } from './inboxSelectors';

const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));

describe('department inbox selectors', () => {
  it("merges the live store and the inbox's reads: the newer copy wins, a tie goes to the read", () => {
    const live = byId([
      task(1, 1, { status: 'acknowledged', updatedAt: at(20) }),
      task(2, 1, { status: 'queued', updatedAt: at(5) }),
      task(3, 1, { departmentId: 'cyber', kind: 'content_takedown' }),
    ]);
    const fetched = byId([
      task(1, 1, { status: 'delivered', updatedAt: at(10) }),
      task(2, 1, { status: 'queued', updatedAt: at(5), note: 'read copy' }),
      task(4, 9, { status: 'done', updatedAt: at(1) }),
    ]);
    const merged = mergeTasks(live, fetched, 'rights_office');
    expect([...merged.keys()].sort()).toEqual([uuid(3001), uuid(3002), uuid(3004)]);
    expect(merged.get(uuid(3001))?.status).toBe('acknowledged');
    expect(merged.get(uuid(3002))?.note).toBe('read copy');
  });

  it('groups: to acknowledge by deadline, being worked and finished by most recent', () => {
    const groups = groupInbox(
      byId([
        task(1, 1, { status: 'delivered', ackDeadline: at(900) }),
        task(2, 2, { status: 'escalated', ackDeadline: at(300) }),
        task(3, 3, { status: 'in_progress', updatedAt: at(50) }),
        task(4, 4, { status: 'acknowledged', updatedAt: at(80) }),
        task(5, 5, { status: 'done', updatedAt: at(40) }),
        task(6, 6, { status: 'failed', updatedAt: at(90) }),
      ]),
    );
    expect(inboxOrder(groups)).toEqual([3002, 3001, 3004, 3003, 3006, 3005].map(uuid));
  });

  it('offers acknowledge before the task is taken, then progress and done', () => {
    expect(taskActions(task(1, 1, { status: 'escalated' }))).toEqual({
      acknowledge: true,
      progress: false,
      done: false,
    });
    expect(taskActions(task(1, 1, { status: 'in_progress' }))).toEqual({
      acknowledge: false,
      progress: true,
      done: true,
    });
    expect(taskActions(task(1, 1, { status: 'done' }))).toEqual({
      acknowledge: false,
      progress: false,
      done: false,
    });
  });

  it('reads a task id from the address', () => {
    expect(taskIdFromHash(`#/tasks/${uuid(7)}`)).toBe(uuid(7));
    expect(taskIdFromHash('#/tasks/nope')).toBeNull();
    expect(taskIdFromHash('')).toBeNull();
  });
});
