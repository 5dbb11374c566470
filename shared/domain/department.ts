import { z } from 'zod';

/** 第九条: the departments of the linkage, plus the local police station that keeps protective watch. */
export const DEPARTMENT_IDS = [
  'command_center',
  'rights_office',
  'inspection',
  'political_work',
  'logistics',
  'legal',
  'investigation',
  'cyber',
  'traffic',
  'local_station',
] as const;

export const DepartmentId = z.enum(DEPARTMENT_IDS);
export type DepartmentId = z.infer<typeof DepartmentId>;

export const Department = z.object({
  id: DepartmentId,
  name: z.string().min(1).max(100),
  webhookUrl: z.url().nullable(),
});
export type Department = z.infer<typeof Department>;
