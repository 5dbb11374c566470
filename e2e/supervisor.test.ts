import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../server/testing/alerts';
import {
  connectConsole,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  type TestSocket,
} from '../server/testing/testRuntime';
import { launchChromium, logInLive, openWallPage, screenshot, seriousA11yViolations } from './browser';

async function post(rt: TestRuntime, cookie: string, path: string, body?: unknown): Promise<number> {
  const res = await fetch(`${rt.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.status;
}

describe('the supervisor view in Chromium', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let page: Page;
  let frozen: TestSocket | null = null;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', {
      TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
      // Every linkage task must be acknowledged within 2 s here, so overdue tasks show at once;
      // the escalation ladder then waits an hour between steps.
      TASK_ACK_DEADLINE_CAP_S: '2',
      TASK_ESCALATION_STEP_S: '3600',
    });
    browser = await launchChromium();
    page = await openWallPage(browser);
  });
  afterAll(async () => {
    frozen?.close();
    await browser?.close();
    await rt?.close();
  });

  it('shows a console that did not confirm a distress alarm as lagging, and overdue tasks in red', async () => {
    // History for the intervals: an incident dispatcher1 acknowledged.
    const dispatcher = await loginAs(rt.url, 'dispatcher1');
    const earlier = await raiseAlert(rt.url, {
      category: 'mob_obstruction',
      source: 'call_110',
      position: { lat: 25.87, lng: 115.02 },
      address: '赣县区 王母渡镇 圩镇',
    });
    expect(await post(rt, dispatcher, `/api/v1/incidents/${earlier.id}/acknowledge`)).toBe(200);

    // dispatcher2's console receives alarms but never confirms them (a frozen browser tab).
    frozen = await connectConsole(rt.url, await loginAs(rt.url, 'dispatcher2'));

    await logInLive(page, rt.url, 'supervisor1');
    await page.getByTestId('supervisor-view').waitFor();
    await page.locator('[data-testid="sup-state"][data-state="acknowledged"][data-count="1"]').waitFor();

    const incident = await raiseAlert(rt.url, {
      category: 'violent_attack',
      source: 'sos_button',
      position: { lat: 25.8607, lng: 115.0116, accuracyM: 10 },
      address: '赣县区 梅林镇 长征路',
      injured: true,
    });
    // The alarm reaches the supervisor over this view too.
    await page.getByTestId('alarm-banner').waitFor();
    await page.locator(`[data-testid="sup-incident"][data-incident-id="${incident.id}"]`).waitFor();
    await page.locator('[data-testid="sup-state"][data-state="new"][data-count="1"]').waitFor();

    // Within the 5 s confirmation deadline plus one 5 s poll, dispatcher2 shows as lagging.
    const lagging = page.locator(
      '[data-testid="sup-console"][data-username="dispatcher2"][data-lagging="true"]',
    );
    await lagging.waitFor({ timeout: 20_000 });
    expect(await lagging.evaluate((el) => el.classList.contains('is-lagging'))).toBe(true);
    // The supervisor's own console confirmed: not lagging.
    await page
      .locator('[data-testid="sup-console"][data-username="supervisor1"][data-lagging="false"]')
      .waitFor();

    // The linkage tasks passed their 2 s deadline without anyone taking them: red, and in words.
    const overdue = page.locator('[data-testid="sup-task"][data-overdue="true"]').first();
    await overdue.waitFor({ timeout: 20_000 });
    const look = await overdue.evaluate((el) => ({
      background: getComputedStyle(el).backgroundColor,
      deadline: el.querySelector('.sup-task-deadline')?.textContent ?? '',
      deadlineBackground: getComputedStyle(el.querySelector('.sup-task-deadline') as Element).backgroundColor,
    }));
    expect(look.deadline).toContain('超时');
    const [r, g, b] = (look.deadlineBackground.match(/\d+/g) ?? []).map(Number);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(120);
    expect(b).toBeLessThan(120);
    expect(look.background).not.toBe(look.deadlineBackground);
    await page.locator('[data-testid="sup-dept"][data-department="rights_office"]').waitFor();

    // Intervals per dispatcher, for another period too.
    await page.locator('[data-testid="sup-interval-row"][data-user="dispatcher1"]').waitFor();
    await page.locator('[data-testid="sup-period"][data-period="7d"]').click();
    await page.locator('[data-testid="sup-period"][data-period="7d"][aria-pressed="true"]').waitFor();
    await page.locator('[data-testid="sup-interval-row"][data-user="dispatcher1"]').waitFor();

    // The alarm is taken from the console by dispatcher1; the wall shows the incident moved on.
    expect(await post(rt, dispatcher, `/api/v1/incidents/${incident.id}/acknowledge`)).toBe(200);
    await page.getByTestId('alarm-banner').waitFor({ state: 'detached' });
    await page.locator('[data-testid="sup-state"][data-state="acknowledged"][data-count="2"]').waitFor();
    await screenshot(page, 'supervisor-1920x1080', { readme: 'supervisor.png' });
  });

  it('switches to the console and back by keyboard, and opens an incident from the wall', async () => {
    await page.keyboard.press('v');
    await page.getByTestId('queue-empty').or(page.getByTestId('alert-item').first()).waitFor();
    await page.locator('[data-testid="view-console"][aria-pressed="true"]').waitFor();
    await page.keyboard.press('v');
    await page.getByTestId('supervisor-view').waitFor();
    await page.getByTestId('sup-incident').first().click();
    await page.getByTestId('incident-panel').waitFor();
    await page.getByTestId('view-supervisor').click();
    await page.getByTestId('supervisor-view').waitFor();
  });

  it('has a supervisor view without serious accessibility violations', async () => {
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
