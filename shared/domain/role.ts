import { z } from 'zod';

export const ROLES = ['dispatcher', 'supervisor', 'field_officer', 'department_staff', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
