import type { PeriodReport, Tally, UnitGuidance } from '@shared/api/reports';
import { INTERVAL_NAMES } from '@shared/api/supervisor';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../format';
import { EChart } from './EChart';
import { compareBars, hourChart, rankBars } from './reportCharts';
import type { ChartPalette } from './usePrintPalette';

export interface SectionProps {
  report: PeriodReport;
  palette: ChartPalette;
}

/** How many units and townships a chart ranks; the table beside it lists them all. */
const RANKED = 10;

function Section({
  id,
  title,
  wide,
  children,
}: {
  id: string;
  title: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      className={`report-card ${wide ? 'report-card-wide' : ''}`}
      aria-labelledby={`report-${id}`}
      data-testid={`report-${id}`}
    >
      <h3 id={`report-${id}`} className="report-card-title">
        {title}
      </h3>
      {children}
    </section>
  );
}

export function Trend({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  const d = tally.count - tally.previous;
  const cls = d > 0 ? 'report-trend-up' : d < 0 ? 'report-trend-down' : 'report-trend-same';
  const text =
    d > 0
      ? t('reports.trendUp', { n: d })
      : d < 0
        ? t('reports.trendDown', { n: -d })
        : t('reports.trendSame');
  return <span className={`report-trend ${cls}`}>{text}</span>;
}

function useNames() {
  const { t } = useTranslation();
  return { current: t('reports.currentLabel'), previous: t('reports.previousLabel') };
}

function TotalsSection({ report }: SectionProps) {
  const { t } = useTranslation();
  const rows: Array<[string, Tally]> = [
    [t('reports.matters'), report.totals.matters],
    [t('reports.incidents'), report.totals.incidents],
    [t('reports.cases'), report.totals.cases],
  ];
  return (
    <Section id="totals" title={t('reports.totalsTitle')} wide>
      <div className="report-totals">
        {rows.map(([label, tally]) => (
          <div key={label} className="report-total">
            <span className="report-total-n mono" data-testid="report-total">
              {tally.count}
            </span>
            <span className="report-total-label">{label}</span>
            <span className="report-total-prev">
              {t('reports.previousLabel')} {tally.previous} · <Trend tally={tally} />
            </span>
          </div>
        ))}
      </div>
    </Section>
  );
}

function CategorySection({ report, palette }: SectionProps) {
  const { t } = useTranslation();
  const names = useNames();
  const option = useMemo(
    () =>
      compareBars(
        palette,
        report.byCategory.map((c) => t(`categoryShort.${c.category}`)),
        report.byCategory.map((c) => c.incidents.count + c.cases.count),
        report.byCategory.map((c) => c.incidents.previous + c.cases.previous),
        names,
      ),
    [report, palette, t, names],
  );
  return (
    <Section id="category" title={t('reports.categoryTitle')}>
      {report.byCategory.length > 0 && (
        <EChart option={option} label={t('reports.categoryTitle')} height="16rem" />
      )}
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t('ledger.colCategory')}</th>
            <th scope="col">{t('reports.incidents')}</th>
            <th scope="col">{t('reports.cases')}</th>
            <th scope="col">{t('reports.previousLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {report.byCategory.map((c) => (
            <tr key={c.category}>
              <th scope="row">{t(`categoryShort.${c.category}`)}</th>
              <td className="mono">{c.incidents.count}</td>
              <td className="mono">{c.cases.count}</td>
              <td className="mono muted">{c.incidents.previous + c.cases.previous}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function HourSection({ report, palette }: SectionProps) {
  const { t } = useTranslation();
  const names = useNames();
  const option = useMemo(
    () =>
      hourChart(
        palette,
        report.byHour.current.map((_, h) => String(h)),
        report.byHour.current,
        report.byHour.previous,
        names,
      ),
    [report, palette, names],
  );
  return (
    <Section id="hours" title={t('reports.hourTitle')}>
      <EChart option={option} label={t('reports.hourTitle')} height="22rem" />
    </Section>
  );
}

function RankSection({
  id,
  title,
  rows,
  palette,
}: {
  id: string;
  title: string;
  rows: Array<{ key: string; label: string; unknown: boolean } & Tally>;
  palette: ChartPalette;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const top = rows.slice(0, RANKED);
  const option = useMemo(
    () =>
      rankBars(
        palette,
        top.map((r) => r.label),
        top.map((r) => r.count),
        top.map((r) => r.previous),
        names,
      ),
    [top, palette, names],
  );
  return (
    <Section id={id} title={title}>
      {top.length > 0 && (
        <EChart option={option} label={title} height={`${Math.max(8, top.length * 2.2 + 3)}rem`} />
      )}
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{t('reports.currentLabel')}</th>
            <th scope="col">{t('reports.previousLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className={r.unknown ? 'muted' : ''}>
                {r.label}
              </th>
              <td className="mono">{r.count}</td>
              <td className="mono muted">{r.previous}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function UnitSection({ report, palette }: SectionProps) {
  const { t } = useTranslation();
  const rows = report.byUnit.map((u) => ({
    key: u.unitId ?? '',
    label: u.unitName ?? t('reports.unknownUnit'),
    unknown: u.unitId === null,
    count: u.count,
    previous: u.previous,
  }));
  return <RankSection id="units" title={t('reports.unitTitle')} rows={rows} palette={palette} />;
}

function TownshipSection({ report, palette }: SectionProps) {
  const { t } = useTranslation();
  const rows = report.byTownship.map((u) => ({
    key: u.township ?? '',
    label: u.township ?? t('reports.unknownTownship'),
    unknown: u.township === null,
    count: u.count,
    previous: u.previous,
  }));
  return <RankSection id="townships" title={t('reports.townshipTitle')} rows={rows} palette={palette} />;
}

const seconds = (s: number | null) => (s === null ? '—' : formatDuration(s * 1000));

function IntervalsSection({ report }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Section id="intervals" title={t('reports.intervalsTitle')}>
      <p className="report-note">{t('reports.intervalsPolicy')}</p>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.intervalName')}</th>
            <th scope="col">{t('reports.median')}</th>
            <th scope="col">{t('reports.p90')}</th>
            <th scope="col">{t('reports.target')}</th>
            <th scope="col">{t('reports.withinTarget')}</th>
            <th scope="col">{t('reports.previousLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {INTERVAL_NAMES.map((name) => {
            const s = report.intervals.current[name];
            const prev = report.intervals.previous[name];
            if (!s || !prev) return null;
            const over = s.medianS !== null && s.medianS > s.targetS;
            return (
              <tr key={name}>
                <th scope="row">{t(`supervisor.interval_${name}`)}</th>
                <td className={`mono ${over ? 'report-over' : ''}`}>{seconds(s.medianS)}</td>
                <td className="mono">{seconds(s.p90S)}</td>
                <td className="mono">{seconds(s.targetS)}</td>
                <td className="mono">
                  {s.withinTarget === null ? '—' : `${Math.round(s.withinTarget * 100)}%`}
                </td>
                <td className="mono muted">
                  {seconds(prev.medianS)}
                  {prev.withinTarget !== null && ` · ${Math.round(prev.withinTarget * 100)}%`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

function DeadlinesSection({ report }: SectionProps) {
  const { t } = useTranslation();
  const rows = [
    [t('reports.deadlineAcceptance'), report.deadlines.acceptance],
    [t('reports.deadlineFeedback'), report.deadlines.feedback],
  ] as const;
  return (
    <Section id="deadlines" title={t('reports.deadlinesTitle')}>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('reports.met')}</th>
            <th scope="col">{t('reports.late')}</th>
            <th scope="col">{t('reports.overdue')}</th>
            <th scope="col">{t('reports.pending')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, d]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="mono">{d.met}</td>
              <td className={`mono ${d.late ? 'report-over' : ''}`}>{d.late}</td>
              <td className={`mono ${d.overdue ? 'report-over' : ''}`}>{d.overdue}</td>
              <td className="mono">{d.pending}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function OffenderSection({ report }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Section id="offenders" title={t('reports.offenderTitle')}>
      <table className="report-table">
        <tbody>
          {report.offenderHandling.byTrack.map((x) => (
            <tr key={x.track}>
              <th scope="row">{t(`offenderTrack.${x.track}`)}</th>
              <td className="mono">{x.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={`report-note ${report.offenderHandling.casesWithout ? 'report-over' : ''}`}>
        {t('reports.offenderWithout', { count: report.offenderHandling.casesWithout })}
      </p>
    </Section>
  );
}

function RemediesSection({ report }: SectionProps) {
  const { t, i18n } = useTranslation();
  const money = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (
    <Section id="remedies" title={t('reports.remediesTitle')}>
      {report.remedies.length === 0 ? (
        <p className="report-note">{t('reports.noRemedies')}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('cases.remedyKind')}</th>
              <th scope="col">{t('reports.remedyCount')}</th>
              <th scope="col">{t('reports.remedyAmount')}</th>
            </tr>
          </thead>
          <tbody>
            {report.remedies.map((r) => (
              <tr key={r.kind}>
                <th scope="row">{t(`remedyKind.${r.kind}`)}</th>
                <td className="mono">{r.count}</td>
                <td className="mono">{r.amountYuan === null ? '—' : money.format(r.amountYuan)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function RepeatSection({ report }: SectionProps) {
  const { t } = useTranslation();
  const r = report.repeatVictims;
  return (
    <Section id="repeat" title={t('reports.repeatTitle')}>
      <p className="report-note">{t('reports.repeatPolicy', { days: r.windowDays, n: r.threshold })}</p>
      {r.officers.length === 0 ? (
        <p className="report-note">{t('reports.repeatNone')}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('ledger.colOfficers')}</th>
              <th scope="col">{t('ledger.colUnits')}</th>
              <th scope="col">{t('reports.matterCount')}</th>
              <th scope="col">{t('reports.references')}</th>
            </tr>
          </thead>
          <tbody>
            {r.officers.map((o) => (
              <tr key={`${o.userId ?? o.name}`}>
                <th scope="row">{o.name}</th>
                <td>{o.unitName ?? <span className="muted">{t('reports.unknownUnit')}</span>}</td>
                <td className="mono">{o.matters}</td>
                <td className="mono report-refs">{o.references.join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function GuidanceCard({ g }: { g: UnitGuidance }) {
  const { t } = useTranslation();
  return (
    <article className="report-guidance" data-testid="report-guidance-unit">
      <h4 className="report-guidance-unit">{g.unitName}</h4>
      <ul>
        <li>
          {t('reports.guidanceLead', {
            count: g.matters,
            previous: g.previous,
            category: t(`categoryShort.${g.topCategory}`),
            top: g.topCategoryCount,
          })}
        </li>
        <li>{t(`guidanceAdvice.${g.topCategory}`)}</li>
        {g.peakHour !== null && (
          <li>{t('reports.guidancePeak', { from: g.peakHour, to: g.peakHour + 2 })}</li>
        )}
        {g.injured > 0 && <li>{t('reports.guidanceInjured', { count: g.injured })}</li>}
        {g.onRoad > 0 && <li>{t('reports.guidanceRoad', { count: g.onRoad })}</li>}
        {g.repeatOfficers > 0 && <li>{t('reports.guidanceRepeat', { count: g.repeatOfficers })}</li>}
      </ul>
    </article>
  );
}

function GuidanceSection({ report }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Section id="guidance" title={t('reports.guidanceTitle')} wide>
      <p className="report-note">{t('reports.guidanceNote')}</p>
      {report.guidance.length === 0 ? (
        <p className="report-note">{t('reports.guidanceNone')}</p>
      ) : (
        <div className="report-guidance-list">
          {report.guidance.map((g) => (
            <GuidanceCard key={g.unitId} g={g} />
          ))}
        </div>
      )}
    </Section>
  );
}

function WarningsSection({ report }: SectionProps) {
  const { t } = useTranslation();
  const fired = report.warningFirings.reduce((n, f) => n + f.count, 0);
  return (
    <Section id="warnings" title={t('reports.warningsTitle')}>
      {fired === 0 && report.warningFirings.every((f) => f.previous === 0) ? (
        <p className="report-note">{t('reports.warningsNone')}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.warningModel')}</th>
              <th scope="col">{t('reports.currentLabel')}</th>
              <th scope="col">{t('reports.previousLabel')}</th>
              <th scope="col">{t('reports.trend')}</th>
            </tr>
          </thead>
          <tbody>
            {report.warningFirings.map((f) => (
              <tr key={f.model}>
                <th scope="row">{t(`warningModel.${f.model}`)}</th>
                <td className="mono">{f.count}</td>
                <td className="mono">{f.previous}</td>
                <td>
                  <Trend tally={f} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/**
 * The report's sections in order. A new part of the analysis is one more component here reading
 * one more field of PeriodReport.
 */
export const REPORT_SECTIONS: ReadonlyArray<{ id: string; Component: (p: SectionProps) => ReactNode }> = [
  { id: 'totals', Component: TotalsSection },
  { id: 'guidance', Component: GuidanceSection },
  { id: 'category', Component: CategorySection },
  { id: 'hours', Component: HourSection },
  { id: 'units', Component: UnitSection },
  { id: 'townships', Component: TownshipSection },
  { id: 'intervals', Component: IntervalsSection },
  { id: 'deadlines', Component: DeadlinesSection },
  { id: 'offenders', Component: OffenderSection },
  { id: 'remedies', Component: RemediesSection },
  { id: 'repeat', Component: RepeatSection },
  { id: 'warnings', Component: WarningsSection },
];
