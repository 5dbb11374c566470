import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { Emblem } from '../common/Emblem';
import { LanguageButton } from '../common/LanguageButton';
import { logIn, type SessionNotice } from './sessionStore';

type LoginError =
  | { kind: 'required' }
  | { kind: 'badCredentials' }
  | { kind: 'locked'; minutes: number | null; serverMessage: string }
  | { kind: 'network' }
  | { kind: 'server'; serverMessage: string };

function classify(err: unknown): LoginError {
  if (!(err instanceof ApiError)) return { kind: 'server', serverMessage: String(err) };
  // 502 and 504 come from a proxy that could not reach the server.
  if (err.status === 0 || err.status === 502 || err.status === 504) return { kind: 'network' };
  if (err.status === 429 || err.code === 'rate_limited') {
    const minutes = /(\d+)\s*min/i.exec(err.message)?.[1];
    return { kind: 'locked', minutes: minutes ? Number(minutes) : null, serverMessage: err.message };
  }
  if (err.status === 401) return { kind: 'badCredentials' };
  if (err.code === 'validation_failed') return { kind: 'required' };
  return { kind: 'server', serverMessage: err.message };
}

export function LoginPage({ notice }: { notice: SessionNotice }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LoginError | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const noticeId = useId();

  useEffect(() => {
    document.title = t('login.pageTitle');
  }, [t]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError({ kind: 'required' });
      (username.trim() ? passwordRef : usernameRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await logIn(username.trim(), password);
    } catch (err) {
      const classified = classify(err);
      setError(classified);
      setPassword('');
      setBusy(false);
      if (classified.kind === 'badCredentials') passwordRef.current?.focus();
    }
  }

  const fieldInvalid = error?.kind === 'badCredentials' || error?.kind === 'required';

  return (
    <div className="login-page">
      <main className="login-card" aria-labelledby="login-heading">
        <div className="login-brand">
          <Emblem size={56} />
          <div>
            <p className="login-bureau">
              {t('app.bureau')} <span className="login-centre">{t('app.centre')}</span>
            </p>
            <p className="login-product">{t('app.product')}</p>
          </div>
        </div>

        <h1 id="login-heading" className="login-heading">
          {t('login.heading')}
        </h1>

        {notice && !error && (
          <p
            id={noticeId}
            className={`login-notice ${notice === 'expired' ? 'is-warning' : ''}`}
            role="status"
            data-testid="login-notice"
          >
            {notice === 'expired' ? t('login.sessionExpired') : t('login.loggedOut')}
          </p>
        )}

        <form className="login-form" onSubmit={submit} noValidate data-testid="login-form">
          <div className="field">
            <label htmlFor="login-username">{t('login.username')}</label>
            <input
              ref={usernameRef}
              id="login-username"
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={fieldInvalid && !username.trim() ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              data-testid="login-username"
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              ref={passwordRef}
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={fieldInvalid ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              data-testid="login-password"
            />
          </div>

          {error && (
            <div
              id={errorId}
              className={`login-error ${error.kind === 'locked' ? 'is-locked' : ''}`}
              role="alert"
              data-testid="login-error"
              data-error-kind={error.kind}
            >
              {error.kind === 'required' && <p>{t('login.required')}</p>}
              {error.kind === 'badCredentials' && <p>{t('login.badCredentials')}</p>}
              {error.kind === 'network' && <p>{t('login.network')}</p>}
              {error.kind === 'server' && (
                <>
                  <p>{t('login.server')}</p>
                  <p className="login-error-detail">
                    {t('login.serverSaid', { message: error.serverMessage })}
                  </p>
                </>
              )}
              {error.kind === 'locked' && (
                <>
                  <p className="login-error-title">{t('login.locked')}</p>
                  <p>
                    {t('login.lockedHint')}{' '}
                    {error.minutes !== null && t('login.retryIn', { minutes: error.minutes })}
                  </p>
                  <p className="login-error-detail">
                    {t('login.serverSaid', { message: error.serverMessage })}
                  </p>
                </>
              )}
            </div>
          )}

          <button
            type="submit"
            className="btn btn-primary btn-block"
            disabled={busy}
            data-testid="login-submit"
          >
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>

        <p className="login-footnote">{t('login.notice')}</p>
        <div className="login-lang">
          <LanguageButton />
        </div>
      </main>
    </div>
  );
}
