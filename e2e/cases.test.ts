import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, startTestRuntime, type TestRuntime } from '../server/testing/testRuntime';
import { launchChromium, logInLive, OFFLINE_TILES, screenshot, seriousA11yViolations } from './browser';

const DESK = { viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

async function json(rt: TestRuntime, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${rt.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('rights-protection cases in Chromium (issue #12)', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let caseId = '';

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', OFFLINE_TILES);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('lets an officer apply from the field app and see the application under “my applications”', async () => {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      serviceWorkers: 'block',
    });
    const phone = await ctx.newPage();
    await phone.goto(rt.url);
    await phone.getByTestId('login-username').fill('GX-P01');
    await phone.getByTestId('login-password').fill(DEMO_PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('field-cases').waitFor({ timeout: 30_000 });
    await phone.getByTestId('field-apply').click();
    await phone.getByTestId('field-apply-category').selectOption('threat_harassment');
    await phone
      .getByTestId('field-apply-summary')
      .fill('查处赌博后被当事人尾随至住处，并在微信群辱骂威胁家人');
    await phone.getByTestId('field-apply-submit').click();
    await phone.getByTestId('field-applied').waitFor();
    const row = phone.locator('[data-testid="field-case"][data-status="received"]');
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('待决定');
    await screenshot(phone, 'cases-field-applied-390x844');
    const cookie = await loginAs(rt.url, 'rights_office');
    const list = await json(rt, cookie, 'GET', '/api/v1/cases');
    caseId = list.body.cases[0].id;
    expect(list.body.cases[0]).toMatchObject({ channel: 'mobile_app', status: 'received' });
    await ctx.close();
  }, 120_000);

  it('has 维权办 accept it in time, a department record its result, and the written feedback produced', async () => {
    const rights: Page = await (await browser.newContext(DESK)).newPage();
    await logInLive(rights, rt.url, 'rights_office');
    await rights.getByTestId('dept-tab-cases').click();
    await rights.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`).click();
    await rights.locator(`[data-testid="case-detail"][data-status="received"]`).waitFor();
    // Countdown on the decision deadline (第十四条).
    await rights.getByTestId('case-detail').getByTestId('case-deadline').first().waitFor();
    await rights.getByTestId('case-accept').click();
    await rights.locator('[data-testid="case-detail"][data-status="accepted"]').waitFor();

    const cookie = await loginAs(rt.url, 'rights_office');
    const accepted = (await json(rt, cookie, 'GET', `/api/v1/cases/${caseId}`)).body;
    const decided = accepted.timeline.find((e: { kind: string }) => e.kind === 'accepted');
    expect(decided.details.inTime).toBe(true);
    expect(decided.details.decidedOn <= accepted.deadlines.acceptance.due).toBe(true);

    await rights.getByTestId('case-task-department').selectOption('investigation');
    await rights.getByTestId('case-task-request').fill('查明行为人身份并依法处置');
    await rights.getByTestId('case-task-form').locator('button[type="submit"]').click();
    await rights.locator('[data-testid="case-task"][data-status="open"]').waitFor();

    // 刑侦 sees the case only through its task, and records the result.
    const investigation: Page = await (await browser.newContext(DESK)).newPage();
    await logInLive(investigation, rt.url, 'investigation');
    await investigation.getByTestId('dept-tab-cases').click();
    await investigation.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`).click();
    await investigation.getByTestId('case-task-result').fill('行为人已查明，已以寻衅滋事立案侦查');
    await investigation.getByTestId('case-task-result-submit').click();
    await investigation.locator('[data-testid="case-task"][data-status="done"]').waitFor();
    expect(await investigation.getByTestId('case-decision').count()).toBe(0);
    await investigation.close();

    await rights.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`).click();
    await rights.locator('[data-testid="case-task"][data-status="done"]').waitFor({ timeout: 20_000 });
    await rights
      .getByTestId('case-feedback-text')
      .fill('经调查，行为人已被依法立案侦查。\n已对民警家属开展保护。');
    await rights.getByTestId('case-feedback-submit').click();
    await rights.locator('[data-testid="case-detail"][data-status="feedback_given"]').waitFor();
    const href = await rights.getByTestId('case-feedback-doc').getAttribute('href');
    expect(href).toMatch(/\/api\/v1\/cases\/[^/]+\/feedback-letter$/);
    await screenshot(rights, 'cases-workspace-1600x1000');
    expect(await seriousA11yViolations(rights)).toEqual([]);
    const letter = await (await browser.newContext(DESK)).newPage();
    await logInLive(letter, rt.url, 'rights_office');
    await letter.goto(`${rt.url}${href}`);
    const text = await letter.locator('body').textContent();
    expect(text).toContain('调查结论及处理情况反馈书');
    expect(text).toContain('行为人已被依法立案侦查');
    await screenshot(letter, 'cases-feedback-letter');
    await letter.close();
    await rights.close();
  }, 180_000);

  it('shows an overdue case in red on the supervisor view', async () => {
    const cookie = await loginAs(rt.url, 'rights_office');
    // A paper application entered three weeks late: its 3 working days are long gone.
    const late = await json(rt, cookie, 'POST', '/api/v1/cases', {
      channel: 'written',
      category: 'malicious_complaint',
      summary: '被恶意投诉（书面申请，补录）',
      applicant: { kind: 'unit', unitName: '城关派出所' },
      receivedAt: new Date(Date.now() - 21 * 86_400_000).toISOString(),
    });
    expect(late.status).toBe(201);
    const sup: Page = await (await browser.newContext(DESK)).newPage();
    await logInLive(sup, rt.url, 'supervisor1');
    await sup.getByTestId('supervisor-view').waitFor();
    const row = sup.locator(`[data-testid="sup-case"][data-case-id="${late.body.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    const badge = row.getByTestId('case-deadline');
    expect(await badge.getAttribute('data-state')).toBe('overdue');
    const colour = await badge.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).toBe('rgb(255, 90, 95)');
    await screenshot(sup, 'cases-supervisor-overdue');
    await sup.close();
  }, 120_000);
});
