import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The text of 《赣县区公安局维护民警执法权威工作实施办法》 as published (docs/measures), read
 * article by article so citations can be held against it.
 */
export const MEASURES_PATH = path.resolve(import.meta.dirname, '../../docs/measures/ganxian-measures.txt');

const NUMERALS = '〇一二三四五六七八九';

/** 第二十一条 → 21, 第九条 → 9. */
export function articleNumber(chinese: string): number {
  if (chinese.startsWith('十')) chinese = `一${chinese}`;
  const [tens, ones] = chinese.includes('十') ? chinese.split('十') : ['', chinese];
  return (tens ? NUMERALS.indexOf(tens) * 10 : 0) + (ones ? NUMERALS.indexOf(ones) : 0);
}

/** Full-width punctuation to half-width and no white space, so a quote matches however it was typed. */
export function normalise(text: string): string {
  return text
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/，/g, ',')
    .replace(/：/g, ':')
    .replace(/；/g, ';')
    .replace(/\s+/g, '');
}

/** Article number → its normalised text. */
export function parseArticles(raw: string): Map<number, string> {
  const text = normalise(raw);
  const articles = new Map<number, string>();
  const marker = /第([一二三四五六七八九十]+)条/g;
  const starts: Array<{ n: number; at: number }> = [];
  for (const m of text.matchAll(marker)) {
    const n = articleNumber(m[1] ?? '');
    // Only a heading starts an article: 第N条 numbered one past the previous heading.
    if (n === (starts.at(-1)?.n ?? 0) + 1) starts.push({ n, at: m.index ?? 0 });
  }
  starts.forEach((s, i) => {
    articles.set(s.n, text.slice(s.at, starts[i + 1]?.at ?? text.length));
  });
  return articles;
}

/** The text of item (一)…(十) inside an article, up to the next item. */
export function itemText(article: string, item: string): string | undefined {
  const start = article.indexOf(`(${item})`);
  if (start < 0) return undefined;
  const next = article.slice(start + 2 + item.length).search(/\([一二三四五六七八九十]+\)/);
  return next < 0 ? article.slice(start) : article.slice(start, start + 2 + item.length + next);
}

export interface Citation {
  article: number;
  item?: string;
}

/** '第九条(二)、第二十八条' → [{9,'二'},{28}]. */
export function parseCitation(citation: string): Citation[] {
  return normalise(citation)
    .split('、')
    .map((part) => {
      const m = /^第([一二三四五六七八九十]+)条(?:\(([一二三四五六七八九十]+)\))?$/.exec(part);
      if (!m) throw new Error(`not a citation: ${part}`);
      return { article: articleNumber(m[1] ?? ''), ...(m[2] ? { item: m[2] } : {}) };
    });
}

export function loadMeasures(): Map<number, string> {
  return parseArticles(readFileSync(MEASURES_PATH, 'utf8'));
}
