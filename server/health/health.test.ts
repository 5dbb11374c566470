import type { RouteContract } from '@shared/api/contract';
import { paths, routes } from '@shared/api/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedisServer } from '../testing/redisServer';
import { loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';

const METRICS_TOKEN = 'scraper-token-0123456789abcdef';

describe('GET /healthz', () => {
  let redis: TestRedisServer;
  let rt: TestRuntime;
  beforeAll(async () => {
    redis = await TestRedisServer.start();
    rt = await startTestRuntime('pglite', { REDIS_URL: redis.url, METRICS_TOKEN });
  });
  afterAll(async () => {
    await rt?.close();
    await redis?.stop();
  });

  const health = async () => {
    const res = await fetch(`${rt.url}/healthz`);
    return { status: res.status, body: await res.json() };
  };

  it('is 200 with each component up', async () => {
    const { status, body } = await waitFor(async () => {
      const h = await health();
      return h.status === 200 ? h : undefined;
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      components: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('goes 503 naming Redis while Redis is stopped, and 200 once it is back', async () => {
    await redis.down();
    const down = await waitFor(async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    });
    expect(down.body).toMatchObject({
      status: 'degraded',
      components: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    await redis.up();
    const up = await waitFor(async () => {
      const h = await health();
      return h.status === 200 ? h : undefined;
    }, 15_000);
    expect(up.body.components.redis.status).toBe('up');
  });

  it('serves metrics only to the scraper token or an admin session', async () => {
    const anonymous = await fetch(`${rt.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unauthenticated');
    const wrong = await fetch(`${rt.url}/metrics`, {
      headers: { authorization: 'Bearer not-the-token-0000000' },
    });
    expect(wrong.status).toBe(401);
    const dispatcher = await loginAs(rt.url, 'dispatcher1');
    expect((await fetch(`${rt.url}/metrics`, { headers: { cookie: dispatcher } })).status).toBe(403);
    const admin = await loginAs(rt.url, 'admin');
    expect((await fetch(`${rt.url}/metrics`, { headers: { cookie: admin } })).status).toBe(200);
  });

  it('serves the OpenAPI document generated from the schemas, and metrics', async () => {
    const doc = await (await fetch(`${rt.url}${paths.openapi}`)).json();
    // Every route of the shared table is documented, under its method.
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, item]) => Object.keys(item).map((method) => `${method} ${path}`),
    );
    const declared = Object.values(routes).flatMap((group) =>
      Object.values(group).map((c: RouteContract) => `${c.method} ${c.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect(declared.length).toBeGreaterThan(45);
    expect(documented.sort()).toEqual(declared.sort());
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/alerts', '/healthz']),
    );
    expect(doc.paths['/api/v1/alerts'].post.requestBody.content['application/json'].schema).toBeDefined();
    const page = await fetch(`${rt.url}${paths.apiDocs}`);
    expect(await page.text()).toContain('Shieldline API');
    const metrics = await (
      await fetch(`${rt.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(metrics).toContain('shieldline_http_request_duration_seconds');
  });

  it('answers unknown API routes and oversized bodies with the uniform error body', async () => {
    const missing = await fetch(`${rt.url}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    const big = await fetch(`${rt.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    const broken = await fetch(`${rt.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toMatch(/not valid JSON/);
  });
});
