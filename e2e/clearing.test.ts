import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../server/testing/alerts';
import { startTestRuntime, type TestRuntime } from '../server/testing/testRuntime';
import { launchChromium, logInLive, OFFLINE_TILES, screenshot } from './browser';

describe('the 清零 view in Chromium (issue #13 item 4)', () => {
  let rt: TestRuntime;
  let browser: Browser;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', OFFLINE_TILES);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('lists an open incident without a reason, takes the reason, and shows the period reports', async () => {
    const incident = await raiseAlert(rt.url);
    const ctx = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    await logInLive(page, rt.url, 'supervisor1');
    // the alarm banner of the new incident: take it, so the view is seen as a supervisor sees it after
    await page.getByTestId('view-clearing').click();
    const item = page.locator(`[data-testid="clearing-item"][data-item-id="${incident.id}"]`);
    await item.waitFor({ timeout: 20_000 });
    await page.getByTestId('clearing-month').waitFor();
    await screenshot(page, 'clearing-view-1920x1080');
    await item.locator('input').fill('嫌疑人在逃，次日继续布控');
    await item.locator('button[type="submit"]').click();
    // Only the items still without a reason are listed: the one just carried over leaves.
    await item.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.getByTestId('clearing-pending').textContent()).toMatch(/待说明/);
    await screenshot(page, 'clearing-view-after-1920x1080');
    await ctx.close();
  });
});
