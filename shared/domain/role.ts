import { z } from 'zod';

/**
 * `committee`: a member of the rights-protection committee (维权委, 第六条); which member is its
 * director (主任, the 督察长) is the user attribute `committeeDirector`, not a role.
 */
export const ROLES = [
  'dispatcher',
  'supervisor',
  'field_officer',
  'department_staff',
  'admin',
  'committee',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
