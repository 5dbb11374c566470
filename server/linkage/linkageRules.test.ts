import { routes } from '@shared/api/routes';
import { LinkageFacts, type LinkageRuleSet, LinkageRuleSetInput } from '@shared/domain/linkageRule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { expectError, expectOk, testClient } from '../testing/testClient';
import { loginAs, startTestRuntime, type TestRuntime } from '../testing/testRuntime';
import { DEFAULT_RULE_SET } from './defaultRules';
import { handlingFor, planTasks } from './planTasks';

const defaults = LinkageRuleSetInput.parse(DEFAULT_RULE_SET);
const plan = (facts: z.input<typeof LinkageFacts>) =>
  planTasks(defaults.rules, defaults.handling, LinkageFacts.parse(facts)).map(
    (t) => `${t.departmentId}/${t.kind}`,
  );

describe('default linkage rules (the measures as data)', () => {
  it('every rule cites an article; every alert goes to 维权办 to decide scope and register (第十四条); an application only to its review', () => {
    for (const rule of defaults.rules) expect(rule.article).toMatch(/^第.+条/);
    expect(plan({ category: 'other' })).toEqual(['rights_office/register_case']);
    expect(plan({ category: 'wrongful_discipline', application: true })).toEqual([
      'rights_office/application_review',
    ]);
  });

  it('第二十一条 chooses by what happened: a mob that injured an officer is criminal (袭警罪), a scrape-free one administrative', () => {
    const facts = {
      injured: false,
      vehicleInvolved: false,
      onRoad: false,
      ongoing: true,
      contentUrls: [],
      mediaAttention: false,
      application: false,
    };
    const mob = handlingFor(defaults.handling, { ...facts, category: 'mob_obstruction' });
    expect(mob).toMatchObject({ track: 'administrative', grounds: ['聚众哄闹、围堵拦截'] });
    const hurt = handlingFor(defaults.handling, { ...facts, category: 'mob_obstruction', injured: true });
    expect(hurt.track).toBe('criminal');
    expect(hurt.grounds).toEqual(['民警受伤']);
    expect(hurt.basis).toContain('袭警罪（刑法第二百七十七条第五款');
    expect(hurt.basis).toContain('妨害公务罪（刑法第二百七十七条第一款）');
    const threat = handlingFor(defaults.handling, { ...facts, category: 'threat_harassment' });
    expect(threat.track).toBe('administrative');
  });

  it('a scene on a road brings 交管 whatever the category; online content brings 网安', () => {
    expect(plan({ category: 'mob_obstruction', onRoad: true })).toEqual(
      expect.arrayContaining(['traffic/traffic_control', 'investigation/investigation']),
    );
    expect(plan({ category: 'violent_attack', contentUrls: ['https://example.invalid/v'] })).toEqual(
      expect.arrayContaining(['cyber/evidence_preservation', 'cyber/content_takedown']),
    );
    expect(plan({ category: 'malicious_complaint', ongoing: false })).toEqual([
      'rights_office/register_case',
      'cyber/evidence_preservation',
      'cyber/content_takedown',
    ]);
  });

  it('第二十一条: criminal for violence, administrative for obstruction, references from data', () => {
    const violent = planTasks(defaults.rules, defaults.handling, {
      category: 'physical_harm',
      injured: false,
      vehicleInvolved: false,
      onRoad: false,
      ongoing: true,
      contentUrls: [],
      mediaAttention: false,
      application: false,
    }).find((t) => t.kind === 'investigation');
    expect(violent?.handling?.track).toBe('criminal');
    const mob = planTasks(defaults.rules, defaults.handling, {
      category: 'mob_obstruction',
      injured: false,
      vehicleInvolved: false,
      onRoad: false,
      ongoing: true,
      contentUrls: [],
      mediaAttention: false,
      application: false,
    }).find((t) => t.kind === 'investigation');
    expect(mob?.handling).toMatchObject({ track: 'administrative', article: '第二十一条' });
    expect(mob?.handling?.basis).toContain('治安管理处罚法');
  });

  it('caps deadlines when configured (drills and tests)', () => {
    const capped = planTasks(
      defaults.rules,
      defaults.handling,
      {
        category: 'other',
        injured: false,
        vehicleInvolved: false,
        onRoad: false,
        ongoing: true,
        contentUrls: [],
        mediaAttention: false,
        application: false,
      },
      2,
    );
    expect(capped.every((t) => t.ackDeadlineS <= 2)).toBe(true);
  });

  it('refuses a rule without an article, an unknown department, or duplicate ids', () => {
    const rule = defaults.rules[0]!;
    expect(LinkageRuleSetInput.safeParse({ ...defaults, rules: [{ ...rule, article: '' }] }).success).toBe(
      false,
    );
    expect(
      LinkageRuleSetInput.safeParse({
        ...defaults,
        rules: [{ ...rule, tasks: [{ departmentId: 'fire_brigade', kind: 'comfort', ackDeadlineS: 60 }] }],
      }).success,
    ).toBe(false);
    expect(LinkageRuleSetInput.safeParse({ ...defaults, rules: [rule, rule] }).success).toBe(false);
  });
});

describe('linkage rules API', () => {
  let rt: TestRuntime;
  let admin: string;
  beforeAll(async () => {
    rt = await startTestRuntime('postgres');
    admin = await loginAs(rt.url, 'admin');
  });
  afterAll(async () => rt?.close());

  it('admins read and replace the rules as a new version; others may not; a stale edit is a 409', async () => {
    const api = testClient(rt.url, admin);
    const dispatcher = testClient(rt.url, await loginAs(rt.url, 'dispatcher1'));
    const v1 = expectOk(await api(routes.linkage.rules, {}), 200);
    expect(v1.version).toBe(1);
    expect(v1.rules.map((r) => r.id)).toContain('register-case');
    expectError(await dispatcher(routes.linkage.rules, {}), 403, 'forbidden');

    const [first] = v1.rules;
    if (!first) throw new Error('no rules');
    const bad = await api(routes.linkage.replaceRules, {
      body: { basedOnVersion: 1, ruleSet: { rules: [{ ...first, article: '' }], handling: v1.handling } },
    });
    const error = expectError(bad, 400, 'validation_failed');
    expect(error.details?.map((d) => d.path)).toContain('body.ruleSet.rules.0.article');

    const logistics = {
      id: 'injured-logistics',
      article: '第九条',
      description: '民警受伤：警务保障室慰问金',
      when: [{ injured: true }],
      tasks: [{ departmentId: 'logistics' as const, kind: 'comfort' as const, ackDeadlineS: 3600 }],
    };
    const saved = await api(routes.linkage.replaceRules, {
      body: { basedOnVersion: 1, ruleSet: { rules: [...v1.rules, logistics], handling: v1.handling } },
    });
    expect(expectOk(saved, 200)).toMatchObject({ version: 2, createdBy: expect.stringMatching(/^user:/) });
    const stale = await api(routes.linkage.replaceRules, {
      body: { basedOnVersion: 1, ruleSet: { rules: v1.rules, handling: v1.handling } },
    });
    expectError(stale, 409, 'conflict');

    const preview = await dispatcher(routes.linkage.preview, {
      body: { alert: { category: 'vehicle_ramming', injured: true, onRoad: true } },
    });
    const { version, tasks } = expectOk(preview, 200);
    expect(version).toBe(2);
    expect(tasks.map((t) => t.departmentId)).toEqual(
      expect.arrayContaining(['rights_office', 'traffic', 'political_work', 'investigation', 'logistics']),
    );
    const draft = await dispatcher(routes.linkage.preview, {
      body: { alert: { category: 'other' }, ruleSet: { rules: v1.rules, handling: v1.handling } },
    });
    expectError(draft, 403, 'forbidden');
    const audit = await rt.ctx.db
      .selectFrom('audit_log')
      .select('target')
      .where('action', '=', 'linkage_rules.replace')
      .execute();
    expect(audit.map((a) => a.target)).toEqual(['linkage_rules:2']);
  });
});
