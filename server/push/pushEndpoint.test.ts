import { createECDH, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { AppError } from '../http/errors';
import { assertPushEndpoint } from './pushEndpoint';
import { sendWebPush } from './webPush';

/** Issue #10 item 2: a push endpoint must not aim the server at loopback, the intranet or metadata. */
describe('push endpoints are public https services only', () => {
  it.each([
    ['http://push.example.com/x', 'https'],
    ['https://127.0.0.1/x', 'loopback'],
    ['https://[::1]/x', 'loopback'],
    ['https://169.254.169.254/latest/meta-data', 'private or reserved'],
    ['https://10.1.2.3/x', 'private or reserved'],
    ['https://[::ffff:192.168.0.1]/x', 'private or reserved'],
    ['https://localhost/x', 'localhost'],
  ])('refuses %s at subscription, naming body.endpoint', (endpoint, reason) => {
    let caught: unknown;
    try {
      assertPushEndpoint(endpoint, false);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('validation_failed');
    expect(error.details?.[0]?.path).toBe('body.endpoint');
    expect(error.message).toContain(reason);
  });

  it('accepts a public https push service, and a local one only when PUSH_ALLOW_LOCAL', () => {
    expect(() => assertPushEndpoint('https://fcm.googleapis.com/fcm/send/abc', false)).not.toThrow();
    expect(() => assertPushEndpoint('http://127.0.0.1:9000/push', true)).not.toThrow();
  });

  describe('when sending', () => {
    let server: http.Server;
    let base: string;
    let hits = 0;
    const vapid = webpush.generateVAPIDKeys();
    const phone = createECDH('prime256v1');
    phone.generateKeys();
    const subscription = (endpoint: string) => ({
      endpoint,
      p256dh: phone.getPublicKey().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    });
    const options = (allowLocal: boolean) => ({
      keys: vapid,
      subject: 'mailto:ops@example.invalid',
      timeoutMs: 5000,
      ttlS: 60,
      allowLocal,
    });

    beforeAll(async () => {
      // Answers with a redirect to a metadata address, to show that it is not followed.
      server = http.createServer((req, res) => {
        hits++;
        req.resume();
        res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('does not connect to a loopback endpoint stored earlier, and keeps no address in the error', async () => {
      const before = hits;
      const outcome = await sendWebPush(subscription(`${base}/push/x`), '{}', options(false));
      expect(outcome).toEqual({ ok: false, gone: false, error: 'refused' });
      expect(hits).toBe(before);
    });

    it('does not resolve a name to loopback behind the check', async () => {
      const before = hits;
      const port = (server.address() as AddressInfo).port;
      const outcome = await sendWebPush(
        subscription(`http://localhost:${port}/push/x`),
        '{}',
        options(false),
      );
      expect(outcome).toMatchObject({ ok: false, error: 'refused' });
      expect(hits).toBe(before);
    });

    it('does not follow a redirect from the push service', async () => {
      const outcome = await sendWebPush(subscription(`${base}/push/x`), '{}', options(true));
      expect(outcome).toEqual({ ok: false, gone: false, error: 'HTTP 307' });
    });
  });
});
