import type { MeResponse } from '@shared/api/auth';
import { useStore } from '../common/store';
import { ConsolePage } from '../console/ConsolePage';
import { SupervisorView } from './SupervisorView';
import { useViewKey } from './ViewSwitch';
import { type SupervisorViewName, viewStore } from './viewStore';

const selectView = (v: SupervisorViewName) => v;

/**
 * The supervisor on duty: the dispatch console and the supervisor view over the same live data.
 * The console stays running under either (one socket, one snapshot, the alarm banner and its
 * tone), so switching views loses nothing and a distress alert is never missed.
 */
export function SupervisorShell({ me }: { me: MeResponse }) {
  const view = useStore(viewStore, selectView);
  useViewKey();
  return <ConsolePage me={me} alternate={view === 'supervisor' ? <SupervisorView /> : undefined} />;
}
