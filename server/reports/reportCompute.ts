import { OFFENDER_TRACKS } from '@shared/api/ledger';
import type { DeadlineTally, PeriodReport, PeriodSpan, Tally, UnitGuidance } from '@shared/api/reports';
import type { IntervalName } from '@shared/api/supervisor';
import { REMEDY_KINDS, type RemedyKind } from '@shared/domain/case';
import { INFRINGEMENT_CATEGORIES, type InfringementCategory } from '@shared/domain/category';
import { chinaDayStart, chinaHour } from '../ledger/chinaTime';
import { type IncidentTimes, summarise } from '../supervisor/intervalStats';

/**
 * The analysis of 第三十五条 as pure functions of what was read (reportData.ts), so each figure
 * is tested without a database and the route only reads and hands over.
 */

/** A matter of the ledger: an incident, or a case that did not come from one (counted once). */
export interface MatterRecord {
  kind: 'incident' | 'case';
  reference: string;
  at: Date;
  category: InfringementCategory;
  officers: Array<{ userId: string | null; name: string }>;
  units: Array<{ id: string; name: string }>;
  township: string | null;
  /** Hour of occurrence is known for incidents only (a case has when it was received). */
  hasTime: boolean;
  injured: boolean;
  vehicleInvolved: boolean;
  onRoad: boolean;
}

export interface CaseRecord {
  category: InfringementCategory;
  receivedAt: Date;
  acceptanceDue: string;
  decidedOn: string | null;
  feedbackDue: string | null;
  feedbackOn: string | null;
  hasOffenderHandling: boolean;
}

export interface RemedyRecord {
  kind: RemedyKind;
  at: Date;
  amountYuan: number | null;
  track: string | null;
}

export interface TimedIncident extends IncidentTimes {
  at: Date;
}

export interface ReportInput {
  period: PeriodReport['period'];
  span: PeriodSpan;
  previousSpan: PeriodSpan;
  /** 'YYYY-MM-DD' in China: what counts as overdue. */
  today: string;
  now: Date;
  /** Matters from the start of the earliest window needed (previous period or repeat window). */
  matters: MatterRecord[];
  /** Non-application incidents, not false alarms nor cancelled, with their times. */
  incidents: TimedIncident[];
  /** Incidents by category, all of them (a false alarm is still a report), for the category tally. */
  incidentCategories: Array<{ at: Date; category: InfringementCategory }>;
  cases: CaseRecord[];
  remedies: RemedyRecord[];
  targets: Record<IntervalName, number>;
  policy: { repeatWindowDays: number; repeatThreshold: number; guidanceUnits: number };
}

const within = (at: Date, span: PeriodSpan) =>
  at >= chinaDayStart(span.start) && at < chinaDayStart(span.end);
const dayWithin = (day: string, span: PeriodSpan) => day >= span.start && day < span.end;

function tally<T>(items: readonly T[], at: (t: T) => Date, r: ReportInput, match: (t: T) => boolean): Tally {
  let count = 0;
  let previous = 0;
  for (const item of items) {
    if (!match(item)) continue;
    if (within(at(item), r.span)) count++;
    else if (within(at(item), r.previousSpan)) previous++;
  }
  return { count, previous };
}

/** Count keyed groups in both periods; the groups present in either period, most first. */
function grouped<K>(
  matters: readonly MatterRecord[],
  r: ReportInput,
  keysOf: (m: MatterRecord) => K[],
  id: (k: K) => string,
): Array<{ key: K } & Tally> {
  const map = new Map<string, { key: K } & Tally>();
  for (const m of matters) {
    const current = within(m.at, r.span);
    if (!current && !within(m.at, r.previousSpan)) continue;
    for (const key of keysOf(m)) {
      const entry = map.get(id(key)) ?? { key, count: 0, previous: 0 };
      if (current) entry.count++;
      else entry.previous++;
      map.set(id(key), entry);
    }
  }
  return [...map.values()].sort((a, b) => b.count - a.count || b.previous - a.previous);
}

export function deadlineTally(
  items: ReadonlyArray<{ due: string | null; doneOn: string | null }>,
  span: PeriodSpan,
  today: string,
): DeadlineTally {
  const out: DeadlineTally = { met: 0, late: 0, overdue: 0, pending: 0 };
  for (const { due, doneOn } of items) {
    if (!due || !dayWithin(due, span)) continue;
    if (doneOn) out[doneOn <= due ? 'met' : 'late']++;
    else out[due < today ? 'overdue' : 'pending']++;
  }
  return out;
}

export function hourHistogram(incidents: readonly MatterRecord[], span: PeriodSpan): number[] {
  const hours = new Array<number>(24).fill(0);
  for (const m of incidents) if (m.hasTime && within(m.at, span)) hours[chinaHour(m.at)]! += 1;
  return hours;
}

/** Officers concerned in at least `threshold` matters in the window, one of them in the period. */
export function repeatVictims(r: ReportInput): PeriodReport['repeatVictims'] {
  const windowEnd = chinaDayStart(r.span.end);
  const windowStart = new Date(windowEnd.getTime() - r.policy.repeatWindowDays * 86_400_000);
  const byOfficer = new Map<
    string,
    { userId: string | null; name: string; unitName: string | null; refs: string[]; inPeriod: boolean }
  >();
  for (const m of r.matters) {
    if (m.at < windowStart || m.at >= windowEnd) continue;
    for (const o of m.officers) {
      // free-text names (auxiliary, off duty) are matched by name: the best the record allows
      const key = o.userId ?? `name:${o.name}`;
      const entry = byOfficer.get(key) ?? {
        userId: o.userId,
        name: o.name,
        unitName: m.units[0]?.name ?? null,
        refs: [],
        inPeriod: false,
      };
      entry.refs.push(m.reference);
      entry.inPeriod ||= within(m.at, r.span);
      byOfficer.set(key, entry);
    }
  }
  const officers = [...byOfficer.values()]
    .filter((e) => e.inPeriod && e.refs.length >= r.policy.repeatThreshold)
    .sort((a, b) => b.refs.length - a.refs.length || a.name.localeCompare(b.name))
    .map((e) => ({
      userId: e.userId,
      name: e.name,
      unitName: e.unitName,
      matters: e.refs.length,
      references: e.refs,
    }));
  return { windowDays: r.policy.repeatWindowDays, threshold: r.policy.repeatThreshold, officers };
}

/** The 2-hour band (even start hour) with most incidents; null when none had a time. */
export function peakBand(hours: readonly number[]): number | null {
  let best: number | null = null;
  let bestCount = 0;
  for (let h = 0; h < 24; h += 2) {
    const n = (hours[h] ?? 0) + (hours[h + 1] ?? 0);
    if (n > bestCount) {
      best = h;
      bestCount = n;
    }
  }
  return best;
}

export function guidanceFor(r: ReportInput, repeat: PeriodReport['repeatVictims']): UnitGuidance[] {
  const units = grouped(
    r.matters,
    r,
    (m) => m.units,
    (u) => u.id,
  )
    .filter((u) => u.count > 0)
    .slice(0, r.policy.guidanceUnits);
  const repeatIds = new Set(repeat.officers.flatMap((o) => (o.userId ? [o.userId] : [])));
  return units.map(({ key, count, previous }) => {
    const mine = r.matters.filter((m) => within(m.at, r.span) && m.units.some((u) => u.id === key.id));
    const byCategory = new Map<InfringementCategory, number>();
    for (const m of mine) byCategory.set(m.category, (byCategory.get(m.category) ?? 0) + 1);
    const [topCategory, topCategoryCount] = [...byCategory].sort((a, b) => b[1] - a[1])[0] ?? ['other', 0];
    const officersOfUnit = new Set(
      mine.flatMap((m) => m.officers.flatMap((o) => (o.userId ? [o.userId] : []))),
    );
    return {
      unitId: key.id,
      unitName: key.name,
      matters: count,
      previous,
      topCategory,
      topCategoryCount,
      peakHour: peakBand(hourHistogram(mine, r.span)),
      injured: mine.filter((m) => m.injured).length,
      vehicleInvolved: mine.filter((m) => m.vehicleInvolved).length,
      onRoad: mine.filter((m) => m.onRoad).length,
      repeatOfficers: [...officersOfUnit].filter((id) => repeatIds.has(id)).length,
    };
  });
}

export function computeReport(r: ReportInput): Omit<PeriodReport, 'warningFirings'> {
  const inSpan = (s: PeriodSpan) => (i: { at: Date }) => within(i.at, s);
  const incidentTally = tally(
    r.incidentCategories,
    (i) => i.at,
    r,
    () => true,
  );
  const caseTally = tally(
    r.cases,
    (c) => c.receivedAt,
    r,
    () => true,
  );
  const matterTally = tally(
    r.matters,
    (m) => m.at,
    r,
    () => true,
  );

  const byCategory = INFRINGEMENT_CATEGORIES.map((category) => ({
    category,
    incidents: tally(
      r.incidentCategories,
      (i) => i.at,
      r,
      (i) => i.category === category,
    ),
    cases: tally(
      r.cases,
      (c) => c.receivedAt,
      r,
      (c) => c.category === category,
    ),
  })).filter((c) => c.incidents.count + c.incidents.previous + c.cases.count + c.cases.previous > 0);

  const byUnit = grouped(
    r.matters,
    r,
    (m) => (m.units.length ? m.units : [null]),
    (u) => u?.id ?? '',
  ).map(({ key, count, previous }) => ({
    unitId: key?.id ?? null,
    unitName: key?.name ?? null,
    count,
    previous,
  }));
  const byTownship = grouped(
    r.matters,
    r,
    (m) => [m.township],
    (t) => t ?? '',
  ).map(({ key, count, previous }) => ({ township: key, count, previous }));

  const inPeriodCases = r.cases.filter((c) => within(c.receivedAt, r.span));
  const trackCounts = new Map<string, number>();
  for (const rem of r.remedies)
    if (rem.kind === 'offender_handling' && within(rem.at, r.span) && rem.track)
      trackCounts.set(rem.track, (trackCounts.get(rem.track) ?? 0) + 1);

  const remedies = REMEDY_KINDS.map((kind) => {
    const mine = r.remedies.filter((x) => x.kind === kind && within(x.at, r.span));
    const amounts = mine.flatMap((x) => (x.amountYuan === null ? [] : [x.amountYuan]));
    return {
      kind,
      count: mine.length,
      amountYuan: amounts.length ? Math.round(amounts.reduce((a, b) => a + b, 0) * 100) / 100 : null,
    };
  }).filter((x) => x.count > 0);

  const repeat = repeatVictims(r);
  return {
    period: r.period,
    span: r.span,
    previousSpan: r.previousSpan,
    generatedAt: r.now.toISOString(),
    totals: { incidents: incidentTally, cases: caseTally, matters: matterTally },
    byCategory,
    byUnit,
    byTownship,
    byHour: {
      current: hourHistogram(r.matters, r.span),
      previous: hourHistogram(r.matters, r.previousSpan),
    },
    intervals: {
      targetsAre: 'local_policy',
      current: summarise(r.incidents.filter(inSpan(r.span)), r.targets),
      previous: summarise(r.incidents.filter(inSpan(r.previousSpan)), r.targets),
    },
    deadlines: {
      acceptance: deadlineTally(
        r.cases.map((c) => ({ due: c.acceptanceDue, doneOn: c.decidedOn })),
        r.span,
        r.today,
      ),
      feedback: deadlineTally(
        r.cases.map((c) => ({ due: c.feedbackDue, doneOn: c.feedbackOn })),
        r.span,
        r.today,
      ),
    },
    offenderHandling: {
      byTrack: OFFENDER_TRACKS.map((track) => ({ track, count: trackCounts.get(track) ?? 0 })),
      casesWithout: inPeriodCases.filter((c) => !c.hasOffenderHandling).length,
    },
    remedies,
    repeatVictims: repeat,
    guidance: guidanceFor(r, repeat),
  };
}
