import { ErrorBody, type ErrorCode } from '@shared/api/error';
import type { z } from 'zod';

/**
 * Every failed request becomes an ApiError: `status` 0 means the server was not reached,
 * `code` is the server's stable error code (shared/api/error.ts) or a client-side one.
 */
export type ClientErrorCode = ErrorCode | 'network' | 'protocol' | 'timeout';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let onUnauthenticated: (() => void) | null = null;

/** Called once for any 401 outside the login form: the session has ended. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  body?: unknown;
  /** Extra request headers the route declares (Idempotency-Key); undefined values are left out. */
  headers?: Record<string, string | undefined>;
  /** Do not treat a 401 as an expired session (the login form and the first /me). */
  expect401?: boolean;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

function definedHeaders(headers: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name] = value;
  return out;
}

async function readError(res: Response): Promise<ApiError> {
  let raw: unknown = null;
  try {
    raw = await res.json();
  } catch {
    // not JSON: a proxy's error page, for example
  }
  const parsed = ErrorBody.safeParse(raw);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(res.status, code, message, details);
  }
  const code: ClientErrorCode =
    res.status === 401
      ? 'unauthenticated'
      : res.status === 429
        ? 'rate_limited'
        : res.status >= 500
          ? 'unavailable'
          : 'bad_request';
  return new ApiError(res.status, code, res.statusText || `HTTP ${res.status}`);
}

/** Sends a same-origin JSON request and checks the answer against its shared schema. */
export async function request<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...definedHeaders(options.headers),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    throw new ApiError(0, timedOut ? 'timeout' : 'network', timedOut ? 'request timed out' : 'network error');
  }
  if (!res.ok) {
    const error = await readError(res);
    if (res.status === 401 && !options.expect401) onUnauthenticated?.();
    throw error;
  }
  if (res.status === 204) return schema.parse(undefined);
  let raw: unknown;
  try {
    const text = await res.text();
    raw = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(res.status, 'protocol', `${path}: the answer is not JSON`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    console.error(`${method} ${path}: unexpected answer`, parsed.error.issues);
    throw new ApiError(
      res.status,
      'protocol',
      `${path}: unexpected answer${first ? ` at ${first.path.join('.') || 'root'}: ${first.message}` : ''}`,
    );
  }
  return parsed.data;
}

/** Worth trying again later: the server was not reached, was busy, or failed on its side. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.status === 0 || err.status === 408 || err.status === 429 || err.status >= 500;
}
