import { routes } from '@shared/api/routes';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../server/testing/alerts';
import { expectOk, testClient } from '../server/testing/testClient';
import { loginAs, startTestRuntime, type TestRuntime } from '../server/testing/testRuntime';
import {
  launchChromium,
  logInLive,
  OFFLINE_TILES,
  openWallPage,
  screenshot,
  seriousA11yViolations,
} from './browser';

const HOUR = 3_600_000;

describe('early warnings on the supervisor wall in Chromium', () => {
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

  it('shows warnings as they fire, with their evidence, and takes one up with a note', async () => {
    await logInLive(page, rt.url, 'supervisor1');
    await page.getByTestId('supervisor-view').waitFor();
    await page.getByTestId('warnings-panel').waitFor();

    // An obstruction alert 30 hours old with no case, then a case entered 20 days after receipt:
    // the case's change queues the evaluation, which fires both while the wall is open.
    const incident = await raiseAlert(rt.url, {
      category: 'mob_obstruction',
      source: 'call_110',
      position: { lat: 25.87, lng: 115.02 },
      address: '赣县区 王母渡镇 圩镇',
    });
    await rt.database.db
      .updateTable('incidents')
      .set({ raised_at: new Date(Date.now() - 30 * HOUR) })
      .where('id', '=', incident.id)
      .execute();
    const office = testClient(rt.url, await loginAs(rt.url, 'rights_office'));
    const late = expectOk(
      await office(routes.cases.create, {
        body: {
          channel: 'written',
          category: 'violent_attack',
          summary: '执法时被当事人殴打（测试）',
          applicant: { kind: 'unit', unitName: '梅林派出所' },
          receivedAt: new Date(Date.now() - 20 * 24 * HOUR).toISOString(),
        },
      }),
      201,
    );

    const unfiled = page.locator('[data-testid="warning-item"][data-model="unfiled_obstruction"]', {
      hasText: incident.reference,
    });
    await unfiled.waitFor({ timeout: 30_000 });
    expect(await unfiled.getByTestId('warning-summary').textContent()).toContain('仍未立维权案件');
    const overdue = page.locator('[data-testid="warning-item"][data-model="deadline_overdue"]', {
      hasText: late.reference,
    });
    await overdue.waitFor({ timeout: 30_000 });
    expect(await overdue.getByTestId('warning-summary').textContent()).toContain('已超期');
    await page.getByTestId('warnings-active-count').waitFor();
    await screenshot(page, 'warnings-supervisor-1920x1080', { readme: 'warnings.png' });

    // Taken up with a note, through the panel.
    await unfiled.getByTestId('warning-acknowledge').click();
    await unfiled.getByTestId('warning-submit').click();
    await unfiled.getByRole('alert').waitFor();
    await unfiled.getByTestId('warning-note').fill('已电话联系王母渡派出所核实');
    await unfiled.getByTestId('warning-submit').click();
    await page
      .locator('[data-testid="warning-item"][data-model="unfiled_obstruction"][data-status="acknowledged"]', {
        hasText: '已电话联系王母渡派出所核实',
      })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The incident link opens it on the console view.
    await unfiled.locator('[data-testid="warning-ref"][data-kind="incident"]').click();
    await page.getByTestId('supervisor-view').waitFor({ state: 'detached' });
  });
});
