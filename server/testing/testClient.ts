import type { ContractInput, ContractOutput, RouteContract } from '@shared/api/contract';
import { urlFor } from '@shared/api/contract';
import { ErrorBody, type ErrorCode } from '@shared/api/error';
import { DEMO_DEVICE_KEY } from './testRuntime';

/** Who calls: a session cookie (`sl_session=…`, from loginAs), a device key, or nobody. */
export type TestCaller = string | { deviceKey: string } | null;

export type TestResponse<C extends RouteContract> =
  | { ok: true; status: number; headers: Headers; body: ContractOutput<C> }
  | { ok: false; status: number; headers: Headers; body: unknown };

export type TestClient = <const C extends RouteContract>(
  contract: C,
  input: ContractInput<C>,
) => Promise<TestResponse<C>>;

/** The demo gateway's device key (emergency buttons, the 110 system). */
export const deviceCaller = { deviceKey: DEMO_DEVICE_KEY };

function authHeaders(caller: TestCaller): Record<string, string> {
  if (caller === null) return {};
  if (typeof caller === 'string') return { cookie: caller };
  return { authorization: `Bearer ${caller.deviceKey}` };
}

/**
 * One typed client for tests, built on the same contracts as the server and the console:
 * `await api(routes.dispatch.addNote, { params, body })`. A success is checked against the
 * contract's response schema (a server that drifts from its contract fails the test); anything
 * else comes back as it was for expectError.
 */
export function testClient(baseUrl: string, caller: TestCaller = null): TestClient {
  return async (contract, input) => {
    const { params, query, body, headers } = input as {
      params?: Record<string, string | number>;
      query?: Record<string, unknown>;
      body?: unknown;
      headers?: Record<string, string | undefined>;
    };
    const sent: Record<string, string> = {
      ...authHeaders(caller),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) sent[name] = value;
    const res = await fetch(`${baseUrl}${urlFor(contract, params, query)}`, {
      method: contract.method.toUpperCase(),
      headers: sent,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) return { ok: false, status: res.status, headers: res.headers, body: json };
    let data: unknown;
    if (contract.response) {
      const parsed = contract.response.safeParse(json);
      if (!parsed.success) {
        const where = `${contract.method.toUpperCase()} ${contract.path}`;
        throw new Error(`${where}: answer does not match the contract: ${parsed.error.message}`);
      }
      data = parsed.data;
    }
    return {
      ok: true,
      status: res.status,
      headers: res.headers,
      body: data as ContractOutput<typeof contract>,
    };
  };
}

/** Asserts a success (with this status, if given) and returns the typed body. */
export function expectOk<C extends RouteContract>(res: TestResponse<C>, status?: number): ContractOutput<C> {
  if (!res.ok) throw new Error(`expected success, got ${res.status}: ${JSON.stringify(res.body)}`);
  if (status !== undefined && res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Asserts the uniform error body with this status (and code, if given) and returns its error. */
export function expectError<C extends RouteContract>(
  res: TestResponse<C>,
  status: number,
  code?: ErrorCode,
): ErrorBody['error'] {
  const shown = `${res.status} ${JSON.stringify(res.body)}`;
  if (res.status !== status) throw new Error(`expected ${status}, got ${shown}`);
  const parsed = ErrorBody.safeParse(res.body);
  if (!parsed.success) throw new Error(`not the uniform error body: ${shown}`);
  if (code !== undefined && parsed.data.error.code !== code)
    throw new Error(`expected code ${code}, got ${shown}`);
  return parsed.data.error;
}

/** Input the contract would refuse, sent on purpose to see the server refuse it too. */
export function invalid<T>(value: unknown): T {
  return value as T;
}
