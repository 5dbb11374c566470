import { Component, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Seconds between tries to load a page whose code did not arrive (local policy). */
export const RETRY_LOAD_S = 10;

interface State {
  error: Error | null;
}

/** A page's code that could not be fetched (network gone, or a release replaced the file). */
function isChunkLoadError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(
    error.message,
  );
}

/**
 * Catches what a page throws while rendering, or a page whose code could not be loaded, and
 * offers a reload instead of a blank screen: on a wall display nobody may be at the keyboard,
 * and a blank console looks like a quiet night. The alarm and the stream live outside React
 * state, so a reload loses nothing the server does not hold.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    console.error('page failed', error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <PageError retries={isChunkLoadError(error)} />;
  }
}

/** Whether the server answers at all: reloading while it does not would gain nothing. */
async function serverAnswers(): Promise<boolean> {
  try {
    const res = await fetch('/healthz', { cache: 'no-store', signal: AbortSignal.timeout(3000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Seconds to the next try, counting down while `active`; at 0 it asks the server and reloads. */
function useRetryCountdown(active: boolean): number {
  const [left, setLeft] = useState(RETRY_LOAD_S);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setLeft((s) => (s > 0 ? s - 1 : s)), 1000);
    return () => clearInterval(timer);
  }, [active]);
  useEffect(() => {
    if (!active || left > 0) return;
    let cancelled = false;
    void serverAnswers().then((up) => {
      if (cancelled) return;
      if (up) window.location.reload();
      else setLeft(RETRY_LOAD_S);
    });
    return () => {
      cancelled = true;
    };
  }, [active, left]);
  return left;
}

/**
 * A page that failed. When its code did not arrive it tries again on its own every
 * `RETRY_LOAD_S`, once the server answers: reloading while the network is down would leave the
 * wall on the browser's own error page, which never tries again. A page that threw while
 * rendering would throw again, so it waits for a person.
 */
function PageError({ retries }: { retries: boolean }) {
  const { t } = useTranslation();
  const left = useRetryCountdown(retries);
  return (
    <main className="splash" role="alert" data-testid="page-error">
      <div className="page-error">
        <p className="page-error-title">{t(retries ? 'app.loadFailed' : 'app.renderFailed')}</p>
        {retries && (
          <p className="page-error-retry" data-testid="page-error-retry">
            {left > 0 ? t('app.retryIn', { seconds: left }) : t('app.retrying')}
          </p>
        )}
        <button
          type="button"
          className="btn btn-primary page-error-reload"
          data-testid="page-error-reload"
          // The only thing to do on this screen: Enter reloads.
          autoFocus
          onClick={() => window.location.reload()}
        >
          {t('app.reload')}
        </button>
      </div>
    </main>
  );
}
