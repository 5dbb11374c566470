import type { z } from 'zod';
import type { Permission } from '../domain/permission';

/**
 * One HTTP route, declared once: the server implements it (server/http/route.ts), OpenAPI is
 * generated from it, the client calls it (client/src/api/call.ts) and the tests use the same
 * typed call. A change to a route's response fails the typecheck of every caller.
 */
export interface RouteContract {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path, e.g. /api/v1/incidents/:id */
  path: string;
  summary: string;
  tags: readonly string[];
  /** null marks the few routes open without a session (login, health). */
  permission: Permission | null;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Request headers the route reads (lower-case names), e.g. idempotency-key. */
  headers?: z.ZodType;
  /** What a success answers with; absent means no body (204 unless `status` says otherwise). */
  response?: z.ZodType;
  status?: number;
  /** Other success statuses with the same body (200 on an idempotent replay of a 201). */
  alsoStatus?: readonly number[];
}

/** Identity with a precise type: keeps literal paths and the exact schemas for inference. */
export function defineContract<const C extends RouteContract>(contract: C): C {
  return contract;
}

type In<S> = S extends z.ZodType ? z.input<S> : never;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a caller passes: only the parts the route declares, each as the schema accepts it. */
export type ContractInput<C extends RouteContract> = (C['params'] extends z.ZodType
  ? { params: In<C['params']> }
  : { params?: never }) &
  (C['query'] extends z.ZodType ? { query: In<C['query']> } : { query?: never }) &
  (C['body'] extends z.ZodType ? { body: In<C['body']> } : { body?: never }) &
  (C['headers'] extends z.ZodType ? { headers: In<C['headers']> } : { headers?: never });

/** What the server's handler receives, after zod has parsed each part. */
export interface ContractParsed<C extends RouteContract> {
  params: Out<C['params']>;
  query: Out<C['query']>;
  body: Out<C['body']>;
  headers: Out<C['headers']>;
}

/** What a successful call answers with. */
export type ContractOutput<C extends RouteContract> = C['response'] extends z.ZodType
  ? z.output<C['response']>
  : undefined;

/** The handler's return value, before the response schema's own transforms. */
export type ContractResult<C extends RouteContract> = C['response'] extends z.ZodType
  ? z.input<C['response']>
  : undefined;

/** The concrete URL of a route: path parameters encoded, query appended. */
export function urlFor(
  contract: RouteContract,
  params?: Record<string, string | number>,
  query?: Record<string, unknown>,
): string {
  const path = contract.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${contract.path}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
