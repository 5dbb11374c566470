import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LinkageRuleSetInput } from '@shared/domain/linkageRule';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from './defaultRules';
import { itemText, loadMeasures, MEASURES_PATH, normalise, parseCitation } from './measuresText';

const measures = loadMeasures();
const ruleSet = LinkageRuleSetInput.parse(DEFAULT_RULE_SET);

/** The department each rule's tasks go to, as the measures name it. */
const NAMED: Record<string, string[]> = {
  rights_office: ['维权'],
  traffic: ['交通管理大队'],
  cyber: ['网安大队'],
  political_work: ['政工室', '维权委会同职能部门'],
  logistics: ['警务保障室'],
  investigation: ['刑侦、治安等办案部门'],
  legal: ['法制'],
  inspection: ['督察'],
  local_station: ['有案(事)件管辖权的单位', '民警所属单位'],
};

function citedText(citation: string): string {
  return parseCitation(citation)
    .map(({ article, item }) => {
      const text = measures.get(article);
      if (!text) throw new Error(`${citation}: the measures have no article ${article}`);
      if (!item) return text;
      const inItem = itemText(text, item);
      if (!inItem) throw new Error(`${citation}: article ${article} has no item (${item})`);
      return inItem;
    })
    .join('');
}

describe('every linkage rule cites the measures as they are written', () => {
  it('the repository copy of the measures is the published text (when the seed is at hand)', () => {
    expect(measures.size).toBe(40);
    const seed = ['../shared', '../../shared'].map((d) =>
      path.resolve(process.cwd(), d, 'seeds/002_36f23a854b79b7d6.txt'),
    );
    const found = seed.find((p) => existsSync(p));
    if (!found) return;
    const published = normalise(readFileSync(found, 'utf8'));
    for (const [, text] of measures) expect(published).toContain(text);
    expect(MEASURES_PATH).toMatch(/ganxian-measures\.txt$/);
  });

  it.each(ruleSet.rules.map((r) => [r.id, r] as const))(
    '%s: the cited article and item exist and say it',
    (_id, rule) => {
      const text = citedText(rule.article);
      expect(rule.quote.length).toBeGreaterThan(3);
      expect(text).toContain(normalise(rule.quote));
      for (const task of rule.tasks) {
        const names = NAMED[task.departmentId] ?? [];
        expect(
          names.some((n) => text.includes(normalise(n))),
          `${rule.article} names ${task.departmentId}`,
        ).toBe(true);
      }
    },
  );

  it('第二十一条 is the handling article, and names 刑法 第277条 and the administrative path', () => {
    const text = citedText(ruleSet.handling.article);
    expect(text).toContain('妨害公务罪');
    expect(text).toContain('行政拘留');
    expect(ruleSet.handling.criminal.basis).toContain('第二百七十七条第一款');
    expect(ruleSet.handling.assaultOnPolice?.basis).toContain('袭警罪');
    expect(ruleSet.handling.assaultOnPolice?.basis).toContain('第二百七十七条第五款');
  });

  it('no rule calls registration 立案, and deadlines are labelled bureau policy, not an article', () => {
    for (const rule of ruleSet.rules) expect(rule.description).not.toContain('立案');
    expect(ruleSet.deadlinePolicy).toContain('本局规定');
    expect(ruleSet.deadlinePolicy).toContain('非《实施办法》条文');
  });

  it('the parser reads items: 第九条(六) is 刑侦、治安, not 网安', () => {
    expect(citedText('第九条(六)')).toContain('刑侦、治安等办案部门');
    expect(citedText('第九条(六)')).not.toContain('网安');
    expect(() => citedText('第九条(九)')).toThrow(/no item/);
    expect(() => citedText('第四十一条')).toThrow(/no article/);
  });
});
