import type { MeResponse } from '@shared/api/auth';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { installGestureUnlock } from './audio/alarmSound';
import { PageErrorBoundary } from './common/PageErrorBoundary';
import { useStore } from './common/store';
import { LoginPage } from './session/LoginPage';
import { checkSession, sessionStore } from './session/sessionStore';

// Each role's page is its own chunk: an officer's phone loads the field app, not the wall's map,
// and the console does not wait for the case and ledger views.
const ConsolePage = lazy(() => import('./console/ConsolePage').then((m) => ({ default: m.ConsolePage })));
const SupervisorShell = lazy(() =>
  import('./supervisor/SupervisorShell').then((m) => ({ default: m.SupervisorShell })),
);
const DepartmentPage = lazy(() =>
  import('./department/DepartmentPage').then((m) => ({ default: m.DepartmentPage })),
);
const CommitteePage = lazy(() =>
  import('./committee/CommitteePage').then((m) => ({ default: m.CommitteePage })),
);
const FieldApp = lazy(() => import('./field/FieldApp').then((m) => ({ default: m.FieldApp })));

const selectSession = (s: ReturnType<typeof sessionStore.get>) => s;

/** Login page or console, by session; a 401 anywhere lands back on the login page with a notice. */
export function App() {
  const session = useStore(sessionStore, selectSession);
  const { t } = useTranslation();

  useEffect(() => {
    void checkSession();
    return installGestureUnlock();
  }, []);

  const splash = (
    <main className="splash" aria-busy="true">
      <p className="splash-text">{t('app.loading')}</p>
    </main>
  );
  if (session.status === 'checking') return splash;
  if (session.status === 'anonymous') return <LoginPage notice={session.notice} />;
  return (
    <PageErrorBoundary>
      <Suspense fallback={splash}>
        <PageFor me={session.me} />
      </Suspense>
    </PageErrorBoundary>
  );
}

/**
 * Landing by role: supervisors switch between the console and their view; department staff get
 * their department's inbox; 维权委 members the cases put before the committee; a unit's officer
 * the field app (phone); dispatchers (and anyone else) the console.
 */
function PageFor({ me }: { me: MeResponse }) {
  switch (me.user.role) {
    case 'supervisor':
      return <SupervisorShell me={me} />;
    case 'department_staff':
      return <DepartmentPage me={me} />;
    case 'committee':
      return <CommitteePage me={me} />;
    case 'field_officer':
      return <FieldApp me={me} />;
    default:
      return <ConsolePage me={me} />;
  }
}
