import type { MeResponse } from '@shared/api/auth';
import { routes } from '@shared/api/routes';
import type { Response, Router } from 'express';
import { appendAudit } from '../audit/auditLog';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { SESSION_COOKIE } from './authenticate';
import { login } from './loginService';
import type { Principal } from './principal';
import { deleteSession } from './sessionRepository';

function meOf(ctx: AppContext, principal: Extract<Principal, { kind: 'user' }>): MeResponse {
  return {
    user: principal.user,
    session: {
      expiresAt: principal.sessionExpiresAt.toISOString(),
      idleTimeoutS: ctx.config.SESSION_IDLE_TIMEOUT_S,
    },
  };
}

function setSessionCookie(ctx: AppContext, res: Response, token: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.COOKIE_SECURE,
    path: '/',
    expires: expiresAt,
  });
}

export function registerAuthRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.auth.login, async ({ body, req, res }) => {
    const { token, user, session } = await login(
      ctx.db,
      ctx.loginGuards,
      {
        idleTimeoutS: ctx.config.SESSION_IDLE_TIMEOUT_S,
        maxAgeS: ctx.config.SESSION_MAX_AGE_S,
        maxFailures: ctx.config.LOGIN_MAX_FAILURES,
        lockoutS: ctx.config.LOGIN_LOCKOUT_S,
      },
      body,
      { ip: req.ip ?? 'unknown', userAgent: req.get('user-agent'), requestId: req.id },
    );
    setSessionCookie(ctx, res, token, session.expiresAt);
    return meOf(ctx, { kind: 'user', user, sessionId: session.id, sessionExpiresAt: session.expiresAt });
  });

  defineRoute(router, ctx.registry, routes.auth.logout, async ({ principal, req, res }) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    if (principal?.kind !== 'user') return undefined;
    await deleteSession(ctx.db, principal.sessionId);
    ctx.endSockets({ sessionId: principal.sessionId });
    await appendAudit(ctx.db, {
      actor: `user:${principal.user.id}`,
      action: 'auth.logout',
      target: null,
      outcome: 'success',
      requestId: req.id,
    });
    return undefined;
  });

  defineRoute(router, ctx.registry, routes.auth.me, async ({ principal }) => {
    if (principal?.kind !== 'user') throw errors.unauthenticated();
    return meOf(ctx, principal);
  });
}
