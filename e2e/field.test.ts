import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_DEVICE_KEY,
  DEMO_PASSWORD,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  waitFor,
} from '../server/testing/testRuntime';
import { launchChromium, OFFLINE_TILES, screenshot, seriousA11yViolations } from './browser';

const PHONE = { width: 390, height: 844 };
const SCENE = { latitude: 25.8607, longitude: 115.0116, accuracy: 12 };

declare global {
  interface Window {
    __vibrations: Array<number | number[]>;
  }
}

async function api(rt: TestRuntime, cookie: string, method: string, pathname: string, body?: unknown) {
  const res = await fetch(`${rt.url}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function logIn(page: Page, url: string, username: string) {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

/** Presses the SOS button with the mouse (a finger on a phone) for `ms`. */
async function press(page: Page, ms: number) {
  const box = await page.getByTestId('sos-button').boundingBox();
  if (!box) throw new Error('no SOS button');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

describe('the field app on a phone (390×844) in Chromium', () => {
  let rt: TestRuntime;
  let dataDir: string;
  let browser: Browser;
  let phoneContext: BrowserContext;
  let phone: Page;
  let consolePage: Page;
  let dispatcher: string;
  let officerId: string;
  let unitId: string;

  const sosIncidents = () =>
    rt.database.db
      .selectFrom('incidents')
      .select(['id', 'status', 'category', 'raised_at'])
      .where('raised_by_user_id', '=', officerId)
      .orderBy('raised_at')
      .execute();
  const timelineKinds = async (incidentId: string) =>
    (await api(rt, dispatcher, 'GET', `/api/v1/incidents/${incidentId}/timeline`)).body.entries.map(
      (e: { kind: string }) => e.kind,
    ) as string[];
  const vibrations = () => phone.evaluate(() => window.__vibrations.length);

  async function dispatchToOfficer(): Promise<{ incidentId: string; assignmentId: string }> {
    const raised = await fetch(`${rt.url}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_DEVICE_KEY}` },
      body: JSON.stringify({
        category: 'mob_obstruction',
        source: 'call_110',
        position: { lat: 25.8655, lng: 115.0188 },
        address: '赣县区 梅林镇 建设路 农贸市场门口',
      }),
    });
    const incident = await raised.json();
    const sent = await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/dispatch`, {
      unitIds: [unitId],
    });
    expect(sent.status).toBe(200);
    return { incidentId: incident.id, assignmentId: sent.body.assignments[0].id };
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-field-e2e-'));
    rt = await startTestRuntime('pglite', {
      TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
      DATA_DIR: dataDir,
      ASSIGNMENT_FALLBACK_S: '600',
    });
    dispatcher = await loginAs(rt.url, 'dispatcher1');
    const officer = await rt.database.db
      .selectFrom('users')
      .select(['id', 'unit_id'])
      .where('username', '=', 'GX-P01')
      .executeTakeFirstOrThrow();
    officerId = officer.id;
    unitId = officer.unit_id ?? '';
    browser = await launchChromium();
    phoneContext = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      geolocation: SCENE,
      permissions: ['geolocation'],
      // The offline and lost-answer checks route requests; a service worker would hide them.
      serviceWorkers: 'block',
    });
    await phoneContext.addInitScript(() => {
      window.__vibrations = [];
      Object.defineProperty(navigator, 'vibrate', {
        value: (pattern: number | number[]) => {
          window.__vibrations.push(pattern);
          return true;
        },
      });
    });
    phone = await phoneContext.newPage();
    consolePage = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await logIn(consolePage, rt.url, 'dispatcher1');
    await consolePage
      .getByTestId('connection-state')
      .and(consolePage.locator('[data-state="live"]'))
      .waitFor({ timeout: 20_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lands the unit’s officer on the field app, reporting the phone’s position while on duty', async () => {
    await logIn(phone, rt.url, 'GX-P01');
    await phone.getByTestId('field-app').waitFor({ timeout: 20_000 });
    await phone.getByTestId('field-connection').and(phone.locator('[data-state="live"]')).waitFor();
    expect(await phone.getByTestId('field-callsign').textContent()).toBe('GX-P01');
    await phone.getByTestId('geo-state').and(phone.locator('[data-state="ok"]')).waitFor();
    const reported = await waitFor(async () => {
      const units = (await api(rt, dispatcher, 'GET', '/api/v1/units')).body.units as Array<{
        id: string;
        position: { lat: number; lng: number } | null;
      }>;
      const mine = units.find((u) => u.id === unitId);
      return mine?.position && Math.abs(mine.position.lat - SCENE.latitude) < 1e-4 ? mine : undefined;
      // Position reports are volatile (a report may be dropped or shed); the app offers its last fix
      // again every 15 s, so two of those fit in the wait.
    }, 35_000);
    expect(reported.position?.lng).toBeCloseTo(SCENE.longitude, 4);
    await screenshot(phone, 'field-home-390x844', { readme: 'field-home.png' });
    expect(await seriousA11yViolations(phone)).toEqual([]);
  });

  it('does nothing on a short press of the SOS button', async () => {
    const before = (await sosIncidents()).length;
    await press(phone, 500);
    await phone.waitForTimeout(1500);
    expect(await phone.getByTestId('sos-overlay').count()).toBe(0);
    expect((await sosIncidents()).length).toBe(before);
  });

  it('raises an SOS on a 1.5 s hold that the console shows with its alarm; the category is refined after', async () => {
    const before = (await sosIncidents()).length;
    await press(phone, 1800);
    await phone.getByTestId('sos-overlay').and(phone.locator('[data-phase="countdown"]')).waitFor();
    await screenshot(phone, 'field-sos-countdown-390x844', { readme: 'field-sos-countdown.png' });
    const incident = await waitFor(async () => (await sosIncidents())[before]);
    expect(await vibrations()).toBeGreaterThan(0);

    await consolePage.locator(`[data-testid="alert-item"][data-incident-id="${incident.id}"]`).waitFor();
    await consolePage.getByTestId('alarm-banner').waitFor();
    await screenshot(consolePage, 'field-sos-on-console-1280x800');

    await phone
      .getByTestId('sos-overlay')
      .and(phone.locator('[data-phase="sent"]'))
      .waitFor({ timeout: 8000 });
    await phone.locator('[data-testid="sos-category"][data-category="mob_obstruction"]').click();
    await waitFor(async () =>
      (await sosIncidents())[before]?.category === 'mob_obstruction' ? true : undefined,
    );
    await screenshot(phone, 'field-sos-sent-390x844');
    await phone.getByTestId('sos-close').click();
    expect((await sosIncidents())[before]?.status).toBe('new');
    await api(rt, dispatcher, 'POST', `/api/v1/incidents/${incident.id}/close`, { outcome: 'controlled' });
  });

  it('records a press cancelled in the countdown as a false activation and clears the console’s alarm', async () => {
    const before = (await sosIncidents()).length;
    await press(phone, 1700);
    await phone.getByTestId('sos-cancel').click();
    const incident = await waitFor(async () => {
      const row = (await sosIncidents())[before];
      return row?.status === 'false_alarm' ? row : undefined;
    });
    expect(await timelineKinds(incident.id)).toContain('sos_cancelled');
    await phone.getByTestId('field-notice').and(phone.locator('[data-kind="sosCancelled"]')).waitFor();
    await consolePage
      .locator(`[data-testid="alert-item"][data-incident-id="${incident.id}"]`)
      .waitFor({ state: 'detached' });
    await phone.getByTestId('sos-close').click();
  });

  it('sends a covert SOS with no vibration or sound on the phone', async () => {
    await phone.getByTestId('covert-toggle').check();
    await phone.evaluate(() => {
      window.__vibrations = [];
    });
    const before = (await sosIncidents()).length;
    await press(phone, 1800);
    await phone.getByTestId('sos-covert-status').waitFor();
    await screenshot(phone, 'field-sos-covert-390x844');
    const incident = await waitFor(async () => (await sosIncidents())[before]);
    expect(await vibrations()).toBe(0);
    const full = (await api(rt, dispatcher, 'GET', `/api/v1/incidents/${incident.id}`)).body;
    expect(full.description).toContain('covert');
    await phone.getByTestId('sos-cancel').click();
    await phone.getByTestId('sos-close').click();
    await phone.getByTestId('covert-toggle').uncheck();
    await waitFor(async () => ((await sosIncidents())[before]?.status === 'false_alarm' ? true : undefined));
  });

  it('rings for a dispatched assignment until acknowledged, and the console sees the answer', async () => {
    await phone.evaluate(() => {
      window.__vibrations = [];
    });
    const { incidentId, assignmentId } = await dispatchToOfficer();
    const alert = phone.getByTestId('assignment-alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-assignment-id')).toBe(assignmentId);
    expect(await phone.evaluate(() => document.documentElement.dataset.fieldAlerting)).toBe('true');
    expect(await vibrations()).toBeGreaterThan(0);
    await screenshot(phone, 'field-assignment-alert-390x844');

    await consolePage.locator(`[data-testid="alert-item"][data-incident-id="${incidentId}"]`).click();
    await phone.getByTestId('assignment-acknowledge').click();
    await alert.waitFor({ state: 'detached' });
    expect(await phone.evaluate(() => document.documentElement.dataset.fieldAlerting)).toBeUndefined();
    await consolePage.locator('[data-testid="assignment"] .astatus-accepted').first().waitFor();

    await phone.getByTestId('assignment-en-route').click();
    await phone.getByTestId('assignment-card').and(phone.locator('[data-status="en_route"]')).waitFor();
    await consolePage.locator('[data-testid="assignment"] .astatus-en_route').first().waitFor();
    expect(await phone.getByTestId('navigate-geo').getAttribute('href')).toMatch(
      /^geo:25\.865500,115\.018800\?q=/,
    );
    await screenshot(phone, 'field-assignment-en-route-390x844');
    await screenshot(consolePage, 'field-assignment-on-console-1280x800');
    await phone.getByTestId('assignment-on-scene').click();
    await phone.getByTestId('assignment-clear').click();
    await phone.getByTestId('assignment-card').and(phone.locator('[data-status="none"]')).waitFor();
  });

  it('queues actions made offline and delivers each exactly once after reconnecting', async () => {
    const { incidentId, assignmentId } = await dispatchToOfficer();
    await phone.getByTestId('assignment-alert').waitFor();
    const sosBefore = (await sosIncidents()).length;

    await phoneContext.setOffline(true);
    await phone.getByTestId('assignment-acknowledge').click();
    await phone.getByTestId('assignment-en-route').click();
    await press(phone, 1800);
    await phone.getByTestId('sos-overlay').waitFor();
    await phone.getByTestId('field-queue').and(phone.locator('[data-count="3"]')).waitFor();
    await screenshot(phone, 'field-offline-sos-390x844');
    await phone
      .getByTestId('sos-overlay')
      .and(phone.locator('[data-phase="sent"]'))
      .waitFor({ timeout: 8000 });
    await phone.getByTestId('sos-close').click();
    await screenshot(phone, 'field-offline-queue-390x844');
    // Nothing reached the server while offline.
    await phone.waitForTimeout(1500);
    expect((await sosIncidents()).length).toBe(sosBefore);
    const pending = await api(rt, dispatcher, 'GET', '/api/v1/snapshot');
    expect(pending.body.assignments.find((a: { id: string }) => a.id === assignmentId).status).toBe(
      'pending',
    );
    // The queue survives a reload while offline (it is in localStorage, not in memory).
    expect(
      await phone.evaluate(
        (id) => JSON.parse(localStorage.getItem(`shieldline.field.queue.${id}`) ?? '{}').actions.length,
        officerId,
      ),
    ).toBe(3);

    await phoneContext.setOffline(false);
    await phone.getByTestId('field-queue').waitFor({ state: 'detached', timeout: 30_000 });
    const after = await sosIncidents();
    expect(after.length).toBe(sosBefore + 1);
    const kinds = await timelineKinds(incidentId);
    expect(kinds.filter((k) => k === 'unit_accept')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'unit_en_route')).toHaveLength(1);
    const state = await api(rt, dispatcher, 'GET', '/api/v1/snapshot');
    expect(state.body.assignments.find((a: { id: string }) => a.id === assignmentId).status).toBe('en_route');
    await phone.getByTestId('assignment-card').and(phone.locator('[data-status="en_route"]')).waitFor();

    await phone.getByTestId('assignment-clear').click();
    const sos = after.at(-1);
    if (sos)
      await api(rt, dispatcher, 'POST', `/api/v1/incidents/${sos.id}/close`, { outcome: 'controlled' });
  });

  it('does not double an SOS whose answer was lost on the way back', async () => {
    const before = (await sosIncidents()).length;
    let cut = 0;
    await phone.route('**/api/v1/alerts', async (route) => {
      if (cut === 0) {
        cut += 1;
        // The server takes it; the phone never hears back.
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await press(phone, 1800);
    await phone.getByTestId('sos-overlay').waitFor();
    await waitFor(async () => (cut === 1 ? true : undefined));
    await phone.getByTestId('field-queue').waitFor({ state: 'detached', timeout: 30_000 });
    await phone.unroute('**/api/v1/alerts');
    const after = await sosIncidents();
    expect(after.length).toBe(before + 1);
    await phone
      .getByTestId('sos-overlay')
      .and(phone.locator('[data-phase="sent"]'))
      .waitFor({ timeout: 8000 });
    await phone.getByTestId('sos-close').click();
  });

  it('uploads a photo to the incident and shows that both SHA-256 values agree', async () => {
    const incidents = await sosIncidents();
    const target = incidents.at(-1);
    if (!target) throw new Error('no SOS incident');
    await phone.getByTestId('evidence-incident').waitFor();
    await phone.getByTestId('evidence-incident').selectOption(target.id);
    const photo = randomBytes(3 * 1024 * 1024 + 123);
    await phone
      .getByTestId('capture-file')
      .setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: photo });
    await phone
      .getByTestId('upload-item')
      .and(phone.locator('[data-phase="stored"]'))
      .waitFor({ timeout: 30_000 });
    await phone.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await screenshot(phone, 'field-evidence-390x844');
    const listed = await api(rt, dispatcher, 'GET', `/api/v1/incidents/${target.id}/uploads`);
    const upload = listed.body.uploads.find((u: { filename: string }) => u.filename === 'scene.jpg');
    const sha256 = createHash('sha256').update(photo).digest('hex');
    expect(upload).toMatchObject({ status: 'stored', sha256, clientSha256: sha256, kind: 'photo' });
  });

  it('goes off duty (position reports pause) and back on', async () => {
    await phone.getByTestId('duty-toggle').click();
    await phone.getByTestId('unit-status').and(phone.locator('[data-status="out_of_service"]')).waitFor();
    await phone.getByTestId('geo-state').and(phone.locator('[data-state="off"]')).waitFor();
    const units = (await api(rt, dispatcher, 'GET', '/api/v1/units')).body.units;
    expect(units.find((u: { id: string }) => u.id === unitId).status).toBe('out_of_service');
    await screenshot(phone, 'field-off-duty-390x844');
    await phone.getByTestId('duty-toggle').click();
    await phone.getByTestId('unit-status').and(phone.locator('[data-status="available"]')).waitFor();
    await phone.getByTestId('geo-state').and(phone.locator('[data-state="ok"]')).waitFor();
  });
});

describe('the field app as an installable PWA', () => {
  let rt: TestRuntime;
  let browser: Browser;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite', OFFLINE_TILES);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('has a manifest and registers its service worker', async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await logIn(page, rt.url, 'GX-P02');
    await page.getByTestId('field-app').waitFor({ timeout: 20_000 });
    const manifest = await (await fetch(`${rt.url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/' });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${rt.url}/`);
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('sos-button').getByText('Hold 1.5 s to call for help').waitFor();
    await screenshot(page, 'field-home-en-390x844');
    await context.close();
  });
});
