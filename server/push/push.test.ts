import { createECDH, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_DEVICE_KEY,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  waitFor,
} from '../testing/testRuntime';

/** http_ece (web-push's own encryption library) decrypts what a phone's browser would. */
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(
    body: Buffer,
    params: { version: string; privateKey: ReturnType<typeof createECDH>; authSecret: string },
  ): Buffer;
};

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

async function json(
  rt: TestRuntime,
  auth: Record<string, string>,
  method: string,
  pathname: string,
  body?: unknown,
) {
  const res = await fetch(`${rt.url}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', ...auth },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('reaching a phone: Web Push at dispatch, SMS/IM when the assignment stays unanswered', () => {
  let rt: TestRuntime;
  let dataDir: string;
  let pushService: http.Server;
  let pushBase: string;
  const received: Received[] = [];
  let dispatcher: string;
  let units: Array<{ id: string; callSign: string }>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-push-'));
    // A stand-in push service on loopback: 201 for live subscriptions, 410 for an expired one.
    pushService = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(req.url?.includes('expired') ? 410 : 201).end();
      });
    });
    await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
    pushBase = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
    // The stand-in push service is on loopback over http: allowed here on purpose (PUSH_ALLOW_LOCAL).
    rt = await startTestRuntime('pglite', {
      DATA_DIR: dataDir,
      ASSIGNMENT_FALLBACK_S: '1',
      PUSH_ALLOW_LOCAL: '1',
      PUSH_MAX_SUBSCRIPTIONS_PER_USER: '3',
    });
    dispatcher = await loginAs(rt.url, 'dispatcher1');
    units = (await json(rt, { cookie: dispatcher }, 'GET', '/api/v1/snapshot')).body.units;
  });
  afterAll(async () => {
    await rt?.close();
    await new Promise((resolve) => pushService?.close(resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function dispatch(callSign: string) {
    const alert = await json(rt, { authorization: `Bearer ${DEMO_DEVICE_KEY}` }, 'POST', '/api/v1/alerts', {
      category: 'mob_obstruction',
      source: 'call_110',
      position: { lat: 25.86, lng: 115.01 },
    });
    const unit = units.find((u) => u.callSign === callSign);
    const sent = await json(
      rt,
      { cookie: dispatcher },
      'POST',
      `/api/v1/incidents/${alert.body.id}/dispatch`,
      {
        unitIds: [unit?.id],
      },
    );
    expect(sent.status).toBe(200);
    return { incident: alert.body, assignment: sent.body.assignments[0] as { id: string } };
  }

  it('makes its VAPID keys on first start and keeps them under DATA_DIR', async () => {
    const officer = await loginAs(rt.url, 'GX-P01');
    const { body } = await json(rt, { cookie: officer }, 'GET', '/api/v1/push/vapid-public-key');
    expect(body.enabled).toBe(true);
    const file = path.join(dataDir, 'push', 'vapid.json');
    const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(stored.publicKey).toBe(body.publicKey);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('pushes a new assignment to the unit’s subscribed phone, encrypted for it, and forgets expired ones', async () => {
    const officer = await loginAs(rt.url, 'GX-P06');
    const phoneKey = createECDH('prime256v1');
    phoneKey.generateKeys();
    const authSecret = randomBytes(16).toString('base64url');
    for (const name of ['live', 'expired']) {
      const res = await json(rt, { cookie: officer }, 'POST', '/api/v1/push/subscriptions', {
        endpoint: `${pushBase}/push/${name}`,
        keys: { p256dh: phoneKey.getPublicKey().toString('base64url'), auth: authSecret },
      });
      expect(res.status).toBe(204);
    }
    const { incident, assignment } = await dispatch('GX-P06');

    const live = await waitFor(() => received.find((r) => r.path === '/push/live'));
    const { publicKey } = (await json(rt, { cookie: officer }, 'GET', '/api/v1/push/vapid-public-key')).body;
    expect(live.headers.authorization).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${publicKey}$`),
    );
    expect(live.headers['content-encoding']).toBe('aes128gcm');
    expect(live.headers.urgency).toBe('high');
    const payload = JSON.parse(
      ece.decrypt(live.body, { version: 'aes128gcm', privateKey: phoneKey, authSecret }).toString('utf8'),
    );
    expect(payload).toEqual({
      type: 'assignment',
      assignmentId: assignment.id,
      incidentId: incident.id,
      reference: incident.reference,
    });

    await waitFor(() => received.find((r) => r.path === '/push/expired'));
    const left = await waitFor(async () => {
      const rows = await rt.database.db.selectFrom('push_subscriptions').select('endpoint').execute();
      return rows.length === 1 ? rows : undefined;
    });
    expect(left[0]?.endpoint).toBe(`${pushBase}/push/live`);
  });

  it('sends an unanswered assignment by SMS/IM after the delay, once, and records it on the timeline', async () => {
    const { incident, assignment } = await dispatch('GX-P07');
    const notice = await waitFor(
      () =>
        rt.database.db
          .selectFrom('assignment_notices')
          .selectAll()
          .where('assignment_id', '=', assignment.id)
          .where('channel', '=', 'sms')
          .executeTakeFirst(),
      8000,
    );
    expect(notice).toMatchObject({ recipient: 'unit:GX-P07', outcome: 'success' });
    const timeline = await waitFor(async () => {
      const t = await json(rt, { cookie: dispatcher }, 'GET', `/api/v1/incidents/${incident.id}/timeline`);
      const entries = t.body.entries as Array<{ kind: string; details: Record<string, unknown> }>;
      return entries.some((e) => e.kind === 'assignment_sms_fallback') ? entries : undefined;
    });
    expect(timeline.filter((e) => e.kind === 'assignment_sms_fallback')).toHaveLength(1);
  });

  it('sends nothing more once the unit has accepted', async () => {
    const { assignment } = await dispatch('GX-P08');
    const officer = await loginAs(rt.url, 'GX-P08');
    const accepted = await json(
      rt,
      { cookie: officer },
      'POST',
      `/api/v1/assignments/${assignment.id}/respond`,
      {
        action: 'accept',
      },
    );
    expect(accepted.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    const sms = await rt.database.db
      .selectFrom('assignment_notices')
      .select('id')
      .where('assignment_id', '=', assignment.id)
      .where('channel', '=', 'sms')
      .execute();
    expect(sms).toEqual([]);
  });

  it('keeps at most PUSH_MAX_SUBSCRIPTIONS_PER_USER phones per person, dropping the oldest', async () => {
    const officer = await loginAs(rt.url, 'GX-P09');
    const phoneKey = createECDH('prime256v1');
    phoneKey.generateKeys();
    for (let i = 0; i < 5; i++) {
      const res = await json(rt, { cookie: officer }, 'POST', '/api/v1/push/subscriptions', {
        endpoint: `${pushBase}/push/cap-${i}`,
        keys: {
          p256dh: phoneKey.getPublicKey().toString('base64url'),
          auth: randomBytes(16).toString('base64url'),
        },
      });
      expect(res.status).toBe(204);
      await new Promise((r) => setTimeout(r, 5));
    }
    const kept = await rt.database.db
      .selectFrom('push_subscriptions')
      .select('endpoint')
      .where('endpoint', 'like', '%/push/cap-%')
      .execute();
    expect(kept.map((k) => k.endpoint.replace(/^.*\/push\//, '')).sort()).toEqual([
      'cap-2',
      'cap-3',
      'cap-4',
    ]);
  });
});
