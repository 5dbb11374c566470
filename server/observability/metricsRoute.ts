import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { can } from '../auth/permissions';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { metricsRegistry } from './metrics';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus metrics tell an outsider how busy the centre is, how many consoles are up and when
 * alarms fire, so they are not public: the scraper sends `Authorization: Bearer $METRICS_TOKEN`,
 * or an administrator looks with their session. Mounted ahead of the session middleware, which
 * would take the scraper's bearer token for a device key.
 */
export function metricsHandler(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const token = ctx.config.METRICS_TOKEN;
    if (bearer) {
      if (!token || !sameSecret(bearer, token)) throw errors.unauthenticated('wrong metrics token');
    } else {
      const principal = await ctx.authenticator.fromHeaders({ cookie: req.headers.cookie });
      if (!principal)
        throw errors.unauthenticated('metrics need the METRICS_TOKEN bearer token or an admin session');
      if (!can(principal, 'queues:admin')) throw errors.forbidden('only administrators may read metrics');
    }
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  };
}
