import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/testing/redisServer';
import { COMPOSE_FRONT, findHaproxy, haproxyConfig, STICKY_COOKIE } from './haproxyConfig';

const root = path.resolve(import.meta.dirname, '..');
/** .ci/run installs it (Debian's haproxy); start:cluster and docker-compose run it. */
const HAPROXY = findHaproxy() ?? 'haproxy (not installed: apt-get install haproxy)';

const tunnels: net.Socket[] = [];

/** A stand-in process: answers with its name, echoes on an upgraded connection. */
function backend(name: string): Promise<{ port: number; server: http.Server }> {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name, forwardedFor: req.headers['x-forwarded-for'] ?? null }));
  });
  server.on('upgrade', (req, socket: net.Socket) => {
    tunnels.push(socket);
    // RFC 6455's answer to the key: HAProxy checks the handshake on both sides.
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.on('data', (d) => socket.write(`${name}:${d.toString()}`));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.address() as net.AddressInfo).port, server }),
    ),
  );
}

interface Reply {
  name: string;
  forwardedFor: string | null;
  cookie: string | undefined;
}

function call(port: number, method: string, urlPath: string, cookie?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, headers: cookie ? { cookie } : {}, agent: false },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => {
          try {
            const parsed = JSON.parse(body) as { name: string; forwardedFor: string | null };
            resolve({ ...parsed, cookie: res.headers['set-cookie']?.[0] });
          } catch {
            reject(new Error(`${res.statusCode}: ${body}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the cluster front (HAProxy, scripts/haproxyConfig.ts)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-haproxy-'));
  const servers: http.Server[] = [];
  let haproxy: ChildProcess | undefined;
  let port = 0;

  beforeAll(async () => {
    const [web0, web1, ingest] = await Promise.all([backend('web0'), backend('web1'), backend('ingest0')]);
    servers.push(web0.server, web1.server, ingest.server);
    port = await freePort();
    const file = path.join(dir, 'haproxy.cfg');
    fs.writeFileSync(
      file,
      haproxyConfig({
        bind: `127.0.0.1:${port}`,
        web: [web0, web1].map((b) => ({ host: '127.0.0.1', port: b.port })),
        ingest: [{ host: '127.0.0.1', port: ingest.port }],
      }),
    );
    haproxy = spawn(HAPROXY, ['-db', '-f', file], { stdio: 'ignore' });
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await call(port, 'GET', '/');
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  afterAll(async () => {
    haproxy?.kill('SIGKILL');
    for (const socket of tunnels) socket.destroy();
    await Promise.all(
      servers.map(
        (s) =>
          new Promise((r) => {
            s.close(r);
            s.closeAllConnections();
          }),
      ),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends gateways’ position reports to ingest and everything else to web', async () => {
    expect((await call(port, 'POST', '/api/v1/units/4f1c/position')).name).toBe('ingest0');
    expect((await call(port, 'POST', '/api/v1/units/4f1c/position?x=1')).name).toBe('ingest0');
    expect((await call(port, 'GET', '/api/v1/units/4f1c/position')).name).toMatch(/^web[01]$/);
    expect((await call(port, 'POST', '/api/v1/units/4f1c/positions')).name).toMatch(/^web[01]$/);
    expect((await call(port, 'POST', '/api/v1/alerts')).name).toMatch(/^web[01]$/);
  });

  it('keeps a browser with its web process by cookie, and names the client to it', async () => {
    const first = await call(port, 'GET', '/api/v1/snapshot');
    expect(first.cookie).toMatch(new RegExp(`^${STICKY_COOKIE}=[01];.*HttpOnly`, 'i'));
    expect(first.forwardedFor).toBe('127.0.0.1');
    const cookie = (first.cookie ?? '').split(';')[0];
    for (let i = 0; i < 6; i++)
      expect((await call(port, 'GET', '/socket.io/', cookie)).name).toBe(first.name);
    // Without the cookie, new browsers are spread over both processes.
    const names = new Set<string>();
    for (let i = 0; i < 4; i++) names.add((await call(port, 'GET', '/')).name);
    expect([...names].sort()).toEqual(['web0', 'web1']);
  });

  it('passes a WebSocket upgrade through as a tunnel', async () => {
    const socket = net.connect(port, '127.0.0.1');
    const received: string[] = [];
    socket.on('data', (d) => received.push(d.toString()));
    socket.write(
      `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
    );
    await expect.poll(() => received.join('')).toContain('101 Switching Protocols');
    socket.write('ping');
    await expect.poll(() => received.join('')).toMatch(/web[01]:ping/);
    socket.destroy();
  });

  it('is what docker-compose runs: deploy/haproxy.cfg is written from the same function', () => {
    expect(fs.readFileSync(path.join(root, 'deploy/haproxy.cfg'), 'utf8')).toBe(haproxyConfig(COMPOSE_FRONT));
    expect(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')).toContain(
      './deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro',
    );
  });

  it('writes a configuration HAProxy accepts', () => {
    const file = path.join(dir, 'check.cfg');
    fs.writeFileSync(
      file,
      haproxyConfig({ bind: '127.0.0.1:1', web: [{ host: '127.0.0.1', port: 2 }], ingest: [] }),
    );
    expect(() => execFileSync(HAPROXY, ['-c', '-q', '-f', file], { stdio: 'pipe' })).not.toThrow();
    expect(fs.readFileSync(file, 'utf8')).not.toContain('backend ingest');
  });
});
