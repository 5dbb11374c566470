import type { DepartmentTask } from '@shared/domain/task';
import { departmentRoom, ROOM_ALL } from '../realtime/rooms';

/**
 * Who hears of a task: the command center and the department doing it. A restricted task
 * (protective watch) goes to the same rooms because its announcement carries no personal data;
 * the addresses are read separately, by the department and supervisors only, and audited.
 */
export function taskRooms(task: DepartmentTask): string[] {
  // An application (第十二条) is 维权办's queue, never the dispatch wall's.
  if (task.kind === 'application_review') return [departmentRoom(task.departmentId)];
  return [ROOM_ALL, departmentRoom(task.departmentId)];
}
