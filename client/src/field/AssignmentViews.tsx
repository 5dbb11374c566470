import type { Assignment } from '@shared/domain/assignment';
import type { Incident } from '@shared/domain/incident';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { effectiveStatus, type FieldState, respond } from './fieldStore';

/**
 * Links that open navigation to the scene. Positions are WGS-84. A geo: URI (RFC 5870) hands
 * them to the phone's map app; Chinese map apps (AutoNavi/Amap, Baidu) draw GCJ-02 / BD-09 and
 * may place a WGS-84 point a few hundred metres off, so no Amap or Baidu link is built here
 * (that would need a conversion); the plain map link is OpenStreetMap, which is WGS-84.
 */
export function navigationLinks(lat: number, lng: number, label: string): { geo: string; map: string } {
  const la = lat.toFixed(6);
  const ln = lng.toFixed(6);
  return {
    geo: `geo:${la},${ln}?q=${la},${ln}(${encodeURIComponent(label)})`,
    map: `https://www.openstreetmap.org/?mlat=${la}&mlon=${ln}#map=17/${la}/${ln}`,
  };
}

function IncidentSummary({ incident }: { incident: Incident | undefined }) {
  const { t } = useTranslation();
  if (!incident) return null;
  return (
    <div className="inc-summary">
      <p className="inc-ref">
        <span className={`prio prio-${incident.priority}`}>
          {t(`priority.${String(incident.priority) as '1' | '2' | '3' | '4'}`)}
        </span>
        <span className="mono">{incident.reference}</span>
      </p>
      <p className="inc-cat">{t(`category.${incident.category}`)}</p>
      {incident.address && <p className="inc-addr">{incident.address}</p>}
      <p className="inc-flags">
        {incident.injured && <span className="flag">{t('incident.flagInjured')}</span>}
        {incident.vehicleInvolved && <span className="flag">{t('incident.flagVehicle')}</span>}
        {incident.ongoing && <span className="flag">{t('incident.flagOngoing')}</span>}
      </p>
    </div>
  );
}

/** Full screen, over everything: a pushed assignment rings until the officer acknowledges it. */
export function AssignmentAlert({ state, waiting }: { state: FieldState; waiting: Assignment[] }) {
  const { t } = useTranslation();
  const first = waiting[0];
  if (!first) return null;
  const incident = state.incidents[first.incidentId];
  return (
    <div
      className="assign-alert"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="assign-alert-title"
      data-testid="assignment-alert"
      data-assignment-id={first.id}
    >
      <h2 id="assign-alert-title" className="assign-alert-title">
        {t('field.alertTitle')}
      </h2>
      <IncidentSummary incident={incident} />
      <p className="assign-alert-hint">{t('field.alertHint')}</p>
      <button
        type="button"
        className="field-btn field-btn-ack"
        onClick={() => respond(first, 'accept')}
        data-testid="assignment-acknowledge"
        autoFocus
      >
        {t('field.alertAcknowledge')}
      </button>
      {waiting.length > 1 && (
        <p className="assign-alert-more">{t('field.alertMore', { count: waiting.length - 1 })}</p>
      )}
    </div>
  );
}

export function AssignmentCard({
  state,
  assignment,
}: {
  state: FieldState;
  assignment: Assignment | undefined;
}) {
  const { t, i18n } = useTranslation();
  if (!assignment) {
    return (
      <section
        className="field-card"
        aria-labelledby="assign-title"
        data-testid="assignment-card"
        data-status="none"
      >
        <h2 id="assign-title" className="card-title">
          {t('field.assignmentTitle')}
        </h2>
        <p className="card-empty">{t('field.noAssignment')}</p>
        <p className="card-hint">{t('field.noAssignmentHint')}</p>
      </section>
    );
  }
  const incident = state.incidents[assignment.incidentId];
  const status = effectiveStatus(state, assignment);
  const unsynced = state.overlay[assignment.id] !== undefined;
  const links = incident?.position
    ? navigationLinks(incident.position.lat, incident.position.lng, incident.reference)
    : null;
  return (
    <section
      className="field-card"
      aria-labelledby="assign-title"
      data-testid="assignment-card"
      data-status={status}
    >
      <div className="card-head">
        <h2 id="assign-title" className="card-title">
          {t('field.assignmentTitle')}
        </h2>
        <span className={`astatus astatus-${status}`} data-testid="assignment-status">
          {t(`assignmentStatus.${status}`)}
          {unsynced && <span className="unsynced"> · {t('field.unsynced')}</span>}
        </span>
      </div>
      <IncidentSummary incident={incident} />
      <p className="card-hint">
        {t('field.dispatchedAt', { time: formatDateTime(assignment.dispatchedAt, i18n.language) })}
      </p>
      <div className="step-row">
        <button
          type="button"
          className="field-btn field-btn-step"
          disabled={status !== 'accepted' && status !== 'pending'}
          onClick={() => respond(assignment, 'en_route')}
          data-testid="assignment-en-route"
        >
          {t('field.enRoute')}
        </button>
        <button
          type="button"
          className="field-btn field-btn-step"
          disabled={status === 'on_scene'}
          onClick={() => respond(assignment, 'on_scene')}
          data-testid="assignment-on-scene"
        >
          {t('field.onScene')}
        </button>
        <button
          type="button"
          className="field-btn field-btn-step"
          disabled={status === 'pending'}
          onClick={() => respond(assignment, 'clear')}
          data-testid="assignment-clear"
        >
          {t('field.clear')}
        </button>
      </div>
      {links ? (
        <div className="nav-row">
          <a className="field-btn field-btn-nav" href={links.geo} data-testid="navigate-geo">
            {t('field.navigate')}
          </a>
          <a
            className="field-link"
            href={links.map}
            target="_blank"
            rel="noreferrer noopener"
            data-testid="navigate-map"
          >
            {t('field.openMap')}
          </a>
        </div>
      ) : (
        <p className="card-hint">{t('field.noPosition')}</p>
      )}
    </section>
  );
}
