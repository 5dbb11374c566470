import path from 'node:path';
import express, { type Express, Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { registerAuthRoutes } from './auth/authRoutes';
import type { AppContext } from './context';
import { registerHealthRoutes } from './health/healthRoutes';
import { serveConsole } from './http/consoleRoutes';
import { errorHandler, notFound } from './http/errorHandler';
import { measureRequests } from './http/metricsMiddleware';
import { requestId } from './http/requestContext';
import { logger } from './observability/logger';
import { metricsHandler } from './observability/metricsRoute';
import { registerOpenApiRoutes } from './openapi/openapiRoutes';

/** A capability adds its routes here; each owns its own schemas, service and repository. */
export type RouteModule = (router: Router, ctx: AppContext) => void;

const CORE_MODULES: RouteModule[] = [registerHealthRoutes, registerAuthRoutes];

const CLIENT_DIST = path.resolve(import.meta.dirname, '../dist/client');

/** Map tiles come from a configurable server, so the CSP must name its origin. */
function tileOrigin(tileUrl: string): string {
  try {
    const url = new URL(tileUrl.replace('{s}', 'a').replace(/\{[^}]+\}/g, '0'));
    return tileUrl.includes('{s}.')
      ? `${url.protocol}//*.${url.host.split('.').slice(1).join('.')}`
      : url.origin;
  } catch {
    return "'self'";
  }
}

export function createApp(ctx: AppContext, modules: RouteModule[] = []): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestId);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as express.Request).id,
      // Probes and the once-a-second position reports would drown the log; failures are still logged by the error handler.
      autoLogging: {
        ignore: (req) =>
          req.url === '/healthz' ||
          req.url === '/metrics' ||
          /^\/api\/v1\/units\/[^/]+\/position$/.test(req.url ?? ''),
      },
    }),
  );
  app.use(measureRequests);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:', tileOrigin(ctx.config.TILE_URL)],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'upgrade-insecure-requests': ctx.config.COOKIE_SECURE ? [] : null,
        },
      },
    }),
  );
  app.use(express.json({ limit: ctx.config.BODY_LIMIT }));
  app.get('/metrics', metricsHandler(ctx));
  app.use(ctx.authenticator.middleware);

  const router = Router();
  for (const register of [...CORE_MODULES, ...modules]) register(router, ctx);
  registerOpenApiRoutes(router, ctx);
  app.use(router);

  app.use('/api', notFound);
  serveConsole(app, CLIENT_DIST);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
