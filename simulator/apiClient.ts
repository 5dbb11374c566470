import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';

/** A call's outcome; status 0 means no answer (server down, timeout, stopped). */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; message: string };

export interface ApiCredentials {
  /** A dispatcher (or supervisor): reads the snapshot, listens to the stream. */
  username: string;
  password: string;
  /** The gateway's device key: positions and alerts. */
  deviceKey: string;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

const TIMEOUT_MS = 10_000;
/** Connections to the server at most, as a gateway keeps them. */
const POOL_SIZE = 128;

/** An answer, read whole: the API's answers are small JSON. */
interface Answer {
  status: number;
  statusText: string;
  /** The first Set-Cookie header. */
  setCookie: string | undefined;
  body: string;
}

/**
 * The real HTTP API as a gateway, a dispatcher and the units' own officers use it: logs in
 * when it must, logs in again when a session has expired, never throws for a failed call.
 */
export class ShieldlineApi {
  private dispatcherCookie: Promise<string | null> | null = null;
  private readonly officerCookies = new Map<string, Promise<string | null>>();
  /** Turned off after the first failed officer login: one failure, never a lockout. */
  private officerLogins = true;
  private lastLoginFailure: { status: number; message: string } = { status: 401, message: 'not logged in' };
  /**
   * node:http with kept-alive connections rather than fetch: as the bench's load generator this
   * client sends a couple of thousand position reports a second, and fetch (with an abort signal
   * and a timer per call) took about three times the CPU per report, CPU the server under test
   * shares on one machine.
   */
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  constructor(
    readonly baseUrl: string,
    private readonly credentials: ApiCredentials,
    private readonly signal: AbortSignal,
    private readonly onNotice: (message: string) => void = () => {},
  ) {
    // Every request in flight listens for the stop signal (hundreds at once under load), and
    // removes its listener when it ends: not the leak Node's default warning at 10 suspects.
    setMaxListeners(0, signal);
    const secure = new URL(baseUrl).protocol === 'https:';
    this.transport = secure ? https : http;
    // A bounded pool that keeps every connection it opened: Node's default keeps 256 idle ones and
    // closes the rest, so each second's wave of reports opened hundreds anew, and the server's
    // accept queue held them ahead of everyone else's connections (alerts included).
    const pool = { keepAlive: true, maxSockets: POOL_SIZE, maxFreeSockets: POOL_SIZE };
    this.agent = secure ? new https.Agent(pool) : new http.Agent(pool);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  /** The dispatcher session cookie, logging in first if there is none; null when login fails. */
  async sessionCookie(): Promise<string | null> {
    this.dispatcherCookie ??= this.login(this.credentials.username).then((r) => {
      if (r.ok) return r.data;
      // Server down is reported by whoever noticed it; a refused login is worth a line.
      if (r.status !== 0) this.onNotice(`login as ${this.credentials.username} failed: ${r.message}`);
      this.lastLoginFailure = { status: r.status, message: r.message };
      this.dispatcherCookie = null;
      return null;
    });
    return this.dispatcherCookie;
  }

  forgetSession(): void {
    this.dispatcherCookie = null;
  }

  async asDispatcher<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    options: RequestOptions = {},
  ): Promise<ApiResult<T>> {
    for (let attempt = 0; ; attempt++) {
      const cookie = await this.sessionCookie();
      if (!cookie) return { ok: false, ...this.lastLoginFailure };
      const result = await this.request(method, path, schema, {
        ...options,
        headers: { ...options.headers, cookie },
      });
      if (result.status !== 401 || attempt > 0) return result;
      this.forgetSession();
    }
  }

  async asDevice<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    options: RequestOptions = {},
  ): Promise<ApiResult<T>> {
    return this.request(method, path, schema, {
      ...options,
      headers: { ...options.headers, authorization: `Bearer ${this.credentials.deviceKey}` },
    });
  }

  /**
   * As the field officer of unit `callSign` (the demo gives every unit an officer login with
   * the demo password); as the dispatcher when that login does not work.
   */
  async asOfficer<T>(
    callSign: string,
    method: string,
    path: string,
    schema: z.ZodType<T>,
    options: RequestOptions = {},
  ): Promise<ApiResult<T>> {
    const cookie = this.officerLogins ? await this.officerCookie(callSign) : null;
    if (!cookie) return this.asDispatcher(method, path, schema, options);
    const result = await this.request(method, path, schema, {
      ...options,
      headers: { ...options.headers, cookie },
    });
    if (result.status === 401) this.officerCookies.delete(callSign);
    return result;
  }

  private officerCookie(callSign: string): Promise<string | null> {
    let cookie = this.officerCookies.get(callSign);
    if (!cookie) {
      cookie = this.login(callSign).then((r) => {
        if (r.ok) return r.data;
        this.officerCookies.delete(callSign);
        if (r.status === 401 || r.status === 403 || r.status === 423 || r.status === 429) {
          this.officerLogins = false;
          this.onNotice(
            `login as field officer ${callSign} failed (${r.message}); answering as ${this.credentials.username}`,
          );
        }
        return null;
      });
      this.officerCookies.set(callSign, cookie);
    }
    return cookie;
  }

  private async login(username: string): Promise<ApiResult<string>> {
    const res = await this.send('POST', '/api/v1/auth/login', {
      body: { username, password: this.credentials.password },
    });
    if (!res.ok) return res;
    if (res.answer.status !== 200)
      return { ok: false, status: res.answer.status, message: errorMessage(res.answer) };
    const cookie = res.answer.setCookie?.split(';')[0];
    return cookie
      ? { ok: true, status: 200, data: cookie }
      : { ok: false, status: 200, message: 'no session cookie' };
  }

  private async request<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    options: RequestOptions,
  ): Promise<ApiResult<T>> {
    const res = await this.send(method, path, options);
    if (!res.ok) return res;
    const { answer } = res;
    if (answer.status < 200 || answer.status > 299)
      return { ok: false, status: answer.status, message: errorMessage(answer) };
    let json: unknown;
    try {
      json = answer.status === 204 ? null : JSON.parse(answer.body);
    } catch {
      return { ok: false, status: answer.status, message: 'response is not JSON' };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      return { ok: false, status: answer.status, message: `unexpected response to ${method} ${path}` };
    return { ok: true, status: answer.status, data: parsed.data };
  }

  private send(
    method: string,
    path: string,
    options: RequestOptions,
  ): Promise<{ ok: true; answer: Answer } | { ok: false; status: 0; message: string }> {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((resolve) => {
      const fail = (err: Error) => resolve({ ok: false, status: 0, message: err.message });
      const request = this.transport.request(
        `${this.baseUrl}${path}`,
        {
          method,
          agent: this.agent,
          signal: this.signal,
          // No byte for this long (connecting or waiting for the answer) is no answer.
          timeout: TIMEOUT_MS,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...options.headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', fail);
          response.on('end', () =>
            resolve({
              ok: true,
              answer: {
                status: response.statusCode ?? 0,
                statusText: response.statusMessage ?? '',
                setCookie: response.headers['set-cookie']?.[0],
                body: Buffer.concat(chunks).toString('utf8'),
              },
            }),
          );
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)));
      request.on('error', fail);
      request.end(body);
    });
  }
}

function errorMessage(answer: Answer): string {
  try {
    const body: unknown = JSON.parse(answer.body);
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const { error } = body;
      if (
        typeof error === 'object' &&
        error !== null &&
        'message' in error &&
        typeof error.message === 'string'
      )
        return `${answer.status} ${error.message}`;
    }
  } catch {
    // not JSON: the status says enough
  }
  return `${answer.status} ${answer.statusText}`;
}
