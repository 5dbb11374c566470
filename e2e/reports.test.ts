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

const HOUR = 3600_000;
const CHINA = 8 * HOUR;

/** A time this month in China, `days` after the 1st at `hour` o'clock, never in the future. */
function thisMonth(days: number, hour: number): string {
  const now = Date.now();
  const china = new Date(now + CHINA);
  const first = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), 1) - CHINA;
  const at = Math.min(first + days * 24 * HOUR + hour * HOUR, now - HOUR);
  return new Date(Math.max(at, first)).toISOString();
}

/** The same in the month before. */
function lastMonth(days: number, hour: number): string {
  const china = new Date(Date.now() + CHINA);
  const first = Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - 1, 1) - CHINA;
  return new Date(first + days * 24 * HOUR + hour * HOUR).toISOString();
}

describe('the ledger and the monthly report in Chromium (第三十五条)', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let page: Page;
  const refs: string[] = [];

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', OFFLINE_TILES);
    // Officers of three different units, so the report has units to rank.
    const officers = await rt.database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'org_unit_id'])
      .where('role', '=', 'field_officer')
      .where('org_unit_id', 'is not', null)
      .orderBy('username')
      .execute();
    const byUnit = new Map<string, (typeof officers)[number]>();
    for (const o of officers) if (o.org_unit_id && !byUnit.has(o.org_unit_id)) byUnit.set(o.org_unit_id, o);
    const [a, b, c] = [...byUnit.values()];
    if (!a || !b || !c) throw new Error('three demo units with officers expected');
    const seeds = [
      { category: 'violent_attack', at: thisMonth(1, 21), officer: a, injured: true },
      {
        category: 'vehicle_ramming',
        at: thisMonth(3, 22),
        officer: a,
        injured: true,
        onRoad: true,
        vehicle: true,
      },
      { category: 'vehicle_ramming', at: thisMonth(8, 20), officer: a, onRoad: true, vehicle: true },
      { category: 'mob_obstruction', at: thisMonth(5, 10), officer: b },
      { category: 'physical_harm', at: thisMonth(9, 15), officer: b, injured: true },
      { category: 'threat_harassment', at: thisMonth(12, 9), officer: c },
      { category: 'violent_attack', at: lastMonth(4, 21), officer: a },
      { category: 'mob_obstruction', at: lastMonth(10, 11), officer: b },
    ] as const;
    for (const s of seeds) {
      const incident = await raiseAlert(rt.url, {
        category: s.category,
        source: 'call_110',
        position: { lat: 25.86 + refs.length * 0.01, lng: 115.01 + refs.length * 0.01 },
        address: '赣县区 测试路',
        occurredAt: s.at,
        officers: [{ userId: s.officer.id }],
        injured: 'injured' in s,
        onRoad: 'onRoad' in s,
        vehicleInvolved: 'vehicle' in s,
      });
      refs.push(incident.reference);
    }
    // A case straight to 维权办, accepted, with a comfort payment approved by the director.
    const office = testClient(rt.url, await loginAs(rt.url, 'rights_office'));
    const approver = await rt.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'committee_director')
      .executeTakeFirstOrThrow();
    const created = expectOk(
      await office(routes.cases.create, {
        body: {
          channel: 'written',
          category: 'false_accusation',
          summary: '执法后遭当事人诬告',
          applicant: { kind: 'relative', name: '刘桂兰', relation: 'mother', phone: '13912345678' },
          officers: [{ userId: c.id, name: c.display_name }],
          receivedAt: thisMonth(2, 10),
        },
      }),
      201,
    );
    expectOk(await office(routes.cases.decide, { params: { id: created.id }, body: { decision: 'accept' } }));
    expectOk(
      await office(routes.cases.addRemedy, {
        params: { id: created.id },
        body: { kind: 'comfort_money', amountYuan: 3000, approvedBy: approver.id },
      }),
      201,
    );
    refs.push(created.reference);

    browser = await launchChromium();
    page = await openWallPage(browser);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('opens the ledger from the supervisor view, filters it, and offers the exports', async () => {
    await logInLive(page, rt.url, 'supervisor1');
    await page.getByTestId('view-ledger').click();
    await page.getByTestId('ledger-view').waitFor();
    // the default range opens on last month's first day: every seeded matter is listed
    await page
      .locator('[data-testid="ledger-row"]')
      .nth(refs.length - 1)
      .waitFor();
    expect(await page.getByTestId('ledger-total').textContent()).toContain(String(refs.length));
    const caseRow = page.locator('[data-testid="ledger-row"][data-kind="case"]');
    expect(await caseRow.textContent()).toContain('刘**');
    expect(await page.locator('body').textContent()).not.toContain('13912345678');
    await screenshot(page, 'ledger-1920x1080');

    await page.getByTestId('ledger-filter-category').selectOption('vehicle_ramming');
    await page.locator('[data-testid="ledger-row"]').nth(1).waitFor();
    expect(await page.locator('[data-testid="ledger-row"]').count()).toBe(2);
    const csv = await page.getByTestId('ledger-export-csv').getAttribute('href');
    expect(csv).toContain('category=vehicle_ramming');
    expect(csv).toContain('format=csv');
    // the link the browser would follow answers with the file
    const res = await page.request.get(new URL(csv ?? '', rt.url).toString());
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('renders the monthly report with its charts and guidance, on the wall and for print', async () => {
    await page.getByTestId('view-reports').click();
    await page.getByTestId('report-view').waitFor();
    await page.getByTestId('report-guidance').waitFor({ timeout: 30_000 });
    // bars for categories, hours, units and townships, drawn as SVG
    const charts = page.getByTestId('report-chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="report-chart"] svg path').length > 20,
    );
    const totals = await page.getByTestId('report-total').allTextContents();
    expect(totals[1]).toBe('6');
    expect(await page.getByTestId('report-guidance-unit').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('report-remedies').textContent()).toContain('3,000');
    await screenshot(page, 'report-month-1920x1080');
    await page.getByTestId('report-hours').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'report-month-charts-1920x1080');
    await page.getByTestId('report-units').scrollIntoViewIfNeeded();
    await screenshot(page, 'report-month-units-1920x1080');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // the previous month, and back
    await page.getByTestId('report-prev').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-total"]').length === 3);
    await page.locator('[data-testid="report-total"]').nth(1).filter({ hasText: /^2$/ }).waitFor();
    await page.getByTestId('report-next').click();
    await page.locator('[data-testid="report-total"]').nth(1).filter({ hasText: /^6$/ }).waitFor();

    // paper: the console around it is left out, black on white
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const look = await page.getByTestId('report-view').evaluate((el) => ({
      background: getComputedStyle(el).backgroundColor,
      color: getComputedStyle(el).color,
      header: getComputedStyle(document.querySelector('.app-header') as Element).visibility,
    }));
    expect(look.background).toBe('rgb(255, 255, 255)');
    expect(look.color).toBe('rgb(17, 17, 17)');
    expect(look.header).toBe('hidden');
    await screenshot(page, 'report-month-print');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
  });

  it('is reachable from 维权办’s workspace, in English too', async () => {
    const office = await openWallPage(browser, 'en');
    try {
      await logInLive(office, rt.url, 'rights_office');
      await office.getByTestId('language-toggle').click();
      await office.getByTestId('dept-tab-reports').click();
      await office.getByTestId('report-guidance').waitFor({ timeout: 30_000 });
      expect(await office.getByTestId('report-view').textContent()).toContain('Enforcement safety guidance');
      await screenshot(office, 'report-month-en-1920x1080');
      await office.getByTestId('dept-tab-ledger').click();
      await office.getByTestId('ledger-table').waitFor();
      await screenshot(office, 'ledger-rights-office-1920x1080');
    } finally {
      await office.close();
    }
  });
});
