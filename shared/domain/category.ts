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

/** Categories where violence is under way at a scene: they rank first and call for forces at once (第九条). */
export const VIOLENT_CATEGORIES: ReadonlySet<InfringementCategory> = new Set([
  'violent_attack',
  'vehicle_ramming',
  'physical_harm',
]);

/** Categories that happen at a scene and so want units sent, as opposed to case-only ones. */
export const ON_SCENE_CATEGORIES: ReadonlySet<InfringementCategory> = new Set([
  'violent_attack',
  'vehicle_ramming',
  'mob_obstruction',
  'physical_harm',
  'threat_harassment',
]);
