import { mulberry32 } from '../server/demo/demoFixtures';

/** A source of floats in [0, 1); seeded in tests so a run can be repeated. */
export type Rand = () => number;

export function createRand(seed?: number): Rand {
  return seed === undefined ? Math.random : mulberry32(seed);
}

export function between(rand: Rand, min: number, max: number): number {
  return min + rand() * (max - min);
}

/** A value around `mean`, between half and one and a half times it, so timers do not fire in step. */
export function jitter(rand: Rand, mean: number): number {
  return mean * between(rand, 0.5, 1.5);
}

export function chance(rand: Rand, probability: number): boolean {
  return rand() < probability;
}

export function pick<T>(rand: Rand, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** One key of `weights`, each with probability proportional to its weight. */
export function weighted<K extends string>(rand: Rand, weights: Readonly<Partial<Record<K, number>>>): K {
  const entries = (Object.entries(weights) as Array<[K, number | undefined]>).flatMap(
    ([k, w]): Array<[K, number]> => (w && w > 0 ? [[k, w]] : []),
  );
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  const last = entries.at(-1);
  if (!last) throw new Error('no weights');
  return last[0];
}

/** Standard normal (Box-Muller). */
export function gaussian(rand: Rand): number {
  const u = Math.max(rand(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
