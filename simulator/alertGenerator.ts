import type { CreateAlertRequest } from '@shared/api/alert';
import { type InfringementCategory, isApplicationCategory } from '@shared/domain/category';
import type { AlertSource, InvolvedOfficer } from '@shared/domain/incident';
import { DISTRICT_CENTRE, randomPointInDistrict } from './district';
import { type LatLng, round6 } from './geo';
import { between, chance, pick, type Rand, weighted } from './random';

interface CategoryProfile {
  /** Relative frequency among simulated alerts. */
  weight: number;
  /** Happens at a place, with a position (else online or on paper: an address and maybe URLs). */
  onScene: boolean;
  injured: number;
  vehicle?: boolean;
  /** Share that comes with URLs of online content (threats, smears, doxxing). */
  online?: number;
  sources: Partial<Record<AlertSource, number>>;
  descriptions: readonly string[];
}

/**
 * Mostly violence at a scene, some online harm with URLs, the odd case-only report. Every
 * description says 模拟 so that nobody takes a simulated alert for a real one.
 */
export const CATEGORY_PROFILES: Readonly<Record<InfringementCategory, CategoryProfile>> = {
  violent_attack: {
    weight: 22,
    onScene: true,
    injured: 0.4,
    sources: { sos_button: 60, call_110: 25, camera: 10, officer_report: 5 },
    descriptions: ['盘查时民警遭嫌疑人持械袭击', '处警现场民警被人用砖块击伤', '醉酒男子殴打出警民警'],
  },
  physical_harm: {
    weight: 16,
    onScene: true,
    injured: 0.3,
    sources: { sos_button: 50, call_110: 30, officer_report: 20 },
    descriptions: ['嫌疑人撕咬拉扯民警并抢夺执法记录仪', '纠纷当事人推搡处警辅警', '民警被当事人扣留在屋内'],
  },
  mob_obstruction: {
    weight: 16,
    onScene: true,
    injured: 0.1,
    sources: { sos_button: 40, call_110: 40, camera: 20 },
    descriptions: [
      '十余人围堵执法车辆，阻碍民警带离嫌疑人',
      '聚众哄闹冲击派出所值班室',
      '围观人员拦截处警民警',
    ],
  },
  vehicle_ramming: {
    weight: 10,
    onScene: true,
    injured: 0.5,
    vehicle: true,
    sources: { sos_button: 50, camera: 30, call_110: 20 },
    descriptions: [
      '设卡检查时车辆冲卡剐蹭执勤民警',
      '查处酒驾时民警被车辆拖拽',
      '违停车辆驾驶人驾车冲撞交警',
    ],
  },
  threat_harassment: {
    weight: 12,
    onScene: true,
    injured: 0.02,
    online: 0.3,
    sources: { sos_button: 30, call_110: 30, officer_report: 40 },
    descriptions: ['当事人在现场辱骂威胁处警民警', '当事人扬言报复并尾随民警', '民警下班途中遭人骚扰恐吓'],
  },
  malicious_complaint: {
    weight: 6,
    onScene: false,
    injured: 0,
    online: 0.9,
    sources: { officer_report: 60, supervisor: 40 },
    descriptions: ['当事人在短视频平台发布剪辑视频恶意炒作执法过程', '网民捏造“暴力执法”话题反复投诉'],
  },
  privacy_violation: {
    weight: 6,
    onScene: false,
    injured: 0,
    online: 1,
    sources: { officer_report: 70, supervisor: 30 },
    descriptions: ['民警及其家属的姓名、住址被“人肉”后在网上公开', '民警工作照片和手机号被发布到本地论坛'],
  },
  false_accusation: {
    weight: 5,
    onScene: false,
    injured: 0,
    online: 0.4,
    sources: { officer_report: 50, supervisor: 50 },
    descriptions: ['当事人捏造事实诬告处警民警索贿', '嫌疑人家属编造民警打人的虚假举报'],
  },
  wrongful_discipline: {
    weight: 2,
    onScene: false,
    injured: 0,
    sources: { supervisor: 70, officer_report: 30 },
    descriptions: ['民警依法使用警械后被错误追责，申请复核'],
  },
  other: {
    weight: 5,
    onScene: true,
    injured: 0.05,
    sources: { sos_button: 40, call_110: 40, officer_report: 20 },
    descriptions: ['民警执法时遭遇其他侵权情形'],
  },
};

/**
 * Applications (a disciplinary dispute, a malicious complaint) are not alarms: they are filed
 * with 维权办, and the alert API refuses them, so the simulator never raises them.
 */
const CATEGORY_WEIGHTS = Object.fromEntries(
  Object.entries(CATEGORY_PROFILES)
    .filter(([category]) => !isApplicationCategory(category as InfringementCategory))
    .map(([category, p]) => [category, p.weight]),
) as Partial<Record<InfringementCategory, number>>;

/** The same towns the demo fixtures use, for fictitious addresses that read naturally. */
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
];
const SURNAMES = ['钟', '刘', '曾', '谢', '赖', '黄', '温', '邱', '廖', '肖'];
const SITES = [
  (n: number) => `https://weibo.example/detail/${n}`,
  (n: number) => `https://v.douyin.example/video/${n}`,
  (n: number) => `https://tieba.example/p/${n}`,
  (n: number) => `https://www.kuaishou.example/short-video/${n}`,
];

/** Metres from the officer within which an on-scene alert is placed. */
const SCENE_SPREAD_M = 300;

function fakeAddress(rand: Rand, onRoad: boolean): string {
  const town = pick(rand, TOWNS);
  const place = onRoad
    ? `演示大道${1 + Math.floor(rand() * 30)}公里处`
    : `演示路${1 + Math.floor(rand() * 200)}号`;
  return `江西省赣州市赣县区${town}${place}（虚构，模拟警情）`;
}

function involvedOfficers(rand: Rand): InvolvedOfficer[] {
  // Known officers would be named by user id; the simulator knows none, so it names the
  // auxiliary and off-duty officers that 第三十七条/第三十八条 cover as free text.
  if (!chance(rand, 0.4)) return [];
  const count = chance(rand, 0.25) ? 2 : 1;
  return Array.from({ length: count }, () => ({
    name: `${pick(rand, SURNAMES)}某某`,
    note: pick(rand, ['辅警（模拟）', '休息日民警（模拟）']),
  }));
}

export interface AlertContext {
  /** Where an officer on duty is (the alert happens near one); null: around the district seat. */
  near: LatLng | null;
  now: Date;
}

/** One plausible alert, valid against CreateAlertRequest. */
export function generateAlert(rand: Rand, context: AlertContext): CreateAlertRequest {
  const category = weighted(rand, CATEGORY_WEIGHTS);
  const profile = CATEGORY_PROFILES[category];
  const source = weighted<AlertSource>(rand, profile.sources);
  const online = chance(rand, profile.online ?? 0);
  const onRoad = profile.vehicle === true;
  const alert: CreateAlertRequest = {
    category,
    source,
    injured: chance(rand, profile.injured),
    vehicleInvolved: onRoad,
    onRoad,
    ongoing: profile.onScene || online,
    officers: involvedOfficers(rand),
    description: `${pick(rand, profile.descriptions)}（模拟警情）`,
  };
  if (profile.onScene) {
    const scene = randomPointInDistrict(
      rand,
      context.near
        ? { kind: 'within', centre: context.near, radiusM: SCENE_SPREAD_M }
        : { kind: 'around', centre: DISTRICT_CENTRE, sigmaM: 2000 },
    );
    // A phone's GPS is good to metres; a 110 caller is located by the cell, hundreds of metres.
    const accuracyM = Math.round(source === 'call_110' ? between(rand, 50, 300) : between(rand, 5, 20));
    alert.position = { ...round6(scene), accuracyM };
    if (source === 'call_110' || chance(rand, 0.3)) alert.address = fakeAddress(rand, onRoad);
    alert.occurredAt = new Date(context.now.getTime() - Math.floor(between(rand, 0, 60_000))).toISOString();
  } else {
    alert.address = fakeAddress(rand, false);
    alert.occurredAt = new Date(
      context.now.getTime() - Math.floor(between(rand, 0, 48 * 3600_000)),
    ).toISOString();
  }
  if (online) {
    const count = 1 + Math.floor(rand() * 3);
    alert.contentUrls = Array.from({ length: count }, () =>
      pick(rand, SITES)(100_000_000 + Math.floor(rand() * 900_000_000)),
    );
  }
  return alert;
}
