import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../server/testing/alerts';
import { DEMO_PASSWORD, loginAs, startTestRuntime, type TestRuntime } from '../server/testing/testRuntime';
import {
  launchChromium,
  logInLive,
  OFFLINE_TILES,
  openWallPage,
  screenshot,
  seriousA11yViolations,
} from './browser';

describe('the command-center console in Chromium', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite', OFFLINE_TILES);
    browser = await launchChromium();
    page = await openWallPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('has a login page without serious accessibility violations', async () => {
    await page.goto(rt.url);
    await page.getByTestId('login-form').waitFor();
    await screenshot(page, 'login-1920x1080');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows a posted alert with its alarm, acknowledges by keyboard, dispatches, and sees the unit answer', async () => {
    await logInLive(page, rt.url, 'dispatcher1');
    await page.getByTestId('queue-empty').waitFor();

    const incident = await raiseAlert(rt.url, {
      category: 'violent_attack',
      source: 'sos_button',
      position: { lat: 25.8607, lng: 115.0116, accuracyM: 10 },
      address: '赣县区 梅林镇 长征路',
      injured: true,
    });
    const item = page.locator(`[data-testid="alert-item"][data-incident-id="${incident.id}"]`);
    await item.waitFor();
    await page.getByTestId('alarm-banner').waitFor();
    // On the map as well as in the queue.
    expect(await page.locator('.leaflet-container').count()).toBe(1);
    await screenshot(page, 'console-alarm-1920x1080', { readme: 'console-alarm.png' });

    await item.click();
    await page.keyboard.press('a');
    await page
      .locator(`[data-testid="alert-item"][data-incident-id="${incident.id}"][data-status="acknowledged"]`)
      .waitFor();
    await page.getByTestId('alarm-banner').waitFor({ state: 'detached' });

    await page.getByTestId('recommended-unit').first().waitFor();
    await page.keyboard.press('d');
    await page.getByTestId('dispatch-confirm').waitFor();
    await page.keyboard.press('Enter');
    await page
      .locator(`[data-testid="alert-item"][data-incident-id="${incident.id}"][data-status="dispatched"]`)
      .waitFor();
    const assignment = page.getByTestId('assignment').first();
    await assignment.waitFor();

    // The unit answers from its phone; the console shows it.
    const cookie = await loginAs(rt.url, 'dispatcher1');
    const snapshot = await (await fetch(`${rt.url}/api/v1/snapshot`, { headers: { cookie } })).json();
    const sent = snapshot.assignments.find((a: { incidentId: string }) => a.incidentId === incident.id);
    const unit = snapshot.units.find((u: { id: string }) => u.id === sent.unitId);
    const officer = await loginAs(rt.url, unit.callSign);
    const answer = await fetch(`${rt.url}/api/v1/assignments/${sent.id}/respond`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: officer },
      body: JSON.stringify({ action: 'accept' }),
    });
    expect(answer.status).toBe(200);
    await page.locator('[data-testid="assignment"] .astatus-accepted').first().waitFor();
    await screenshot(page, 'console-dispatched-1920x1080', { readme: 'console-dispatched.png' });
  });

  it('clears the alarm on every console when one dispatcher acknowledges', async () => {
    const second = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await logInLive(second, rt.url, 'dispatcher2');
    const incident = await raiseAlert(rt.url, {
      category: 'vehicle_ramming',
      source: 'call_110',
      position: { lat: 25.87, lng: 115.03 },
      onRoad: true,
    });
    for (const p of [page, second]) await p.getByTestId('alarm-banner').waitFor();
    await second.getByTestId('alarm-acknowledge-button').click();
    for (const p of [page, second]) {
      await p
        .locator(`[data-testid="alert-item"][data-incident-id="${incident.id}"][data-status="acknowledged"]`)
        .waitFor();
      await p.getByTestId('alarm-banner').waitFor({ state: 'detached' });
    }
    await second.close();
  });

  it('says so when the console’s code cannot be loaded, and loads it on its own once it can', async () => {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      serviceWorkers: 'block',
    });
    const wall = await context.newPage();
    // The network drops just as the dispatcher logs in: the console's own chunk never arrives.
    const consoleChunk = /\/assets\/ConsolePage-[\w-]+\.js$/;
    await wall.route(consoleChunk, (route) => route.abort('internetdisconnected'));
    await wall.goto(rt.url);
    await wall.getByTestId('login-username').fill('dispatcher2');
    await wall.getByTestId('login-password').fill(DEMO_PASSWORD);
    await wall.getByTestId('login-submit').click();
    await wall.getByTestId('page-error').waitFor();
    expect(await wall.getByTestId('page-error').textContent()).toContain('页面未能加载');
    expect(await wall.getByTestId('page-error-retry').textContent()).toMatch(/\d+ 秒后自动重试/);
    // Focused, so Enter reloads without anyone finding the mouse.
    expect(await wall.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'page-error-reload',
    );
    await screenshot(wall, 'console-load-failed-1920x1080');
    expect(await seriousA11yViolations(wall)).toEqual([]);

    // The network is back: nobody touches the wall, and within one retry (10 s) it is live.
    await wall.unroute(consoleChunk);
    await wall
      .getByTestId('connection-state')
      .and(wall.locator('[data-state="live"]'))
      .waitFor({ timeout: 20_000 });
    await context.close();
  });

  it('has a console page without serious accessibility violations', async () => {
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
