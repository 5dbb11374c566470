import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { installGestureUnlock } from './audio/alarmSound';
import { ConsolePage } from './components/ConsolePage';
import { LoginPage } from './components/LoginPage';
import { checkSession, sessionStore } from './state/sessionStore';
import { useStore } from './state/store';

const selectSession = (s: ReturnType<typeof sessionStore.get>) => s;

/** Login page or console, by session; a 401 anywhere lands back on the login page with a notice. */
export function App() {
  const session = useStore(sessionStore, selectSession);
  const { t } = useTranslation();

  useEffect(() => {
    void checkSession();
    return installGestureUnlock();
  }, []);

  if (session.status === 'checking') {
    return (
      <main className="splash" aria-busy="true">
        <p className="splash-text">{t('app.loading')}</p>
      </main>
    );
  }
  if (session.status === 'anonymous') return <LoginPage notice={session.notice} />;
  return <ConsolePage me={session.me} />;
}
