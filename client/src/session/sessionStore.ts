import type { MeResponse } from '@shared/api/auth';
import { routes } from '@shared/api/routes';
import { call } from '../api/call';
import { ApiError, setUnauthenticatedHandler } from '../api/http';
import { createStore } from '../common/store';

export type SessionNotice = 'expired' | 'loggedOut' | null;

export type SessionState =
  | { status: 'checking' }
  | { status: 'anonymous'; notice: SessionNotice }
  | { status: 'authenticated'; me: MeResponse };

export const sessionStore = createStore<SessionState>({ status: 'checking' });

let expiryTimer: ReturnType<typeof setTimeout> | null = null;

/** At the session's hard expiry, ask the server: a 401 then returns the console to the login page. */
function watchExpiry(me: MeResponse): void {
  if (expiryTimer) clearTimeout(expiryTimer);
  const ms = Date.parse(me.session.expiresAt) - Date.now() + 1000;
  if (!Number.isFinite(ms)) return;
  // setTimeout cannot wait longer than about 24.8 days.
  expiryTimer = setTimeout(() => void checkSession(), Math.min(Math.max(ms, 1000), 2 ** 31 - 1));
}

function authenticated(me: MeResponse): void {
  watchExpiry(me);
  sessionStore.set({ status: 'authenticated', me });
}

function anonymous(notice: SessionNotice): void {
  if (expiryTimer) clearTimeout(expiryTimer);
  expiryTimer = null;
  sessionStore.set({ status: 'anonymous', notice });
}

/** Any 401 from the API or a refused socket while logged in: the session is over. */
export function sessionExpired(): void {
  if (sessionStore.get().status === 'authenticated') anonymous('expired');
}

setUnauthenticatedHandler(sessionExpired);

/** Asks the server who we are. Network trouble keeps the current state rather than logging out. */
export async function checkSession(): Promise<void> {
  try {
    authenticated(await call(routes.auth.me, {}, { expect401: true }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      if (sessionStore.get().status === 'authenticated') anonymous('expired');
      else anonymous(null);
      return;
    }
    if (sessionStore.get().status === 'checking') anonymous(null);
  }
}

export async function logIn(username: string, password: string): Promise<void> {
  authenticated(await call(routes.auth.login, { body: { username, password } }, { expect401: true }));
}

export async function logOut(): Promise<void> {
  try {
    await call(routes.auth.logout, {}, { expect401: true });
  } catch {
    // The cookie may already be gone; the console leaves either way.
  }
  anonymous('loggedOut');
}
