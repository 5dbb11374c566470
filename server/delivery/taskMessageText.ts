import { DEPARTMENT_NAMES } from '@shared/domain/department';
import { type DepartmentTask, TASK_KIND_NAMES } from '@shared/domain/task';

/**
 * What `toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })` prints, made once: that call
 * builds a formatter each time, a tenth of a millisecond for every message.
 */
const DEADLINE_FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/**
 * The SMS/IM a department's people read for a task: the department and the task in words, never
 * their keys. No names, addresses or descriptions: SMS passes through systems outside the police
 * network.
 */
export function taskMessageText(
  task: Pick<DepartmentTask, 'departmentId' | 'kind' | 'article' | 'ackDeadline'>,
  incidentReference: string,
  event: string,
): string {
  const escalated = event.startsWith('task.escalated') ? '【催办】' : '';
  const deadline = DEADLINE_FORMAT.format(new Date(task.ackDeadline));
  return `${escalated}${DEPARTMENT_NAMES[task.departmentId]}：警情 ${incidentReference} 需办理「${TASK_KIND_NAMES[task.kind]}」（${task.article}），请于 ${deadline} 前在指挥调度台确认。`;
}
