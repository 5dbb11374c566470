import { parse as parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import { BoundedCache } from './boundedCache';
import { cachedDeviceKeyResolver } from './deviceKeyCache';
import { activeDeviceKeyIds } from './deviceKeyRepository';
import type { Principal } from './principal';
import { resolveSession, type SessionPolicy, validSessionIds } from './sessionRepository';
import { sha256Hex } from './tokens';
import { findUserById, toUser } from './userRepository';

export const SESSION_COOKIE = 'sl_session';

/**
 * A session token that resolved to nothing never becomes valid (tokens are only ever made by
 * the server), so remembering it a while costs no correctness and spares the database every
 * replay of a junk or ended cookie.
 */
const DEAD_SESSION_TTL_MS = 60_000;

export interface Authenticator {
  /** Undefined when the request carries no credentials; throws 401 when it carries bad ones. */
  fromHeaders(headers: { cookie?: string; authorization?: string }): Promise<Principal | undefined>;
  /**
   * Whether principals resolved earlier (open sockets') are still good: session live, user
   * enabled, key not revoked. All at once, in a few queries, however many sockets.
   */
  stillValid(principals: readonly Principal[]): Promise<boolean[]>;
  middleware(req: Request, res: Response, next: NextFunction): void;
}

/** The same check for HTTP requests and the socket.io handshake. */
export function createAuthenticator(db: Database, policy: SessionPolicy): Authenticator {
  const resolveDeviceKey = cachedDeviceKeyResolver(db);
  const deadSessions = new BoundedCache<string, true>(10_000, DEAD_SESSION_TTL_MS);

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
    const id = sha256Hex(token);
    if (deadSessions.get(id)) throw errors.unauthenticated('your session has expired; log in again');
    const session = await resolveSession(db, token, policy);
    if (!session) {
      deadSessions.set(id, true);
      throw errors.unauthenticated('your session has expired; log in again');
    }
    const row = await findUserById(db, session.userId);
    if (!row || row.disabled) throw errors.unauthenticated('this account is disabled');
    return { kind: 'user', user: toUser(row), sessionId: session.id, sessionExpiresAt: session.expiresAt };
  }

  async function stillValid(principals: readonly Principal[]): Promise<boolean[]> {
    const sessionIds = principals.flatMap((p) => (p.kind === 'user' ? [p.sessionId] : []));
    const deviceIds = principals.flatMap((p) => (p.kind === 'device' ? [p.deviceId] : []));
    const sessions = sessionIds.length ? await validSessionIds(db, sessionIds, policy) : new Set<string>();
    const devices = await activeDeviceKeyIds(db, deviceIds);
    return principals.map((p) =>
      p.kind === 'user' ? sessions.has(p.sessionId) : p.kind === 'device' ? devices.has(p.deviceId) : false,
    );
  }

  return {
    fromHeaders,
    stillValid,
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
