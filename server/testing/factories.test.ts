import { routes } from '@shared/api/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldOfficer, createSession, createUnit } from './factories';
import { expectError, expectOk, testClient } from './testClient';
import { startTestRuntime, type TestRuntime } from './testRuntime';

/** The factories make data a test can rely on without the demo seed, and it works through the routes. */
describe('test factories', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
  }, 300_000);
  afterAll(async () => rt?.close());

  it('a made field officer reports its own unit, not another; a made dispatcher sees both units', async () => {
    const { unit, cookie } = await createFieldOfficer(rt.ctx.db, rt.url, { callSign: 'T-FACTORY-1' });
    const other = await createUnit(rt.ctx.db, { kind: 'motorcycle', status: 'out_of_service' });
    const officer = testClient(rt.url, cookie);
    const position = { lat: 25.86, lng: 115.01 };
    const own = await officer(routes.units.reportPosition, { params: { id: unit.id }, body: position });
    expect(expectOk(own, 200).accepted).toBe(true);
    const foreign = await officer(routes.units.reportPosition, { params: { id: other.id }, body: position });
    expectError(foreign, 403, 'forbidden');

    const { cookie: dispatcherCookie } = await createSession(rt.ctx.db, rt.url, { role: 'dispatcher' });
    const { units } = expectOk(await testClient(rt.url, dispatcherCookie)(routes.units.list, {}));
    const byId = new Map(units.map((u) => [u.id, u]));
    expect(byId.get(unit.id)).toMatchObject({ callSign: 'T-FACTORY-1', status: 'available' });
    expect(byId.get(other.id)).toMatchObject({ kind: 'motorcycle', status: 'out_of_service' });
  }, 120_000);
});
