import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { ErrorBody } from '@shared/api/error';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { assertCan, type Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { errors } from './errors';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<
  B extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
> {
  method: Method;
  /** Express path, e.g. /api/v1/incidents/:id */
  path: string;
  summary: string;
  tags: string[];
  /** null marks the few routes open without a session (login, health). */
  permission: Permission | null;
  body?: B;
  params?: P;
  query?: Q;
  response?: z.ZodType;
  status?: number;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<B, P, Q, Auth> {
  body: B;
  params: P;
  query: Q;
  principal: Auth;
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

function parseOrThrow<S extends z.ZodType | undefined>(
  schema: S | undefined,
  value: unknown,
  where: string,
): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw errors.validation(result.error, where);
  return result.data as Parsed<S>;
}

/**
 * The one way a route is declared: it checks the permission, validates body, params and query
 * with zod (a 400 naming each bad field), runs the handler, and documents itself in OpenAPI.
 */
export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  A extends Permission | null = Permission,
  R = unknown,
>(
  router: Router,
  registry: OpenAPIRegistry,
  spec: RouteSpec<B, P, Q> & { permission: A },
  handler: (
    ctx: RouteContext<
      Parsed<B>,
      Parsed<P>,
      Parsed<Q>,
      A extends Permission ? Principal : Principal | undefined
    >,
  ) => Promise<R | WithStatus<R>>,
): void {
  router[spec.method](spec.path, async (req, res) => {
    if (spec.permission) assertCan(req.principal, spec.permission);
    const params = parseOrThrow(spec.params, req.params, 'params');
    const query = parseOrThrow(spec.query, req.query, 'query');
    const body = parseOrThrow(spec.body, req.body, 'body');
    const principal = req.principal as A extends Permission ? Principal : Principal | undefined;
    const result = await handler({ body, params, query, principal, req, res });
    if (res.headersSent) return;
    if (result instanceof WithStatus) {
      res.status(result.status).json(result.data);
    } else if (result === undefined) {
      res.status(spec.status ?? 204).end();
    } else {
      res.status(spec.status ?? 200).json(result);
    }
  });
  registry.registerPath(toOpenApi(spec));
}

function toOpenApi(
  spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>,
): RouteConfig {
  const errorContent = { 'application/json': { schema: ErrorBody } };
  const status = String(spec.status ?? 200);
  const request: RouteConfig['request'] = {};
  if (spec.body) request.body = { content: { 'application/json': { schema: spec.body } } };
  if (spec.params instanceof z.ZodObject) request.params = spec.params;
  if (spec.query instanceof z.ZodObject) request.query = spec.query;
  return {
    method: spec.method,
    path: spec.path.replace(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    tags: spec.tags,
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
