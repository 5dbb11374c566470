import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../server/testing/alerts';
import { loginAs, startTestRuntime, type TestRuntime, waitFor } from '../server/testing/testRuntime';
import { launchChromium, logInLive, OFFLINE_TILES, screenshot, seriousA11yViolations } from './browser';

interface TaskBody {
  id: string;
  incidentId: string;
  departmentId: string;
  kind: string;
  status: string;
  escalationLevel: number;
}

async function tasksOf(rt: TestRuntime, cookie: string, departmentId: string): Promise<TaskBody[]> {
  const res = await fetch(`${rt.url}/api/v1/tasks?departmentId=${departmentId}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { tasks: TaskBody[] }).tasks;
}

describe('the department inbox in Chromium', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let traffic: Page;
  let dispatcher: Page;
  let incidentId = '';

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', OFFLINE_TILES);
    browser = await launchChromium();
    const options = { viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
    // Separate contexts: separate cookies, as two people at two desks.
    traffic = await (await browser.newContext(options)).newPage();
    dispatcher = await (await browser.newContext(options)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it("shows 交通管理 its task arriving live; acknowledging it changes the task on the dispatcher's console", async () => {
    await logInLive(traffic, rt.url, 'traffic');
    await traffic.getByTestId('inbox-empty').waitFor();
    await logInLive(dispatcher, rt.url, 'dispatcher1');

    const incident = await raiseAlert(rt.url, {
      category: 'vehicle_ramming',
      source: 'call_110',
      position: { lat: 25.8712, lng: 115.0306, accuracyM: 15 },
      address: '赣县区 梅林镇 赣新大道与长征路口',
      onRoad: true,
      vehicleInvolved: true,
      description: '民警查处酒驾时被一辆白色轿车冲撞拖行，嫌疑车辆向东逃逸',
    });
    incidentId = incident.id;

    // Live, without a reload: the linkage worker's tasks reach the department's room.
    const item = traffic.locator('[data-testid="inbox-task"][data-kind="traffic_control"]');
    await item.waitFor({ timeout: 20_000 });
    await traffic.locator('[data-testid="inbox-task"][data-kind="vehicle_forensics"]').waitFor();
    await item.click();
    await traffic.getByTestId('task-detail').waitFor();
    // 交通管理 sees the scene on a map, and the incident it may see.
    await traffic.getByTestId('scene-map').waitFor();
    await traffic.getByTestId('task-incident').getByText('赣新大道与长征路口').waitFor();
    await traffic.getByTestId('task-deadline').first().waitFor();

    // The dispatcher has the incident open, its tasks listed.
    await dispatcher.locator(`[data-testid="alert-item"][data-incident-id="${incident.id}"]`).click();
    const dispatcherRow = (status: string) =>
      dispatcher.locator(`[data-testid="task-row"][data-status="${status}"]`, { hasText: '现场交通管制' });
    await dispatcher.getByTestId('incident-panel').waitFor();
    await dispatcher.locator('[data-testid="task-row"]', { hasText: '现场交通管制' }).waitFor();

    await traffic.getByTestId('task-acknowledge').click();
    await traffic.locator('[data-testid="task-detail"][data-status="acknowledged"]').waitFor();
    await dispatcherRow('acknowledged').waitFor();

    // Acknowledged: the escalation ladder stops climbing.
    const cookie = await loginAs(rt.url, 'dispatcher1');
    const [taken] = (await tasksOf(rt, cookie, 'traffic')).filter((t) => t.kind === 'traffic_control');
    expect(taken).toMatchObject({ status: 'acknowledged', escalationLevel: 0 });

    // A progress note, then done; both reach the console.
    await traffic.getByTestId('task-note').fill('已在赣新大道两端设置分流，现场交通管制中');
    await traffic.getByTestId('task-progress').click();
    await dispatcherRow('in_progress').waitFor();
    await traffic.locator('[data-testid="task-detail"][data-status="in_progress"]').waitFor();
    await traffic.getByText('已在赣新大道两端设置分流').first().waitFor();
    await screenshot(traffic, 'department-inbox-1920x1080', { readme: 'department-inbox.png' });

    await traffic.getByTestId('task-done').click();
    await traffic.locator('[data-testid="task-detail"][data-status="done"]').waitFor();
    await dispatcherRow('done').waitFor();
    await traffic
      .getByTestId('inbox-group-finished')
      .locator('[data-testid="inbox-task"][data-kind="traffic_control"]')
      .waitFor();
  });

  it("tells a department user who opens another department's task that it is not theirs (403)", async () => {
    const cookie = await loginAs(rt.url, 'dispatcher1');
    const rights = await waitFor(async () => {
      const tasks = await tasksOf(rt, cookie, 'rights_office');
      return tasks.find((t) => t.incidentId === incidentId);
    }, 15_000);
    const direct = await fetch(`${rt.url}/api/v1/tasks/${rights.id}`, {
      headers: { cookie: await loginAs(rt.url, 'traffic') },
    });
    expect(direct.status).toBe(403);

    // As a link from a notification would open it.
    await traffic.evaluate((id) => {
      window.location.hash = `#/tasks/${id}`;
    }, rights.id);
    await traffic.getByTestId('task-forbidden').waitFor();
    expect(await traffic.getByTestId('task-forbidden').textContent()).toContain('403');
    // Nothing of the other department's task is on the page.
    expect(await traffic.locator(`[data-task-id="${rights.id}"]`).count()).toBe(0);
  });

  it('shows 维权办 the case its task opened', async () => {
    const rights = await (
      await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
    ).newPage();
    await logInLive(rights, rt.url, 'rights_office');
    await rights.locator('[data-testid="inbox-task"][data-kind="register_case"]').first().click();
    await rights.getByTestId('task-case').waitFor();
    await rights.getByTestId('case-timeline').waitFor();
    await rights.getByTestId('task-acknowledge').click();
    await rights.locator('[data-testid="task-detail"][data-status="acknowledged"]').waitFor();
    expect(await seriousA11yViolations(rights)).toEqual([]);
    await rights.close();
  });

  it('has a department inbox without serious accessibility violations', async () => {
    expect(await seriousA11yViolations(traffic)).toEqual([]);
  });
});
