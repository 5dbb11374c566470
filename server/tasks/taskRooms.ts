import type { DepartmentTask } from '@shared/domain/task';
import { departmentRoom, ROOM_ALL } from '../realtime/rooms';

/**
 * Who hears of a task: the command center and the department doing it. A restricted task
 * (protective watch) goes to the same rooms because its announcement carries no personal data;
 * the addresses are read separately, by the department and supervisors only, and audited.
 */
export function taskRooms(task: DepartmentTask): string[] {
  return [ROOM_ALL, departmentRoom(task.departmentId)];
}
