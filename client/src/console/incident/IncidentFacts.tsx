import type { Incident, InvolvedOfficer } from '@shared/domain/incident';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCoordinate, formatDateTime, shortId } from '../../format';

/** `userLabel` is bound in the component, and a ReactNode: `t` with options narrowed to string is too deep a type for tsc. */
function officerLabel(o: InvolvedOfficer, userLabel: (id: string) => ReactNode): ReactNode {
  if ('userId' in o) return userLabel(shortId(o.userId));
  return o.note ? `${o.name}（${o.note}）` : o.name;
}

function safeLinks(urls: readonly string[]): string[] {
  return urls.filter((u) => /^https?:\/\//i.test(u));
}

export function Details({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const flags = [
    incident.injured && t('incident.flagInjured'),
    incident.vehicleInvolved && t('incident.flagVehicle'),
    incident.onRoad && t('incident.flagOnRoad'),
    incident.ongoing && t('incident.flagOngoing'),
  ].filter((f): f is string => Boolean(f));
  const links = safeLinks(incident.contentUrls);
  return (
    <section className="sub" aria-labelledby="incident-details-title">
      <h3 id="incident-details-title" className="sub-title">
        {t('incident.details')}
      </h3>
      {flags.length > 0 && (
        <ul className="flags" aria-label={t('incident.details')}>
          {flags.map((f) => (
            <li key={f} className={`flag ${f === t('incident.flagInjured') ? 'flag-injured' : ''}`}>
              {f}
            </li>
          ))}
        </ul>
      )}
      <dl className="facts">
        <dt>{t('incident.address')}</dt>
        <dd className="fact-address">{incident.address ?? t('incident.noAddress')}</dd>
        <dt>{t('incident.position')}</dt>
        <dd className="mono">
          {incident.position ? (
            <>
              {formatCoordinate(incident.position.lat, incident.position.lng)}
              {incident.position.accuracyM !== undefined &&
                ` ${t('incident.accuracy', { metres: Math.round(incident.position.accuracyM) })}`}
            </>
          ) : (
            t('incident.noPosition')
          )}
        </dd>
        <dt>{t('incident.source')}</dt>
        <dd>{t(`source.${incident.source}`)}</dd>
        <dt>{t('incident.raisedAt')}</dt>
        <dd className="mono">{formatDateTime(incident.intervals.raisedAt, i18n.language)}</dd>
        <dt>{t('incident.acknowledgedAt')}</dt>
        <dd className="mono">
          {incident.intervals.acknowledgedAt
            ? formatDateTime(incident.intervals.acknowledgedAt, i18n.language)
            : t('incident.notAcknowledged')}
        </dd>
        <dt>{t('incident.officers')}</dt>
        <dd>
          {incident.officers.length === 0 ? (
            <span className="muted">{t('incident.noOfficers')}</span>
          ) : (
            <ul className="plain-list">
              {incident.officers.map((o) => (
                <li key={'userId' in o ? o.userId : `${o.name}|${o.note ?? ''}`}>
                  {officerLabel(o, (id) => t('incident.officerUser', { id }))}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('incident.description')}</dt>
        <dd className="fact-description">
          {incident.description || <span className="muted">{t('incident.noDescription')}</span>}
        </dd>
        {links.length > 0 && (
          <>
            <dt>{t('incident.content')}</dt>
            <dd>
              <ul className="plain-list">
                {links.map((u) => (
                  <li key={u}>
                    <a href={u} target="_blank" rel="noopener noreferrer" className="link">
                      {u}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
