import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from './errorHandler';

describe('the error handler', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.get('/things/:id', (req, res) => {
      res.json({ id: req.params.id });
    });
    app.use(errorHandler);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a path parameter that is not valid UTF-8 with a 400, not a 500 (found by test:fuzz)', async () => {
    const res = await fetch(`${url}/things/%ED%A0%80`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'bad_request', message: 'the URL is not valid percent-encoded UTF-8' },
    });
    const fine = await fetch(`${url}/things/%E8%AD%A6`);
    expect(await fine.json()).toEqual({ id: '警' });
  });
});
