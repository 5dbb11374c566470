/**
 * Demo data for 赣县区: units, users and officer profiles. Pure and deterministic (a seeded
 * PRNG), so every demo start and every test sees the same data. Every person, address and
 * relative here is FICTITIOUS; addresses say so (演示路, 虚构) so nobody mistakes them for real.
 */
import type { DepartmentId } from '@shared/domain/department';
import { DEPARTMENT_IDS } from '@shared/domain/department';
import type { Role } from '@shared/domain/role';
import type { UnitKind } from '@shared/domain/unit';
import {
  distanceToRingM,
  GANXIAN_BBOX,
  GANXIAN_CENTRE,
  GANXIAN_RING,
  pointInPolygon,
} from './ganxianOutline';

/** mulberry32: a tiny 32-bit PRNG, plenty for demo data; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_SEED = 0x6a7821; // any constant; changing it moves every demo unit

export interface DemoUnit {
  callSign: string;
  kind: UnitKind;
  departmentId: DepartmentId;
  lat: number;
  lng: number;
}

/** 近亲属 (第三十九条). */
export const RELATIVE_RELATIONS = ['spouse', 'parent', 'child', 'sibling'] as const;
export type RelativeRelation = (typeof RELATIVE_RELATIONS)[number];

export interface DemoRelative {
  relation: RelativeRelation;
  name: string;
  address?: string;
}

export interface DemoOfficerProfile {
  homeAddress: string;
  relatives: DemoRelative[];
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  /** Call sign of the unit a field officer is bound to. */
  unitCallSign: string | null;
  departmentId: DepartmentId | null;
  profile: DemoOfficerProfile | null;
  /** 第六条: the committee's director (主任, the 督察长). */
  committeeDirector?: boolean;
}

interface UnitPlan {
  kind: UnitKind;
  prefix: string;
  count: number;
  departmentId: DepartmentId;
  /** Share of the units placed around the district seat rather than anywhere in the district. */
  nearCentre: number;
  /** Spread around the seat, in degrees (0.01° is about 1 km). */
  sigma: number;
}

const UNIT_PLANS: UnitPlan[] = [
  {
    kind: 'patrol_car',
    prefix: 'P',
    count: 12,
    departmentId: 'command_center',
    nearCentre: 0.6,
    sigma: 0.04,
  },
  { kind: 'motorcycle', prefix: 'M', count: 6, departmentId: 'command_center', nearCentre: 0.7, sigma: 0.03 },
  { kind: 'foot_patrol', prefix: 'F', count: 8, departmentId: 'command_center', nearCentre: 1, sigma: 0.012 },
  { kind: 'traffic', prefix: 'T', count: 6, departmentId: 'traffic', nearCentre: 0.5, sigma: 0.05 },
  { kind: 'swat', prefix: 'S', count: 3, departmentId: 'command_center', nearCentre: 1, sigma: 0.015 },
  {
    kind: 'investigation',
    prefix: 'I',
    count: 5,
    departmentId: 'investigation',
    nearCentre: 0.8,
    sigma: 0.02,
  },
];

/**
 * Units keep this far from the simplified outline, which strays at most about 350 m from the
 * source's full-resolution border, so they are inside the real district as well.
 */
export const EDGE_MARGIN_M = 500;

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function round5(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}

function placeUnit(rand: () => number, plan: UnitPlan): { lat: number; lng: number } {
  const near = rand() < plan.nearCentre;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const lng = round5(
      near
        ? GANXIAN_CENTRE.lng + gaussian(rand) * plan.sigma
        : GANXIAN_BBOX.minLng + rand() * (GANXIAN_BBOX.maxLng - GANXIAN_BBOX.minLng),
    );
    const lat = round5(
      near
        ? GANXIAN_CENTRE.lat + gaussian(rand) * plan.sigma
        : GANXIAN_BBOX.minLat + rand() * (GANXIAN_BBOX.maxLat - GANXIAN_BBOX.minLat),
    );
    if (pointInPolygon(lng, lat, GANXIAN_RING) && distanceToRingM(lng, lat, GANXIAN_RING) >= EDGE_MARGIN_M) {
      return { lat, lng };
    }
  }
  throw new Error(`could not place a ${plan.kind} unit inside 赣县区`);
}

function buildUnits(rand: () => number): DemoUnit[] {
  const units: DemoUnit[] = [];
  for (const plan of UNIT_PLANS) {
    for (let n = 1; n <= plan.count; n++) {
      units.push({
        callSign: `GX-${plan.prefix}${String(n).padStart(2, '0')}`,
        kind: plan.kind,
        departmentId: plan.departmentId,
        ...placeUnit(rand, plan),
      });
    }
  }
  return units;
}

/** Common surnames of southern Jiangxi (many Hakka) and ordinary given names. */
const SURNAMES = [
  '钟',
  '刘',
  '曾',
  '谢',
  '赖',
  '黄',
  '温',
  '邱',
  '廖',
  '肖',
  '陈',
  '李',
  '张',
  '王',
  '郭',
  '罗',
  '彭',
  '杨',
  '朱',
  '胡',
  '叶',
  '邓',
  '蓝',
  '袁',
];
const GIVEN_NAMES = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '辉',
  '华',
  '斌',
  '鹏',
  '亮',
  '峰',
  '平',
  '波',
  '静',
  '敏',
  '芳',
  '丽',
  '婷',
  '燕',
  '红',
  '建华',
  '志强',
  '国平',
  '海波',
  '晓东',
  '文斌',
  '小龙',
  '建军',
  '春华',
  '秋萍',
  '慧敏',
  '宇航',
  '俊杰',
  '嘉怡',
  '思远',
  '立新',
];
const ELDER_GIVEN_NAMES = ['建国', '桂英', '秀兰', '德华', '玉珍', '长生', '金凤', '福林'];
const CHILD_GIVEN_NAMES = ['子涵', '浩然', '欣怡', '梓轩', '雨桐', '一鸣', '诗琪', '俊熙'];

/** Towns and streets of 赣县区, used only to make fictitious addresses read naturally. */
const TOWNS = [
  '梅林街道',
  '储潭街道',
  '茅店镇',
  '江口镇',
  '王母渡镇',
  '沙地镇',
  '田村镇',
  '南塘镇',
  '湖江镇',
  '吉埠镇',
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function fakeAddress(rand: () => number): string {
  return `江西省赣州市赣县区${pick(rand, TOWNS)}演示路${1 + Math.floor(rand() * 200)}号（虚构，演示数据）`;
}

function buildProfile(rand: () => number, surname: string): DemoOfficerProfile {
  const homeAddress = fakeAddress(rand);
  const relatives: DemoRelative[] = [];
  if (rand() < 0.8)
    relatives.push({
      relation: 'spouse',
      name: pick(rand, SURNAMES) + pick(rand, GIVEN_NAMES),
      address: homeAddress,
    });
  relatives.push({
    relation: 'parent',
    name: surname + pick(rand, ELDER_GIVEN_NAMES),
    address: fakeAddress(rand),
  });
  if (rand() < 0.6)
    relatives.push({
      relation: 'child',
      name: surname + pick(rand, CHILD_GIVEN_NAMES),
      address: homeAddress,
    });
  if (rand() < 0.4) relatives.push({ relation: 'sibling', name: surname + pick(rand, GIVEN_NAMES) });
  return { homeAddress, relatives };
}

function buildUsers(rand: () => number, units: DemoUnit[]): DemoUser[] {
  const used = new Set<string>();
  const person = (): { surname: string; displayName: string } => {
    for (;;) {
      const surname = pick(rand, SURNAMES);
      const displayName = surname + pick(rand, GIVEN_NAMES);
      if (!used.has(displayName)) {
        used.add(displayName);
        return { surname, displayName };
      }
    }
  };
  const fixed = (
    username: string,
    displayName: string,
    role: Role,
    departmentId: DepartmentId | null,
  ): DemoUser => {
    used.add(displayName);
    return { username, displayName, role, unitCallSign: null, departmentId, profile: null };
  };
  const users: DemoUser[] = [
    fixed('admin', '张伟', 'admin', null),
    fixed('dispatcher1', '刘芳', 'dispatcher', 'command_center'),
    fixed('dispatcher2', '钟磊', 'dispatcher', 'command_center'),
    fixed('supervisor1', '曾国平', 'supervisor', 'command_center'),
    // 维权委 (第六条): the 督察长 chairs it; a member stands for the department heads on it.
    { ...fixed('committee_director', '黄建新', 'committee', null), committeeDirector: true },
    fixed('committee1', '邱文华', 'committee', null),
  ];
  for (const departmentId of DEPARTMENT_IDS) {
    users.push({
      username: departmentId,
      displayName: person().displayName,
      role: 'department_staff',
      unitCallSign: null,
      departmentId,
      profile: null,
    });
  }
  for (const unit of units) {
    const { surname, displayName } = person();
    users.push({
      username: unit.callSign,
      displayName,
      role: 'field_officer',
      unitCallSign: unit.callSign,
      departmentId: unit.departmentId,
      profile: buildProfile(rand, surname),
    });
  }
  return users;
}

function build(): { units: DemoUnit[]; users: DemoUser[] } {
  const rand = mulberry32(DEMO_SEED);
  const units = buildUnits(rand);
  return { units, users: buildUsers(rand, units) };
}

const built = build();
export const DEMO_UNITS: ReadonlyArray<DemoUnit> = built.units;
export const DEMO_USERS: ReadonlyArray<DemoUser> = built.users;

/** The demo 督察长, the committee's director (第六条: 督察长任主任; 第十六条). */
export const DEMO_DIRECTOR_USERNAME = 'committee_director';

export const DEMO_DEVICE_KEY_NAME = 'demo gateway';
/** The password hash of a demo user retired because DEMO was off (retireDemo): no password matches it. */
export const RETIRED_DEMO_HASH = 'retired-demo-account';
export const DEMO_DEVICE_KEY_SCOPE = 'alerts:create';
