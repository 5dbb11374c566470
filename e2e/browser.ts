import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/testing/testRuntime';
import { ARTIFACTS, README_SHOTS } from './artifacts';

/** Tiles from nowhere: a console must stand on its offline base, as on an air-gapped intranet. */
export const OFFLINE_TILES: Readonly<Record<string, string>> = {
  TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
};

/** A page the size of a command-center wall display, in the bureau's time zone. */
export function openWallPage(browser: Browser, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  return browser.newPage({ viewport: { width: 1920, height: 1080 }, locale, timezoneId: 'Asia/Shanghai' });
}

/** Debian's Chromium, with the flags this closed network needs (no background fetches). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export async function screenshot(
  page: Page,
  name: string,
  options: { readme?: string } = {},
): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (options.readme) {
    fs.mkdirSync(README_SHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(README_SHOTS, options.readme));
  }
  return file;
}

/** axe-core injected from node_modules; returns the serious and critical violations. */
export async function seriousA11yViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; help: string; nodes: number }>> {
  const source = fs.readFileSync(
    path.resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js'),
    'utf8',
  );
  // Evaluated over the DevTools protocol rather than as a <script>, so the console's CSP stays as shipped.
  await page.evaluate(source);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document) => Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }>;
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.length,
    }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Logs in through the login page and waits until the console says it is live. */
export async function logInLive(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page
    .getByTestId('connection-state')
    .and(page.locator('[data-state="live"]'))
    .waitFor({ timeout: 20_000 });
}
