import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestRuntime, type TestRuntime } from '../testing/testRuntime';

/** What a browser is told about this origin, checked as deployed behind TLS (COOKIE_SECURE=1). */
describe('response headers and cookies behind TLS', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { COOKIE_SECURE: '1' });
  });
  afterAll(async () => rt?.close());

  function directives(csp: string): Map<string, string[]> {
    return new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name as string, values]),
    );
  }

  it('sends a CSP that allows no inline or foreign script and no framing', async () => {
    const res = await fetch(`${rt.url}/api/v1/me`);
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    const scripts = csp.get('script-src') ?? csp.get('default-src');
    expect(scripts).toBeDefined();
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts?.every((s) => s === "'self'" || s.startsWith("'sha256-"))).toBe(true);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(true);
  });

  it('sends HSTS, nosniff and no referrer leakage', async () => {
    const res = await fetch(`${rt.url}/healthz`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{6,}/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('marks the session cookie HttpOnly, SameSite=Strict and Secure', async () => {
    const res = await fetch(`${rt.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dispatcher1', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sl_session=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Secure/i);
  });
});

describe('the API docs page', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
  });
  afterAll(async () => rt?.close());

  it('allows its one inline script by hash, never unsafe-inline, and the hash matches the script', async () => {
    const res = await fetch(`${rt.url}/api/docs`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toContain('unsafe-inline');
    const html = await res.text();
    const script = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(scriptSrc).toContain(`'sha256-${hash}'`);
  });
});
