import type { OrgUnitInput } from '@shared/domain/organisation';

/**
 * 赣县区公安局 as an organisation tree: the 机关 departments and brigades the measures name
 * (第六条, 第九条) and one 派出所 for each of the district's 19 townships (12 镇, 7 乡, named
 * after the township as the district's public administrative division lists them).
 *
 * Positions are the township seats, APPROXIMATE (read off a map to about a kilometre, in the
 * same likely-GCJ-02 datum as the district outline): no areas are drawn, so a scene goes to
 * the nearest station's seat until an admin draws the real jurisdiction boundaries.
 */
export const CASE_UNITS = { criminal: 'criminal-brigade', administrative: 'public-order-brigade' } as const;

const BUREAU = 'ganxian-psb';

const DEPARTMENTS: OrgUnitInput[] = [
  { id: BUREAU, parentId: null, name: '赣县区公安局', kind: 'bureau', departmentId: null, position: null },
  {
    id: 'command-center',
    parentId: BUREAU,
    name: '指挥中心',
    kind: 'department',
    departmentId: 'command_center',
    position: null,
    sort: 1,
  },
  {
    id: 'inspection-brigade',
    parentId: BUREAU,
    name: '警务督察大队',
    kind: 'brigade',
    departmentId: 'inspection',
    position: null,
    sort: 2,
  },
  // 第六条: 维权办设在警务督察大队.
  {
    id: 'rights-office',
    parentId: 'inspection-brigade',
    name: '维权办',
    kind: 'department',
    departmentId: 'rights_office',
    position: null,
    sort: 3,
  },
  {
    id: 'political-work',
    parentId: BUREAU,
    name: '政工室',
    kind: 'department',
    departmentId: 'political_work',
    position: null,
    sort: 4,
  },
  {
    id: 'logistics',
    parentId: BUREAU,
    name: '警务保障室',
    kind: 'department',
    departmentId: 'logistics',
    position: null,
    sort: 5,
  },
  {
    id: 'legal-brigade',
    parentId: BUREAU,
    name: '法制大队',
    kind: 'brigade',
    departmentId: 'legal',
    position: null,
    sort: 6,
  },
  // 第九条(六): 刑侦、治安等办案部门 — two units, criminal and public-order cases.
  {
    id: CASE_UNITS.criminal,
    parentId: BUREAU,
    name: '刑侦大队',
    kind: 'brigade',
    departmentId: 'investigation',
    position: null,
    sort: 7,
  },
  {
    id: CASE_UNITS.administrative,
    parentId: BUREAU,
    name: '治安大队',
    kind: 'brigade',
    departmentId: 'investigation',
    position: null,
    sort: 8,
  },
  {
    id: 'cyber-brigade',
    parentId: BUREAU,
    name: '网安大队',
    kind: 'brigade',
    departmentId: 'cyber',
    position: null,
    sort: 9,
  },
  {
    id: 'traffic-brigade',
    parentId: BUREAU,
    name: '交通管理大队',
    kind: 'brigade',
    departmentId: 'traffic',
    position: null,
    sort: 10,
  },
];

/** [id, township, lat, lng]: approximate township seats. */
const TOWNSHIPS: ReadonlyArray<readonly [string, string, number, number]> = [
  ['meilin', '梅林镇', 25.8607, 115.0116],
  ['chutan', '储潭镇', 25.935, 114.985],
  ['maodian', '茅店镇', 25.915, 115.06],
  ['hujiang', '湖江镇', 26.035, 115.06],
  ['jiangkou', '江口镇', 25.975, 115.135],
  ['jibu', '吉埠镇', 25.985, 114.99],
  ['tiancun', '田村镇', 26.12, 115.18],
  ['bailu', '白鹭乡', 26.2, 115.26],
  ['shadi', '沙地镇', 26.05, 115.28],
  ['shiyuan', '石芫乡', 25.88, 115.16],
  ['wuyun', '五云镇', 25.8, 115.12],
  ['changluo', '长洛乡', 25.78, 115.2],
  ['nantang', '南塘镇', 25.72, 115.18],
  ['yangbu', '阳埠乡', 26.08, 114.85],
  ['sanxi', '三溪乡', 25.68, 114.95],
  ['wangmudu', '王母渡镇', 25.62, 115.06],
  ['dabu', '大埠乡', 25.6, 115.2],
  ['datian', '大田乡', 25.55, 114.93],
  ['hanfang', '韩坊镇', 25.5, 115.1],
];

export const GANXIAN_STATIONS: OrgUnitInput[] = TOWNSHIPS.map(([id, township, lat, lng], i) => ({
  id: `station-${id}`,
  parentId: BUREAU,
  name: `${township.replace(/[镇乡]$/, '')}派出所`,
  kind: 'station',
  departmentId: 'local_station',
  position: { lat, lng },
  area: null,
  areaApproximate: true,
  township,
  sort: 100 + i,
}));

export const GANXIAN_ORGANISATION: OrgUnitInput[] = [...DEPARTMENTS, ...GANXIAN_STATIONS];

/** The unit a department's staff belong to when nothing more precise is known. */
export const DEPARTMENT_HOME_UNIT: Readonly<Record<string, string>> = {
  command_center: 'command-center',
  rights_office: 'rights-office',
  inspection: 'inspection-brigade',
  political_work: 'political-work',
  logistics: 'logistics',
  legal: 'legal-brigade',
  investigation: CASE_UNITS.criminal,
  cyber: 'cyber-brigade',
  traffic: 'traffic-brigade',
  local_station: 'station-meilin',
};
