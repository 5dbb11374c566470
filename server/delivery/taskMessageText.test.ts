import { TASK_KINDS } from '@shared/domain/task';
import { describe, expect, it } from 'vitest';
import { taskMessageText } from './taskMessageText';

const task = {
  departmentId: 'rights_office' as const,
  kind: 'register_case' as const,
  article: '第十三条',
  ackDeadline: '2026-11-23T08:15:00.000Z',
};

describe('the SMS/IM text of a task', () => {
  it('names the department and the task in words', () => {
    expect(taskMessageText(task, 'GX-20261123-0001', 'task.created')).toBe(
      '维权办：警情 GX-20261123-0001 需办理「判定维权范围并登记」（第十三条），请于 2026/11/23 16:15:00 前在指挥调度台确认。',
    );
  });

  it('marks an escalation', () => {
    expect(taskMessageText(task, 'GX-1', 'task.escalated.1')).toMatch(/^【催办】维权办：/);
  });

  it('never shows a raw task kind', () => {
    for (const kind of TASK_KINDS) {
      const text = taskMessageText({ ...task, kind }, 'GX-1', 'task.created');
      expect(text).not.toContain(kind);
      expect(text).not.toMatch(/[a-z]+_[a-z]+/);
    }
  });
});
