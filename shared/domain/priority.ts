import { z } from 'zod';
import { type InfringementCategory, ON_SCENE_CATEGORIES, VIOLENT_CATEGORIES } from './category';

/** 1 is the most urgent. */
export const Priority = z.number().int().min(1).max(4);
export type Priority = z.infer<typeof Priority>;

export interface PriorityFacts {
  category: InfringementCategory;
  injured: boolean;
  ongoing: boolean;
}

/**
 * Violence or an injury at a scene comes first; other on-scene trouble next; online and
 * after-the-fact matters, which the rights office handles as cases, last.
 */
export function derivePriority({ category, injured, ongoing }: PriorityFacts): Priority {
  if (injured || (VIOLENT_CATEGORIES.has(category) && ongoing)) return 1;
  if (VIOLENT_CATEGORIES.has(category) || (ON_SCENE_CATEGORIES.has(category) && ongoing)) return 2;
  if (ON_SCENE_CATEGORIES.has(category) || category === 'privacy_violation') return 3;
  return 4;
}

/** A distress alert sounds the alarm on every console until someone acknowledges it. */
export function isDistress(priority: Priority): boolean {
  return priority <= 2;
}
