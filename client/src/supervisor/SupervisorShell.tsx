import type { MeResponse } from '@shared/api/auth';
import type { ReactNode } from 'react';
import { ClearingView } from '../clearing/ClearingView';
import { useStore } from '../common/store';
import { ConsolePage } from '../console/ConsolePage';
import { LedgerView } from '../ledger/LedgerView';
import { Reports } from '../reports/Reports';
import { SupervisorView, useGuardConsoleKeys } from './SupervisorView';
import { useViewKey } from './ViewSwitch';
import { type SupervisorViewName, viewStore } from './viewStore';

const selectView = (v: SupervisorViewName) => v;
/** The console's single-key commands act on a queue that is not on screen here: kept from it. */
function Guarded({ children }: { children: ReactNode }) {
  useGuardConsoleKeys();
  return children;
}

function alternateFor(view: SupervisorViewName) {
  if (view === 'supervisor') return <SupervisorView />;
  if (view === 'clearing') return <ClearingView />;
  if (view === 'ledger')
    return (
      <Guarded>
        <LedgerView />
      </Guarded>
    );
  if (view === 'reports')
    return (
      <Guarded>
        <Reports />
      </Guarded>
    );
  return undefined;
}

/**
 * The supervisor on duty: the dispatch console and the supervisor view over the same live data.
 * The console stays running under either (one socket, one snapshot, the alarm banner and its
 * tone), so switching views loses nothing and a distress alert is never missed.
 */
export function SupervisorShell({ me }: { me: MeResponse }) {
  const view = useStore(viewStore, selectView);
  useViewKey();
  return <ConsolePage me={me} alternate={alternateFor(view)} />;
}
