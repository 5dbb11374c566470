import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, startTestRuntime, type TestRuntime } from '../server/testing/testRuntime';
import { launchChromium, OFFLINE_TILES, screenshot, seriousA11yViolations } from './browser';

const WALL = { viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

async function json(rt: TestRuntime, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${rt.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

describe('the committee’s view in Chromium (维权委, 第七条/第十六条)', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let extendedId = '';
  let until = '';

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', OFFLINE_TILES);
    browser = await launchChromium();
    const office = await loginAs(rt.url, 'rights_office');
    const open = (category: string, summary: string) =>
      json(rt, office, 'POST', '/api/v1/cases', {
        channel: 'written',
        category,
        summary,
        applicant: { kind: 'unit', unitName: '梅林派出所' },
      });
    const a = (await open('violent_attack', '处警时被醉酒男子持棍殴打，民警手臂受伤')).body;
    await json(rt, office, 'POST', `/api/v1/cases/${a.id}/decision`, { decision: 'accept' });
    const due = (await json(rt, office, 'GET', `/api/v1/cases/${a.id}`)).body.deadlines.feedback
      .due as string;
    until = new Date(Date.parse(`${due}T00:00:00Z`) + 15 * 86_400_000).toISOString().slice(0, 10);
    await json(rt, office, 'POST', `/api/v1/cases/${a.id}/extension-request`, {
      until,
      reasons: '涉案人员多，需等待伤情鉴定结论',
    });
    extendedId = a.id;
    const b = (await open('mob_obstruction', '查处违停时遭二十余人围堵，执法记录仪被抢')).body;
    const member = await loginAs(rt.url, 'committee1');
    await json(rt, member, 'POST', `/api/v1/cases/${b.id}/supervision`, {
      note: '维权委督办：五个工作日内报告行为人查处情况',
    });
    await open('wrongful_discipline', '民警依法使用警械后被给予警告处分，申请复核');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('shows a member the cases before the committee, and the extension as the director’s alone', async () => {
    const page = await (await browser.newContext(WALL)).newPage();
    await logIn(page, rt.url, 'committee1');
    await page.getByTestId('committee-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('committee-row').count()).toBe(3);
    await page.locator(`[data-testid="committee-row"][data-case-id="${extendedId}"]`).click();
    await page.getByTestId('committee-director-only').waitFor();
    expect(await page.getByTestId('committee-approve').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'committee-member-1920x1080');
  }, 120_000);

  it('lets the director approve the extension, and the new date is the deadline', async () => {
    const page = await (await browser.newContext(WALL)).newPage();
    await logIn(page, rt.url, 'committee_director');
    await page.getByTestId('committee-row').first().waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="committee-row"][data-case-id="${extendedId}"]`).click();
    await page.getByTestId('committee-approve').waitFor();
    await screenshot(page, 'committee-director-1920x1080');
    await page.getByTestId('committee-approve').click();
    await page.getByTestId('committee-extension').getByText(until).waitFor({ state: 'detached' });
    await page.locator('[data-testid="committee-case"]').getByText(until).first().waitFor();
    const office = await loginAs(rt.url, 'rights_office');
    const c = (await json(rt, office, 'GET', `/api/v1/cases/${extendedId}`)).body;
    expect(c.deadlines.feedback.due).toBe(until);
    expect(c.extensionRequest).toBeNull();
    await screenshot(page, 'committee-director-approved-1920x1080');
  }, 120_000);
});
