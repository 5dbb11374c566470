import type { TimelineEntry } from '@shared/api/snapshot';
import type { Incident } from '@shared/domain/incident';
import type { Unit } from '@shared/domain/unit';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../common/store';
import { formatDateTime } from '../../format';
import { actorText, describeDetails, timelineKindLabel, transitionText } from '../../timeline/timelineText';
import type { ConsoleState } from '../consoleState';
import { consoleStore } from '../consoleStore';
import { type DetailState, detailActions, detailStore } from '../detailStore';

const selectUnits = (s: ConsoleState) => s.units;
const selectDetail = (s: DetailState) => s;

function TimelineItem({ entry, units }: { entry: TimelineEntry; units: ReadonlyMap<string, Unit> }) {
  const { t, i18n } = useTranslation();
  const { text, from, to } = entry.details;
  const transition = transitionText(from, to, t);
  const rest = describeDetails(entry.details, { t, lang: i18n.language, units });
  return (
    <li className="tl-item" data-testid="timeline-entry" data-kind={entry.kind}>
      <span className="tl-time mono">{formatDateTime(entry.at, i18n.language)}</span>
      <span className="tl-kind">{timelineKindLabel(entry.kind, t)}</span>
      <span className="tl-actor muted">{actorText(entry.actor, units, t)}</span>
      {transition && <p className="tl-transition">{transition}</p>}
      {typeof text === 'string' && text && <p className="tl-text">{text}</p>}
      {rest.length > 0 && (
        <p className="tl-details muted">
          {rest.map((line) => (
            <span key={line.key} className="tl-detail">
              {line.label}: {line.value}
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

export function Timeline({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const detail = useStore(detailStore, selectDetail);
  const units = useStore(consoleStore, selectUnits);
  const tl = detail.timeline;
  const entries = tl.incidentId === incident.id ? (tl.data ?? []) : [];
  return (
    <section className="sub" aria-labelledby="tl-title" aria-busy={tl.status === 'loading'}>
      <h3 id="tl-title" className="sub-title">
        {t('timeline.title')}
      </h3>
      {tl.status === 'loading' && entries.length === 0 && <p className="muted">{t('timeline.loading')}</p>}
      {tl.status === 'error' && (
        <div className="state-error-inline" role="alert">
          {t('timeline.error')}: {tl.error}{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void detailActions.loadTimeline(incident.id)}
          >
            {t('errors.retry')}
          </button>
        </div>
      )}
      {tl.status === 'ready' && entries.length === 0 && <p className="muted">{t('timeline.empty')}</p>}
      {entries.length > 0 && (
        <ol className="timeline" data-testid="timeline">
          {[...entries].reverse().map((e) => (
            <TimelineItem key={e.id} entry={e} units={units} />
          ))}
        </ol>
      )}
    </section>
  );
}
