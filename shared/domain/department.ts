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

/**
 * The departments' names as 第九条 names them: the one source for the departments table (and so
 * webhooks and SMS) and for the console's zh-CN labels.
 */
export const DEPARTMENT_NAMES: Readonly<Record<DepartmentId, string>> = {
  command_center: '指挥中心',
  rights_office: '维权办',
  inspection: '警务督察大队',
  political_work: '政工室',
  logistics: '警务保障室',
  legal: '法制大队',
  // 第九条(六) 刑侦、治安等办案部门.
  investigation: '刑侦、治安等办案部门',
  cyber: '网安大队',
  traffic: '交通管理大队',
  // 第二十条: the unit with jurisdiction over the case, here the local station.
  local_station: '属地派出所',
};

export const Department = z.object({
  id: DepartmentId,
  name: z.string().min(1).max(100),
  webhookUrl: z.url().nullable(),
});
export type Department = z.infer<typeof Department>;
