import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConsole } from './consoleRoutes';
import { notFound } from './errorHandler';

let tmp: string;
let clientDir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-console-'));
  clientDir = path.join(tmp, 'client');
  // The same order as createApp: the API's own 404 first, then the console, then the uniform 404.
  const app = express();
  app.use('/api', notFound);
  serveConsole(app, clientDir);
  app.use(notFound);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the console on a checkout where it is not built', () => {
  it('answers / and the console routes with a page saying how to build it, in Chinese and English', async () => {
    for (const route of ['/', '/supervisor', '/field']) {
      const res = await fetch(`${url}${route}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('控制台尚未构建');
      expect(html).toContain('the console has not been built');
      expect(html.match(/<code>npm run build<\/code>/g)).toHaveLength(2);
    }
  });

  it('keeps the uniform JSON 404 for the API', async () => {
    const res = await fetch(`${url}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('serves the console as soon as it is built, without a restart', async () => {
    fs.mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(clientDir, 'index.html'),
      '<!doctype html><title>Shieldline</title><div id="root"></div>',
    );
    fs.writeFileSync(path.join(clientDir, 'assets', 'app.js'), 'console.log(1)');
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="root">');
    const deep = await fetch(`${url}/incidents/42`);
    expect(await deep.text()).toContain('<div id="root">');
    const asset = await fetch(`${url}/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });
});
