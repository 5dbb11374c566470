import { DEPARTMENT_IDS, DEPARTMENT_NAMES, type DepartmentId } from '@shared/domain/department';

/**
 * The fixed departments of the measures (第九条) and the local police station. Reference data:
 * ensureDepartments() writes them at every boot, demo or not.
 */
export interface CatalogDepartment {
  id: DepartmentId;
  name: string;
}

/** In the order of DEPARTMENT_IDS. */
export const DEPARTMENT_CATALOG: ReadonlyArray<CatalogDepartment> = DEPARTMENT_IDS.map((id) => ({
  id,
  name: DEPARTMENT_NAMES[id],
}));
