import type { DepartmentDelivery } from '@shared/api/task';
import type { DepartmentId } from '@shared/domain/department';
import type { Database } from '../db/database';

export interface DepartmentChannels {
  webhookUrl: string | null;
  webhookSecret: string | null;
  dutyContact: string | null;
  headContact: string | null;
}

export async function departmentChannels(
  db: Database,
  departmentId: DepartmentId,
): Promise<DepartmentChannels> {
  const row = await db
    .selectFrom('departments')
    .leftJoin('department_contacts', 'department_contacts.department_id', 'departments.id')
    .select(['webhook_url', 'webhook_secret', 'duty_contact', 'head_contact'])
    .where('departments.id', '=', departmentId)
    .executeTakeFirst();
  return {
    webhookUrl: row?.webhook_url ?? null,
    webhookSecret: row?.webhook_secret ?? null,
    dutyContact: row?.duty_contact ?? null,
    headContact: row?.head_contact ?? null,
  };
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
