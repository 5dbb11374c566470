import { DEPARTMENT_IDS, type DepartmentId } from '@shared/domain/department';

/**
 * The fixed departments of the measures (第九条) and the local police station. Reference data:
 * ensureDepartments() writes them at every boot, demo or not.
 */
export const DEPARTMENT_NAMES: Readonly<Record<DepartmentId, string>> = {
  command_center: '指挥中心',
  rights_office: '维权办',
  inspection: '警务督察大队',
  political_work: '政工室',
  logistics: '警务保障室',
  legal: '法制大队',
  investigation: '办案部门',
  cyber: '网安大队',
  traffic: '交通管理大队',
  local_station: '派出所',
};

export interface CatalogDepartment {
  id: DepartmentId;
  name: string;
}

/** In the order of DEPARTMENT_IDS. */
export const DEPARTMENT_CATALOG: ReadonlyArray<CatalogDepartment> = DEPARTMENT_IDS.map((id) => ({
  id,
  name: DEPARTMENT_NAMES[id],
}));
