import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectConsole,
  DEMO_DEVICE_KEY,
  DEMO_PASSWORD,
  loginAs,
  startTestRuntime,
  type TestRuntime,
} from '../testing/testRuntime';

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('identity and access over HTTP and the socket', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { SESSION_MAX_AGE_S: '2' });
  });
  afterAll(async () => rt?.close());

  it('logs in, reports the user, and logs out', async () => {
    const res = await post(`${rt.url}/api/v1/auth/login`, {
      username: 'dispatcher1',
      password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(200);
    const cookieHeader = res.headers.get('set-cookie') ?? '';
    expect(cookieHeader).toMatch(/sl_session=/);
    expect(cookieHeader).toMatch(/HttpOnly/i);
    expect(cookieHeader).toMatch(/SameSite=Strict/i);
    const cookie = cookieHeader.split(';')[0] ?? '';
    const me = await fetch(`${rt.url}/api/v1/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ username: 'dispatcher1', role: 'dispatcher' });
    expect((await post(`${rt.url}/api/v1/auth/logout`, {}, { cookie })).status).toBe(204);
    const after = await fetch(`${rt.url}/api/v1/me`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('answers a wrong password with 401 and the uniform error body', async () => {
    const res = await post(`${rt.url}/api/v1/auth/login`, {
      username: 'supervisor1',
      password: 'wrong-password',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthenticated', message: 'wrong username or password' },
    });
  });

  it('names the bad field of a malformed login', async () => {
    const res = await post(`${rt.url}/api/v1/auth/login`, { username: 'x' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details[0].path).toBe('body.password');
  });

  it('locks an account after five failures, even against the right password', async () => {
    for (let i = 0; i < 4; i++) {
      expect(
        (await post(`${rt.url}/api/v1/auth/login`, { username: 'cyber', password: `bad-${i}` })).status,
      ).toBe(401);
    }
    const fifth = await post(`${rt.url}/api/v1/auth/login`, { username: 'cyber', password: 'bad-5' });
    expect(fifth.status).toBe(429);
    expect((await fifth.json()).error.message).toMatch(/locked/);
    const right = await post(`${rt.url}/api/v1/auth/login`, { username: 'cyber', password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
  });

  it('ends a session at its absolute lifetime', async () => {
    const cookie = await loginAs(rt.url, 'traffic');
    expect((await fetch(`${rt.url}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    const res = await fetch(`${rt.url}/api/v1/me`, { headers: { cookie } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/expired/);
  });

  it('refuses a route without a session (401) and a role that may not (403)', async () => {
    const anonymous = await fetch(`${rt.url}/api/v1/snapshot`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unauthenticated');
    const cookie = await loginAs(rt.url, 'rights_office');
    const res = await post(
      `${rt.url}/api/v1/alerts`,
      { category: 'violent_attack', source: 'supervisor', address: '梅林镇' },
      { cookie },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: 'forbidden', message: 'your role may not alerts create' },
    });
  });

  it('takes a device key for alerts and refuses a wrong one with 401', async () => {
    const body = { category: 'violent_attack', source: 'sos_button', position: { lat: 25.86, lng: 115.01 } };
    const wrong = await post(`${rt.url}/api/v1/alerts`, body, {
      authorization: 'Bearer not-a-key-0000000000',
    });
    expect(wrong.status).toBe(401);
    const right = await post(`${rt.url}/api/v1/alerts`, body, { authorization: `Bearer ${DEMO_DEVICE_KEY}` });
    expect(right.status).toBe(201);
    // A device key raises alerts and nothing else.
    const read = await fetch(`${rt.url}/api/v1/snapshot`, {
      headers: { authorization: `Bearer ${DEMO_DEVICE_KEY}` },
    });
    expect(read.status).toBe(403);
  });

  it('refuses a socket without a session or from a foreign origin', async () => {
    await expect(connectConsole(rt.url, '')).rejects.toThrow(/log in/);
    const cookie = await loginAs(rt.url, 'dispatcher2');
    const { io } = await import('socket.io-client');
    const foreign = io(rt.url, {
      transports: ['websocket'],
      extraHeaders: { cookie, origin: 'https://evil.example' },
      reconnection: false,
    });
    const error = await new Promise<Error>((resolve) => foreign.once('connect_error', resolve));
    expect(error.message).toMatch(/origin/);
    foreign.close();
    const ok = await connectConsole(rt.url, cookie);
    expect(ok.connected).toBe(true);
    ok.close();
  });

  it('answers a malformed socket event with the same error body as HTTP', async () => {
    const cookie = await loginAs(rt.url, 'supervisor1');
    const socket = await connectConsole(rt.url, cookie);
    const reply = await socket
      .timeout(5000)
      .emitWithAck('incident:v1:acknowledge', { incidentId: 'not-a-uuid' });
    expect('error' in reply && reply.error.code).toBe('validation_failed');
    socket.close();
  });
});
