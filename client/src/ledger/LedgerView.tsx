import './ledger.css';
import { urlFor } from '@shared/api/contract';
import {
  EXPORT_FORMATS,
  LEDGER_KINDS,
  LEDGER_OUTCOMES,
  type LedgerEntry,
  type LedgerFilters,
} from '@shared/api/ledger';
import { routes } from '@shared/api/routes';
import { CASE_CHANNELS, CASE_STATUSES } from '@shared/domain/case';
import { INFRINGEMENT_CATEGORIES } from '@shared/domain/category';
import { DEPARTMENT_IDS } from '@shared/domain/department';
import { ALERT_SOURCES } from '@shared/domain/incident';
import { INCIDENT_STATUSES } from '@shared/domain/incidentStatus';
import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { chinaToday } from '../reports/chinaToday';
import { usePoll } from '../supervisor/usePoll';

const PAGE_SIZE = 25;
/** The register changes as incidents are worked; once a minute keeps the page current. */
const REFRESH_MS = 60_000;
const SOURCES = ALERT_SOURCES.filter((s) => s !== 'application');
const UNIT_KINDS = new Set(['station', 'brigade', 'squadron', 'department']);

type Selects = Pick<LedgerFilters, 'kind' | 'category' | 'state' | 'outcome' | 'channel' | 'departmentId'>;

/** The first day of the month before this one: a ledger opens on about six weeks of records. */
function defaultFrom(): string {
  const today = chinaToday();
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1));
  return d.toISOString().slice(0, 10);
}

interface Named {
  id: string;
  name: string;
}

function useLabels() {
  const { t } = useTranslation();
  return {
    state: (s: string) =>
      (INCIDENT_STATUSES as readonly string[]).includes(s)
        ? t(`incidentStatus.${s as 'new'}`)
        : t(`caseStatus.${s as 'received'}`),
    channel: (s: string) =>
      (ALERT_SOURCES as readonly string[]).includes(s)
        ? t(`source.${s as 'call_110'}`)
        : t(`caseChannel.${s as 'written'}`),
  };
}

/** A row stays one or two lines high on the wall: the first departments by name, the rest as a count (all in the tooltip). */
const SHOWN_DEPARTMENTS = 2;

function Departments({ ids }: { ids: LedgerEntry['departments'] }) {
  const { t } = useTranslation();
  if (ids.length === 0) return <span className="muted">{t('ledger.none')}</span>;
  const names = ids.map((d) => t(`department.${d}`));
  const rest = names.length - SHOWN_DEPARTMENTS;
  return (
    <span className="ledger-depts" title={names.join(' · ')}>
      {names.slice(0, SHOWN_DEPARTMENTS).map((n) => (
        <span key={n} className="ledger-dept">
          {n}
        </span>
      ))}
      {rest > 0 && (
        <span className="ledger-dept ledger-dept-more">{t('ledger.moreDepartments', { count: rest })}</span>
      )}
    </span>
  );
}

/** "2026-11-13 09:00": the day and minute; seconds do not matter in a register. */
function formatLedgerTime(iso: string, locale: string): string {
  const parts = new Intl.DateTimeFormat(locale === 'en' ? 'en-CA' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function LedgerRow({
  e,
  onOfficer,
  onUnit,
}: {
  e: LedgerEntry;
  onOfficer: (o: Named) => void;
  onUnit: (u: Named) => void;
}) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const none = <span className="muted">{t('ledger.none')}</span>;
  return (
    <tr data-testid="ledger-row" data-kind={e.kind} data-reference={e.reference}>
      <td>
        <span className={`ledger-kind ledger-kind-${e.kind}`}>{t(`ledgerKind.${e.kind}`)}</span>
      </td>
      <td className="mono">{e.reference}</td>
      <td className="mono">{formatLedgerTime(e.at, i18n.language)}</td>
      <td>{t(`categoryShort.${e.category}`)}</td>
      <td>{labels.state(e.state)}</td>
      <td>
        <span className={`ledger-outcome ledger-outcome-${e.outcome}`}>
          {t(`ledgerOutcome.${e.outcome}`)}
        </span>
      </td>
      <td>{labels.channel(e.channel)}</td>
      <td>
        {e.officers.length === 0
          ? none
          : e.officers.map((o, i) =>
              o.userId ? (
                <button
                  key={o.userId}
                  type="button"
                  className="ledger-chip-link"
                  title={t('ledger.filterByOfficer', { name: o.name })}
                  onClick={() => onOfficer({ id: o.userId ?? '', name: o.name })}
                >
                  {o.name}
                </button>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: free-text names may repeat; their place is their identity
                <span key={`n${i}`} className="ledger-name">
                  {o.name}
                </span>
              ),
            )}
      </td>
      <td>
        {e.units.length === 0
          ? none
          : e.units.map((u) => (
              <button
                key={u.id}
                type="button"
                className="ledger-chip-link"
                title={t('ledger.filterByUnit', { name: u.name })}
                onClick={() => onUnit(u)}
              >
                {u.name}
              </button>
            ))}
      </td>
      <td>
        <Departments ids={e.departments} />
      </td>
      <td>{e.applicant ?? none}</td>
      <td>{e.offenderHandling ? t(`offenderTrack.${e.offenderHandling}`) : none}</td>
      <td className="mono">{e.linkedReference ?? none}</td>
    </tr>
  );
}

/**
 * 第三十五条's register: every incident and case, filtered and paged on the server; an officer
 * or unit in a row narrows the register to them; the exports carry the same filters.
 */
export function LedgerView() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState('');
  const [q, setQ] = useState('');
  const [selects, setSelects] = useState<Selects>({});
  const [unit, setUnit] = useState<Named | null>(null);
  const [officer, setOfficer] = useState<Named | null>(null);
  const [page, setPage] = useState(1);
  // Text fields apply on submit (typing a date should not fire a query per key); selects at once.
  const [applied, setApplied] = useState({ from, to, q });

  const filters = useMemo<LedgerFilters>(() => {
    const f: LedgerFilters = { ...selects };
    if (applied.from) f.from = applied.from;
    if (applied.to) f.to = applied.to;
    if (applied.q.trim()) f.q = applied.q.trim();
    if (unit) f.unitId = unit.id;
    if (officer) f.officerId = officer.id;
    for (const key of Object.keys(f) as (keyof LedgerFilters)[]) if (f[key] === undefined) delete f[key];
    return f;
  }, [selects, applied, unit, officer]);

  const load = useCallback(
    () => call(routes.ledger.list, { query: { ...filters, page, pageSize: PAGE_SIZE } }),
    [filters, page],
  );
  const list = usePoll(load, REFRESH_MS, JSON.stringify({ filters, page }));
  const orgLoad = useCallback(() => call(routes.organisation.list, {}), []);
  const org = usePoll(orgLoad, 600_000, 'org');
  const units = (org.data?.units ?? []).filter((u) => UNIT_KINDS.has(u.kind));

  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const setSelect = <K extends keyof Selects>(key: K, value: string) => {
    setSelects((s) => ({ ...s, [key]: value || undefined }));
    setPage(1);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ from, to, q });
    setPage(1);
  };
  const reset = () => {
    setSelects({});
    setUnit(null);
    setOfficer(null);
    setFrom('');
    setTo('');
    setQ('');
    setApplied({ from: '', to: '', q: '' });
    setPage(1);
  };

  const select = <K extends keyof Selects>(key: K, label: string, options: Array<[string, string]>) => (
    <label className="ledger-field">
      <span>{label}</span>
      <select
        className="input"
        value={(selects[key] as string | undefined) ?? ''}
        onChange={(e) => setSelect(key, e.target.value)}
        data-testid={`ledger-filter-${key}`}
      >
        <option value="">{t('ledger.any')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="ledger-page" data-testid="ledger-view">
      <header className="ledger-head">
        <div>
          <h2 className="ledger-title">{t('ledger.title')}</h2>
          <p className="ledger-subtitle">{t('ledger.subtitle')}</p>
        </div>
        <div className="ledger-exports">
          {EXPORT_FORMATS.map((format) => (
            <a
              key={format}
              className="btn btn-small"
              href={urlFor(routes.ledger.export, undefined, { ...filters, format })}
              download
              data-testid={`ledger-export-${format}`}
            >
              {format === 'csv' ? t('ledger.exportCsv') : t('ledger.exportXlsx')}
            </a>
          ))}
          <p className="ledger-export-note">{t('ledger.exportNote')}</p>
        </div>
      </header>
      <form className="ledger-filters" onSubmit={submit}>
        <label className="ledger-field">
          <span>{t('ledger.from')}</span>
          <input
            className="input"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="ledger-from"
          />
        </label>
        <label className="ledger-field">
          <span>{t('ledger.to')}</span>
          <input
            className="input"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            data-testid="ledger-to"
          />
        </label>
        {select(
          'kind',
          t('ledger.kind'),
          LEDGER_KINDS.map((k) => [k, t(`ledgerKind.${k}`)]),
        )}
        {select(
          'category',
          t('ledger.category'),
          INFRINGEMENT_CATEGORIES.map((c) => [c, t(`categoryShort.${c}`)]),
        )}
        {select(
          'state',
          t('ledger.state'),
          [...INCIDENT_STATUSES, ...CASE_STATUSES]
            .filter((s, i, a) => a.indexOf(s) === i)
            .map((s) => [s, labels.state(s)]),
        )}
        {select(
          'outcome',
          t('ledger.outcome'),
          LEDGER_OUTCOMES.map((o) => [o, t(`ledgerOutcome.${o}`)]),
        )}
        {select(
          'channel',
          t('ledger.channel'),
          [...SOURCES, ...CASE_CHANNELS].map((c) => [c, labels.channel(c)]),
        )}
        {select(
          'departmentId',
          t('ledger.department'),
          DEPARTMENT_IDS.map((d) => [d, t(`department.${d}`)]),
        )}
        <label className="ledger-field">
          <span>{t('ledger.colUnits')}</span>
          <select
            className="input"
            value={unit?.id ?? ''}
            onChange={(e) => {
              const u = units.find((x) => x.id === e.target.value);
              setUnit(u ? { id: u.id, name: u.name } : null);
              setPage(1);
            }}
            data-testid="ledger-filter-unit"
          >
            <option value="">{t('ledger.any')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="ledger-field ledger-field-wide">
          <span>{t('ledger.search')}</span>
          <input
            className="input"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            maxLength={100}
          />
        </label>
        <div className="ledger-actions">
          <button type="submit" className="btn btn-small btn-primary" data-testid="ledger-apply">
            {t('ledger.apply')}
          </button>
          <button type="button" className="btn btn-small" onClick={reset}>
            {t('ledger.reset')}
          </button>
        </div>
      </form>
      {officer && (
        <p className="ledger-active">
          <button
            type="button"
            className="ledger-active-chip"
            onClick={() => {
              setOfficer(null);
              setPage(1);
            }}
            aria-label={t('ledger.removeFilter', { what: officer.name })}
          >
            {t('ledger.officerFilter', { name: officer.name })} ✕
          </button>
        </p>
      )}
      <div className="ledger-body">
        {list.status === 'loading' && <p className="state-msg state-loading">{t('ledger.loading')}</p>}
        {list.status === 'error' && (
          <div className="state-error-inline" role="alert">
            {t('ledger.loadError')}: {list.error}{' '}
            <button type="button" className="btn btn-small" onClick={list.reload}>
              {t('errors.retry')}
            </button>
          </div>
        )}
        {list.data && list.data.entries.length === 0 && (
          <div className="state-msg state-empty" data-testid="ledger-empty">
            <p className="state-empty-title">{t('ledger.empty')}</p>
            <p>{t('ledger.emptyHint')}</p>
          </div>
        )}
        {list.data && list.data.entries.length > 0 && (
          <table className="ledger-table" data-testid="ledger-table">
            <thead>
              <tr>
                <th scope="col">{t('ledger.colKind')}</th>
                <th scope="col">{t('ledger.colReference')}</th>
                <th scope="col">{t('ledger.colAt')}</th>
                <th scope="col">{t('ledger.colCategory')}</th>
                <th scope="col">{t('ledger.colState')}</th>
                <th scope="col">{t('ledger.colOutcome')}</th>
                <th scope="col">{t('ledger.colChannel')}</th>
                <th scope="col">{t('ledger.colOfficers')}</th>
                <th scope="col">{t('ledger.colUnits')}</th>
                <th scope="col">{t('ledger.colDepartments')}</th>
                <th scope="col">{t('ledger.colApplicant')}</th>
                <th scope="col">{t('ledger.colOffender')}</th>
                <th scope="col">{t('ledger.colLinked')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.entries.map((e) => (
                <LedgerRow
                  key={e.id}
                  e={e}
                  onOfficer={(o) => {
                    setOfficer(o);
                    setPage(1);
                  }}
                  onUnit={(u) => {
                    setUnit(u);
                    setPage(1);
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
      </div>
      {list.data && (
        <footer className="ledger-pager">
          <span data-testid="ledger-total">{t('ledger.total', { count: list.data.total })}</span>
          <button
            type="button"
            className="btn btn-small"
            disabled={page <= 1}
            onClick={() => setPage((p) => p - 1)}
          >
            ‹ {t('ledger.prev')}
          </button>
          <span>{t('ledger.page', { page, pages })}</span>
          <button
            type="button"
            className="btn btn-small"
            disabled={page >= pages}
            onClick={() => setPage((p) => p + 1)}
            data-testid="ledger-next"
          >
            {t('ledger.next')} ›
          </button>
        </footer>
      )}
    </div>
  );
}
