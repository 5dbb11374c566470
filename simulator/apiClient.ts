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

  constructor(
    readonly baseUrl: string,
    private readonly credentials: ApiCredentials,
    private readonly signal: AbortSignal,
    private readonly onNotice: (message: string) => void = () => {},
  ) {}

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
    if (res.response.status !== 200)
      return { ok: false, status: res.response.status, message: await errorMessage(res.response) };
    const cookie = res.response.headers.get('set-cookie')?.split(';')[0];
    await res.response.body?.cancel();
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
    const { response } = res;
    if (!response.ok) return { ok: false, status: response.status, message: await errorMessage(response) };
    let json: unknown;
    try {
      json = response.status === 204 ? null : await response.json();
    } catch {
      return { ok: false, status: response.status, message: 'response is not JSON' };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      return { ok: false, status: response.status, message: `unexpected response to ${method} ${path}` };
    return { ok: true, status: response.status, data: parsed.data };
  }

  private async send(
    method: string,
    path: string,
    options: RequestOptions,
  ): Promise<{ ok: true; response: Response } | { ok: false; status: 0; message: string }> {
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.any([this.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
      return { ok: true, response };
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, status: 0, message: cause ? `${message}: ${cause}` : message };
    }
  }
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const { error } = body;
      if (
        typeof error === 'object' &&
        error !== null &&
        'message' in error &&
        typeof error.message === 'string'
      )
        return `${response.status} ${error.message}`;
    }
  } catch {
    // not JSON: the status says enough
  }
  return `${response.status} ${response.statusText}`;
}
