import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verifyChain';
import { loginAs, startTestRuntime, type TestRuntime } from '../testing/testRuntime';

describe("reading an officer's personal data", () => {
  let rt: TestRuntime;
  let officerId: string;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    const row = await rt.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'GX-P03')
      .executeTakeFirstOrThrow();
    officerId = row.id;
  });
  afterAll(async () => rt?.close());

  const auditRows = () =>
    rt.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'officer.profile.read')
      .where('target', '=', `user:${officerId}`)
      .orderBy('id')
      .execute();

  it('lets a supervisor read it and audits the read', async () => {
    const cookie = await loginAs(rt.url, 'supervisor1');
    const res = await fetch(`${rt.url}/api/v1/officers/${officerId}/profile`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const profile = await res.json();
    expect(profile.homeAddress).toMatch(/演示/);
    expect(profile.relatives.length).toBeGreaterThan(0);
    const rows = await auditRows();
    expect(rows.at(-1)).toMatchObject({ outcome: 'success' });
    expect((await verifyAuditChain(rt.ctx.db)).ok).toBe(true);
  });

  it('refuses a dispatcher and another unit, and audits the refusal', async () => {
    for (const username of ['dispatcher1', 'GX-P04']) {
      const cookie = await loginAs(rt.url, username);
      const res = await fetch(`${rt.url}/api/v1/officers/${officerId}/profile`, { headers: { cookie } });
      expect(res.status).toBe(403);
    }
    const rows = await auditRows();
    expect(rows.filter((r) => r.outcome === 'denied')).toHaveLength(2);
  });

  it('lets the officer read their own', async () => {
    const cookie = await loginAs(rt.url, 'GX-P03');
    const res = await fetch(`${rt.url}/api/v1/officers/${officerId}/profile`, { headers: { cookie } });
    expect(res.status).toBe(200);
  });
});
