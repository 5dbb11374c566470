import type { DepartmentDelivery } from '@shared/api/task';
import type { DepartmentId } from '@shared/domain/department';
import type { Database } from '../db/database';

export interface DepartmentChannels {
  webhookUrl: string | null;
  webhookSecret: string | null;
  dutyContact: string | null;
  headContact: string | null;
}

/** A department with no row (never configured): no webhook, no contacts. */
export const NO_CHANNELS: DepartmentChannels = {
  webhookUrl: null,
  webhookSecret: null,
  dutyContact: null,
  headContact: null,
};

export async function departmentChannels(
  db: Database,
  departmentId: DepartmentId,
): Promise<DepartmentChannels> {
  return (await channelsOfDepartments(db, [departmentId])).get(departmentId) ?? NO_CHANNELS;
}

/** Several departments' channels in one query (a linkage's tasks go to up to seven). */
export async function channelsOfDepartments(
  db: Database,
  departmentIds: readonly DepartmentId[],
): Promise<Map<DepartmentId, DepartmentChannels>> {
  const ids = [...new Set(departmentIds)];
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('departments')
    .leftJoin('department_contacts', 'department_contacts.department_id', 'departments.id')
    .select(['departments.id', 'webhook_url', 'webhook_secret', 'duty_contact', 'head_contact'])
    .where('departments.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id as DepartmentId,
      {
        webhookUrl: row.webhook_url ?? null,
        webhookSecret: row.webhook_secret ?? null,
        dutyContact: row.duty_contact ?? null,
        headContact: row.head_contact ?? null,
      },
    ]),
  );
}

/** The settings as an admin sees them: the secret is never read back. */
export async function departmentDelivery(
  db: Database,
  departmentId: DepartmentId,
): Promise<DepartmentDelivery> {
  const channels = await departmentChannels(db, departmentId);
  return {
    departmentId,
    webhookUrl: channels.webhookUrl,
    hasWebhookSecret: channels.webhookSecret !== null,
    dutyContact: channels.dutyContact,
    headContact: channels.headContact,
  };
}
