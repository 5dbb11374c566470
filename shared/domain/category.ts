import { z } from 'zod';

/** 第十一条: the ten ways an officer's enforcement authority can be infringed. */
export const INFRINGEMENT_CATEGORIES = [
  'violent_attack',
  'vehicle_ramming',
  'mob_obstruction',
  'physical_harm',
  'threat_harassment',
  'false_accusation',
  'malicious_complaint',
  'privacy_violation',
  'wrongful_discipline',
  'other',
] as const;

export const InfringementCategory = z.enum(INFRINGEMENT_CATEGORIES);
export type InfringementCategory = z.infer<typeof InfringementCategory>;

/**
 * The categories' Chinese names in the words of 第十一条, for case documents and the console's
 * zh-CN labels (the one source for both).
 */
export const CATEGORY_NAMES: Readonly<Record<InfringementCategory, string>> = {
  violent_attack: '受到暴力袭击',
  vehicle_ramming: '被车辆冲撞、碾轧、拖拽、剐蹭',
  mob_obstruction: '被聚众哄闹、围堵拦截、冲击、阻碍',
  physical_harm: '受到扣押、撕咬、拉扯、推搡等侵害',
  threat_harassment: '本人及其近亲属受到威胁、恐吓、侮辱、谩骂、诽谤、骚扰',
  false_accusation: '本人及其近亲属受到诬告陷害、打击报复',
  malicious_complaint: '被恶意投诉、炒作',
  privacy_violation: '本人及其近亲属个人隐私被侵犯',
  wrongful_discipline: '被错误追究责任或者受到内部不公正处分、处理',
  other: '执法权威受到侵犯的其他情形',
};

/**
 * Short Chinese names, for map markers, lists and the exported ledger (an Excel file leaves the
 * system, so it carries words): the one source for the client's zh-CN labels and the server's.
 */
export const CATEGORY_SHORT_NAMES: Readonly<Record<InfringementCategory, string>> = {
  violent_attack: '暴力袭击',
  vehicle_ramming: '车辆冲撞',
  mob_obstruction: '聚众阻碍',
  physical_harm: '扣押推搡',
  threat_harassment: '威胁骚扰',
  false_accusation: '诬告报复',
  malicious_complaint: '恶意投诉',
  privacy_violation: '隐私侵犯',
  wrongful_discipline: '错误追责',
  other: '其他',
};

/** Categories where violence is under way at a scene: they rank first and call for forces at once (第九条). */
export const VIOLENT_CATEGORIES: ReadonlySet<InfringementCategory> = new Set([
  'violent_attack',
  'vehicle_ramming',
  'physical_harm',
]);

/**
 * Matters that are never an emergency at a scene (第十一条(七)(九)): an officer disputing a
 * disciplinary finding, malicious complaints and smears. They are applications to 维权办
 * (第十二条, 第二十四条), filed at /api/v1/applications; the alert API refuses them.
 */
export const APPLICATION_CATEGORIES = ['wrongful_discipline', 'malicious_complaint'] as const;
export const ApplicationCategory = z.enum(APPLICATION_CATEGORIES);
export type ApplicationCategory = z.infer<typeof ApplicationCategory>;

export function isApplicationCategory(category: InfringementCategory): boolean {
  return (APPLICATION_CATEGORIES as readonly string[]).includes(category);
}

/** Categories that happen at a scene and so want units sent, as opposed to case-only ones. */
export const ON_SCENE_CATEGORIES: ReadonlySet<InfringementCategory> = new Set([
  'violent_attack',
  'vehicle_ramming',
  'mob_obstruction',
  'physical_harm',
  'threat_harassment',
]);
