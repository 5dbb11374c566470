import { routes } from '@shared/api/routes';
import type { DepartmentTask } from '@shared/domain/task';
import { TIMELINE_DETAIL_KEYS, TIMELINE_KINDS } from '@shared/domain/timeline';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRESS_ALERT, raiseAlert } from '../server/testing/alerts';
import { expectOk, testClient } from '../server/testing/testClient';
import { loginAs, startTestRuntime, type TestRuntime, waitFor } from '../server/testing/testRuntime';
import { launchChromium, logInLive, OFFLINE_TILES, openWallPage, screenshot } from './browser';

/** A word of code on screen: snake_case or camelCase, as the server writes kinds and detail keys. */
const RAW_KEY = /\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]+[A-Z][A-Za-z]*\b/;
const KNOWN_KEYS = new Set<string>([...TIMELINE_KINDS, ...TIMELINE_DETAIL_KEYS]);

async function timelineTexts(page: Page): Promise<Array<{ kind: string; text: string }>> {
  return page.getByTestId('timeline-entry').evaluateAll((items) =>
    // innerText keeps the gaps between the entry's parts, as a reader sees them.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
    items.map((li) => ({ kind: li.getAttribute('data-kind') ?? '', text: (li as HTMLElement).innerText })),
  );
}

describe('the dispatcher’s timeline in Chromium', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite', OFFLINE_TILES);
    browser = await launchChromium();
    page = await openWallPage(browser);
    // A runtime and a browser on a shared, busy machine may take longer than the default hook.
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('labels every entry of an SOS through refinement, dispatch, reassignment, arrival, tasks and close', async () => {
    await logInLive(page, rt.url, 'dispatcher1');
    const dispatcher = testClient(rt.url, await loginAs(rt.url, 'dispatcher1'));
    const officer = testClient(rt.url, await loginAs(rt.url, 'GX-P01'));

    // An officer's SOS, then the category refined on the phone.
    const incident = await raiseAlert(rt.url, DISTRESS_ALERT, { caller: await loginAs(rt.url, 'GX-P01') });
    const id = { id: incident.id };
    expectOk(
      await officer(routes.alerts.refineSos, {
        params: id,
        body: { category: 'vehicle_ramming', injured: true },
      }),
    );

    const item = page.locator(`[data-testid="alert-item"][data-incident-id="${incident.id}"]`);
    await item.click();
    await page.getByTestId('timeline').waitFor();

    expectOk(await dispatcher(routes.incidents.acknowledge, { params: id }));
    const recs = expectOk(await dispatcher(routes.dispatch.recommendations, { params: id })).recommendations;
    const [first, second] = recs.filter((r) => r.callSign !== 'GX-P01');
    if (!first || !second) throw new Error('two units to recommend are needed');
    const sent = expectOk(
      await dispatcher(routes.dispatch.dispatch, { params: id, body: { unitIds: [first.unitId] } }),
    );
    // A reassignment answers with the new assignment; the new unit answers that one.
    const moved = expectOk(
      await dispatcher(routes.dispatch.reassign, {
        params: { id: sent.assignments[0]!.id },
        body: { unitId: second.unitId },
      }),
    );
    const assignment = { id: moved.assignment.id };

    const unit = testClient(rt.url, await loginAs(rt.url, second.callSign));
    for (const action of ['accept', 'en_route', 'on_scene'] as const)
      expectOk(await unit(routes.dispatch.respond, { params: assignment, body: { action } }));
    expectOk(await unit(routes.dispatch.checkIn, { params: id }));

    // The linkage's tasks, worked by 维权办.
    const rights = testClient(rt.url, await loginAs(rt.url, 'rights_office'));
    const task = await waitFor(async () => {
      const { tasks } = expectOk(await rights(routes.tasks.list, { query: {} }));
      return tasks.find((t: DepartmentTask) => t.incidentId === incident.id);
    });
    expectOk(await rights(routes.tasks.acknowledge, { params: { id: task.id } }));
    expectOk(
      await rights(routes.tasks.progress, { params: { id: task.id }, body: { note: '已登记维权案件' } }),
    );
    expectOk(await rights(routes.tasks.done, { params: { id: task.id }, body: { note: '已办结' } }));

    expectOk(
      await dispatcher(routes.dispatch.addNote, { params: id, body: { text: '现场已控制，嫌疑人已带离' } }),
    );
    expectOk(
      await dispatcher(routes.dispatch.close, {
        params: id,
        body: { outcome: 'offender_detained', note: '嫌疑人已刑事拘留' },
      }),
    );

    // The panel stays on the closed incident; its timeline refreshes from the stream.
    await page.locator('[data-testid="timeline-entry"][data-kind="closed"]').waitFor({ timeout: 15_000 });
    const zh = await timelineTexts(page);
    const kinds = new Set(zh.map((e) => e.kind));
    for (const kind of [
      'raised',
      'category_refined',
      'acknowledged',
      'dispatched',
      'reassigned',
      'unit_accept',
      'unit_en_route',
      'unit_on_scene',
      'checkin',
      'linkage',
      'task_acknowledged',
      'task_progress',
      'task_done',
      'note',
      'controlled',
      'closed',
    ])
      expect(kinds, kind).toContain(kind);
    for (const entry of zh) {
      expect(entry.text, entry.kind).not.toMatch(RAW_KEY);
      for (const word of entry.text.split(/[^A-Za-z_]+/))
        expect(KNOWN_KEYS.has(word), entry.text).toBe(false);
    }
    await page.getByTestId('timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'timeline-1920x1080');

    // The same entries in English: labelled words, no keys.
    await page.getByTestId('language-toggle').click();
    await page.getByText('Incident timeline').or(page.getByText('Timeline')).first().waitFor();
    const en = await timelineTexts(page);
    expect(en.length).toBe(zh.length);
    // English words may spell a one-word key ("Scene controlled"): only compound keys give one away.
    for (const entry of en) expect(entry.text, entry.kind).not.toMatch(RAW_KEY);
    await page.getByTestId('timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'timeline-en-1920x1080');
    await page.getByTestId('language-toggle').click();
  }, 180_000);
});
