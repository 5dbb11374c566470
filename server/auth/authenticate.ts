import { parse as parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import { cachedDeviceKeyResolver } from './deviceKeyCache';
import type { Principal } from './principal';
import { resolveSession, type SessionPolicy } from './sessionRepository';
import { findUserById, toUser } from './userRepository';

export const SESSION_COOKIE = 'sl_session';

export interface Authenticator {
  /** Undefined when the request carries no credentials; throws 401 when it carries bad ones. */
  fromHeaders(headers: { cookie?: string; authorization?: string }): Promise<Principal | undefined>;
  middleware(req: Request, res: Response, next: NextFunction): void;
}

/** The same check for HTTP requests and the socket.io handshake. */
export function createAuthenticator(db: Database, policy: SessionPolicy): Authenticator {
  const resolveDeviceKey = cachedDeviceKeyResolver(db);
  async function fromHeaders(headers: {
    cookie?: string;
    authorization?: string;
  }): Promise<Principal | undefined> {
    const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (headers.authorization && !bearer)
      throw errors.unauthenticated('Authorization must be "Bearer <device key>"');
    if (bearer) {
      const device = await resolveDeviceKey(bearer);
      if (!device) throw errors.unauthenticated('unknown or revoked device key');
      return {
        kind: 'device',
        deviceId: device.id,
        name: device.name,
        scopes: device.scopes,
        unitIds: device.unitIds,
      };
    }
    const token = headers.cookie ? parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
    if (!token) return undefined;
    const session = await resolveSession(db, token, policy);
    if (!session) throw errors.unauthenticated('your session has expired; log in again');
    const row = await findUserById(db, session.userId);
    if (!row || row.disabled) throw errors.unauthenticated('this account is disabled');
    return { kind: 'user', user: toUser(row), sessionId: session.id, sessionExpiresAt: session.expiresAt };
  }

  return {
    fromHeaders,
    middleware(req, _res, next) {
      fromHeaders({ cookie: req.headers.cookie, authorization: req.headers.authorization }).then(
        (principal) => {
          req.principal = principal;
          next();
        },
        next,
      );
    },
  };
}
