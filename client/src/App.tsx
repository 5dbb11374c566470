import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { installGestureUnlock } from './audio/alarmSound';
import { CommitteePage } from './committee/CommitteePage';
import { useStore } from './common/store';
import { ConsolePage } from './console/ConsolePage';
import { DepartmentPage } from './department/DepartmentPage';
import { FieldApp } from './field/FieldApp';
import { LoginPage } from './session/LoginPage';
import { checkSession, sessionStore } from './session/sessionStore';
import { SupervisorShell } from './supervisor/SupervisorShell';

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
  // Landing by role: supervisors switch between the console and their view; department staff
  // get their department's inbox; dispatchers (and anyone else) the console.
  if (session.me.user.role === 'supervisor') return <SupervisorShell me={session.me} />;
  if (session.me.user.role === 'department_staff') return <DepartmentPage me={session.me} />;
  // 维权委 members land on the cases put before the committee.
  if (session.me.user.role === 'committee') return <CommitteePage me={session.me} />;
  // A unit's officer lands on the field app (phone), everyone else on the console.
  if (session.me.user.role === 'field_officer') return <FieldApp me={session.me} />;
  return <ConsolePage me={session.me} />;
}
