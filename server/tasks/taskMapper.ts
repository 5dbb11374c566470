import { DepartmentTask, HandlingSuggestion } from '@shared/domain/task';
import type { Selectable } from 'kysely';
import type { DepartmentTasksTable } from '../db/schema';

export type TaskRow = Selectable<DepartmentTasksTable>;

export function toTask(row: TaskRow): DepartmentTask {
  const handling = HandlingSuggestion.safeParse(row.handling);
  return DepartmentTask.parse({
    id: row.id,
    incidentId: row.incident_id,
    departmentId: row.department_id,
    kind: row.kind,
    status: row.status,
    article: row.article,
    ackDeadline: new Date(row.ack_deadline).toISOString(),
    escalationLevel: row.escalation_level,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    ...(row.rule_id ? { ruleId: row.rule_id } : {}),
    ...(row.rule_version !== null ? { ruleVersion: row.rule_version } : {}),
    ...(handling.success ? { handling: handling.data } : {}),
    restricted: row.restricted,
    note: row.note,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
  });
}
