import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { urlFor } from '@shared/api/contract';
import { routes } from '@shared/api/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineKinds } from '../tasks/taskTestKit';
import { raiseAlert } from '../testing/alerts';
import { expectOk, testClient } from '../testing/testClient';
import { loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';
import { refusalReason } from './addressGuard';
import { FetchRefused, fetchForEvidence } from './safeFetch';

const PAGE = Buffer.from('<html><body>人肉搜索帖子（测试页面）: 民警某某的家人住址……</body></html>', 'utf8');
const SHA256 = createHash('sha256').update(PAGE).digest('hex');

/** A little web server standing in for a forum: counts every TCP connection it ever accepts. */
async function startSite() {
  let connections = 0;
  const server = http.createServer((req, res) => {
    if (req.url === '/short') return res.writeHead(302, { location: '/post/42' }).end();
    if (req.url === '/to-private')
      return res.writeHead(302, { location: 'http://10.20.30.40/internal' }).end();
    if (req.url === '/big')
      return res.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.alloc(5000));
    if (req.url === '/slow') return; // never answers
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-forum': 'test' }).end(PAGE);
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    connections: () => connections,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const DEFAULT_LIMITS = {
  maxBytes: 1_000_000,
  timeoutMs: 2000,
  maxRedirects: 3,
  allowLoopback: false,
  allowPrivate: false,
};

describe('address guard', () => {
  const none = { allowLoopback: false, allowPrivate: false };
  it('refuses loopback, private, link-local, CGNAT and mapped addresses; lets public ones through', () => {
    for (const address of [
      '127.0.0.1',
      '127.9.9.9',
      '::1',
      '::ffff:127.0.0.1',
      '10.0.0.8',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      'fd00::1',
      'fe80::1',
      '::ffff:7f00:1',
      '::127.0.0.1',
    ])
      expect(refusalReason(address, none), address).not.toBeNull();
    for (const address of ['114.114.114.114', '223.5.5.5', '2400:3200::1'])
      expect(refusalReason(address, none)).toBeNull();
    expect(refusalReason('127.0.0.1', { allowLoopback: true, allowPrivate: false })).toBeNull();
    expect(refusalReason('10.0.0.8', { allowLoopback: true, allowPrivate: false })).not.toBeNull();
  });
});

describe('fetching for evidence', () => {
  let site: Awaited<ReturnType<typeof startSite>>;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => site?.close());

  it('with the default configuration refuses loopback URLs before connecting', async () => {
    const before = site.connections();
    for (const url of [
      `http://127.0.0.1:${site.port}/post/42`,
      `http://localhost:${site.port}/post/42`,
      `http://[::ffff:127.0.0.1]:${site.port}/post/42`,
    ]) {
      await expect(fetchForEvidence(url, DEFAULT_LIMITS), url).rejects.toBeInstanceOf(FetchRefused);
    }
    expect(site.connections()).toBe(before);
  });

  it('with loopback allowed: follows redirects, re-checks each hop, and bounds size and time', async () => {
    const allowed = { ...DEFAULT_LIMITS, allowLoopback: true };
    const page = await fetchForEvidence(`http://127.0.0.1:${site.port}/short`, allowed);
    expect(page.finalUrl).toBe(`http://127.0.0.1:${site.port}/post/42`);
    expect(page.body.equals(PAGE)).toBe(true);
    await expect(fetchForEvidence(`http://127.0.0.1:${site.port}/to-private`, allowed)).rejects.toThrow(
      /private or reserved address 10\.20\.30\.40/,
    );
    await expect(
      fetchForEvidence(`http://127.0.0.1:${site.port}/big`, { ...allowed, maxBytes: 1000 }),
    ).rejects.toThrow(/limit/);
    await expect(
      fetchForEvidence(`http://127.0.0.1:${site.port}/slow`, { ...allowed, timeoutMs: 300 }),
    ).rejects.toThrow();
    await expect(fetchForEvidence('file:///etc/passwd', allowed)).rejects.toBeInstanceOf(FetchRefused);
  });
});

describe('网安 evidence preservation, end to end', () => {
  let site: Awaited<ReturnType<typeof startSite>>;
  let rt: TestRuntime;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-evidence-'));
  beforeAll(async () => {
    site = await startSite();
    // The tests allow loopback only, so the page served here can be captured.
    rt = await startTestRuntime('pglite', { EVIDENCE_ALLOW_LOOPBACK: '1', DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await rt?.close();
    await site?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores body, headers, final URL, time and a SHA-256 that matches; only 网安 and supervisors read it', async () => {
    const url = `http://127.0.0.1:${site.port}/short`;
    const { id } = await raiseAlert(rt.url, {
      category: 'privacy_violation',
      source: 'officer_report',
      address: '网络',
      ongoing: false,
      contentUrls: [url],
    });
    const cyber = await loginAs(rt.url, 'cyber');
    const captures = async (cookie: string) =>
      testClient(rt.url, cookie)(routes.evidence.captures, { params: { id } });
    const capture = await waitFor(async () => {
      const [first] = expectOk(await captures(cyber)).captures;
      return first?.status === 'captured' ? first : undefined;
    });
    expect(capture).toMatchObject({
      url,
      finalUrl: `http://127.0.0.1:${site.port}/post/42`,
      httpStatus: 200,
      sha256: SHA256,
      sizeBytes: PAGE.length,
      contentType: 'text/html; charset=utf-8',
    });
    expect(capture.headers?.['x-forum']).toBe('test');
    expect(capture.capturedAt).not.toBeNull();
    const stored = fs.readFileSync(path.join(dataDir, 'evidence', id, `${capture.id}.body`));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(SHA256);
    const metadata = JSON.parse(
      fs.readFileSync(path.join(dataDir, 'evidence', id, `${capture.id}.json`), 'utf8'),
    );
    expect(metadata).toMatchObject({ url, sha256: SHA256, status: 200 });

    const download = await fetch(`${rt.url}${urlFor(routes.evidence.captureBody, { id: capture.id })}`, {
      headers: { cookie: cyber },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await download.arrayBuffer()).equals(PAGE)).toBe(true);
    const supervisor = await loginAs(rt.url, 'supervisor1');
    expect((await captures(supervisor)).status).toBe(200);
    for (const user of ['dispatcher1', 'traffic', 'admin']) {
      const res = await captures(await loginAs(rt.url, user));
      expect(res.status, user).toBe(403);
    }
    expect(await timelineKinds(rt.ctx.db, id)).toContain('evidence_captured');
  });
});

describe('evidence capture with the default configuration', () => {
  let site: Awaited<ReturnType<typeof startSite>>;
  let rt: TestRuntime;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-evidence-'));
  beforeAll(async () => {
    site = await startSite();
    rt = await startTestRuntime('pglite', { DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await rt?.close();
    await site?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a loopback URL before connecting and flags it for manual capture', async () => {
    // A doxxing page (a malicious complaint is an application to 维权办 now, not an alert).
    const { id } = await raiseAlert(rt.url, {
      category: 'privacy_violation',
      source: 'officer_report',
      address: '网络',
      ongoing: false,
      contentUrls: [`http://127.0.0.1:${site.port}/post/42`],
    });
    const cyber = await loginAs(rt.url, 'cyber');
    const captures = async (cookie: string) =>
      testClient(rt.url, cookie)(routes.evidence.captures, { params: { id } });
    const capture = await waitFor(async () => {
      const [first] = expectOk(await captures(cyber)).captures;
      return first?.status === 'manual_capture_required' ? first : undefined;
    });
    expect(capture.error).toMatch(/loopback/);
    expect(capture.sha256).toBeNull();
    expect(site.connections()).toBe(0);
    expect(await timelineKinds(rt.ctx.db, id)).toContain('evidence_manual_capture');
  });
});
