import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ContractParsed, ContractResult, RouteContract } from '@shared/api/contract';
import { ErrorBody } from '@shared/api/error';
import type { Permission } from '@shared/domain/permission';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { assertCan } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { errors } from './errors';

/** A route declared inline on the server; prefer a contract in shared/api/routes. */
export type RouteSpec = RouteContract;

type Principalled<C extends RouteContract> = C['permission'] extends Permission
  ? Principal
  : Principal | undefined;

export interface RouteContext<C extends RouteContract> extends ContractParsed<C> {
  principal: Principalled<C>;
  req: Request;
  res: Response;
}

/** A handler may choose its status (201 vs 200 on an idempotent replay) by returning this. */
export class WithStatus<T> {
  constructor(
    readonly status: number,
    readonly data: T,
  ) {}
}

function parseOrThrow(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw errors.validation(result.error, where);
  const nul = pathOfNul(result.data, [where]);
  if (nul) throw errors.badRequest(`${nul}: text may not contain the NUL character`);
  return result.data;
}

/**
 * PostgreSQL text cannot hold U+0000: a string with one that passed its schema would fail in the
 * database as a 500 (found by the hostile-input suite on the ledger's search). Refused here for
 * every route at once, naming the field.
 */
function pathOfNul(value: unknown, path: string[], depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = pathOfNul(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The one way a route is implemented: it checks the contract's permission, validates body,
 * params, query and headers with zod (a 400 naming each bad field), runs the handler, and
 * documents the route in OpenAPI. The contract comes from shared/api/routes, so the client's
 * `call` and this handler cannot disagree on shapes.
 */
export function defineRoute<const C extends RouteContract>(
  router: Router,
  registry: OpenAPIRegistry,
  contract: C,
  handler: (
    ctx: RouteContext<C>,
  ) => Promise<
    ContractResult<C> | WithStatus<ContractResult<C>> | (C['response'] extends z.ZodType ? never : void)
  >,
): void {
  router[contract.method](contract.path, async (req, res) => {
    if (contract.permission) assertCan(req.principal, contract.permission);
    const parsed = {
      params: parseOrThrow(contract.params, req.params, 'params'),
      query: parseOrThrow(contract.query, req.query, 'query'),
      body: parseOrThrow(contract.body, req.body, 'body'),
      headers: parseOrThrow(contract.headers, req.headers, 'headers'),
    } as ContractParsed<C>;
    const principal = req.principal as Principalled<C>;
    const result: unknown = await handler({ ...parsed, principal, req, res });
    if (res.headersSent) return;
    if (result instanceof WithStatus) {
      res.status(result.status).json(result.data);
    } else if (result === undefined) {
      res.status(contract.status ?? 204).end();
    } else {
      res.status(contract.status ?? 200).json(result);
    }
  });
  registry.registerPath(toOpenApi(contract));
}

function toOpenApi(spec: RouteContract): RouteConfig {
  const errorContent = { 'application/json': { schema: ErrorBody } };
  const status = String(spec.status ?? 200);
  const request: RouteConfig['request'] = {};
  if (spec.body) request.body = { content: { 'application/json': { schema: spec.body } } };
  if (spec.params instanceof z.ZodObject) request.params = spec.params;
  if (spec.query instanceof z.ZodObject) request.query = spec.query;
  if (spec.headers instanceof z.ZodObject) request.headers = spec.headers;
  return {
    method: spec.method,
    path: spec.path.replace(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    tags: [...spec.tags],
    security: spec.permission ? [{ session: [] }, { deviceKey: [] }] : [],
    description: spec.permission ? `Requires permission \`${spec.permission}\`.` : 'Open.',
    request,
    responses: {
      [status]: spec.response
        ? { description: 'OK', content: { 'application/json': { schema: spec.response } } }
        : { description: 'OK' },
      400: { description: 'Invalid input', content: errorContent },
      401: { description: 'Not logged in', content: errorContent },
      403: { description: 'Not allowed for this role or department', content: errorContent },
    },
  };
}
