import { z } from 'zod';
import { DepartmentId } from './department';
import { Uuid } from './ids';
import { Role } from './role';

export const Username = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');

export const User = z
  .object({
    id: Uuid,
    username: Username,
    displayName: z.string().min(1).max(100),
    role: Role,
    unitId: Uuid.nullable(),
    departmentId: DepartmentId.nullable(),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'field_officer' && !u.unitId) {
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'a field officer is bound to a unit' });
    }
    if (u.role === 'department_staff' && !u.departmentId) {
      ctx.addIssue({
        code: 'custom',
        path: ['departmentId'],
        message: 'department staff are bound to a department',
      });
    }
  });
export type User = z.infer<typeof User>;

export const Password = z.string().min(8).max(256);
