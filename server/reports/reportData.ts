import type { PeriodSpan } from '@shared/api/reports';
import type { RemedyKind } from '@shared/domain/case';
import type { InfringementCategory } from '@shared/domain/category';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { chinaDate, chinaDayStart } from '../ledger/chinaTime';
import { unitsOfUsers } from '../ledger/ledgerQuery';
import { stationFor } from '../organisation/jurisdiction';
import { listOrgUnits } from '../organisation/orgRepository';
import type { CaseRecord, MatterRecord, RemedyRecord, TimedIncident } from './reportCompute';

export interface ReportData {
  matters: MatterRecord[];
  incidents: TimedIncident[];
  incidentCategories: Array<{ at: Date; category: InfringementCategory }>;
  cases: CaseRecord[];
  remedies: RemedyRecord[];
}

const date = (d: Date | string | null) => (d === null ? null : new Date(d));

/**
 * Reads what one report needs, from `since` (the earliest window: the previous period or the
 * repeat-victim window) to the period's end. Township: the station the linkage sent the
 * incident's local task to, else the station with jurisdiction over where it happened, else the
 * unit of an officer concerned; null when none is known (shown as unknown, never guessed).
 */
export async function readReportData(db: Kysely<DB>, since: Date, span: PeriodSpan): Promise<ReportData> {
  const end = chinaDayStart(span.end);
  const incidentRows = await db
    .selectFrom('incidents')
    .select([
      'id',
      'reference',
      'category',
      'status',
      'occurred_at',
      'raised_at',
      'acknowledged_at',
      'first_en_route_at',
      'first_on_scene_at',
      'controlled_at',
      'officers',
      'lat',
      'lng',
      'injured',
      'vehicle_involved',
      'on_road',
    ])
    .where('source', '<>', 'application')
    .where('occurred_at', '>=', since)
    .where('occurred_at', '<', end)
    .execute();
  const caseRows = await db
    .selectFrom('cases')
    .leftJoin('incidents', 'incidents.id', 'cases.incident_id')
    .select([
      'cases.id',
      'cases.reference',
      'cases.category',
      'cases.received_at',
      'cases.acceptance_due',
      'cases.decided_at',
      'cases.feedback_due',
      'cases.feedback_given_at',
      'incidents.source as incident_source',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('cases.received_at', '>=', since), eb('cases.received_at', '<', end)]),
        eb.and([eb('cases.acceptance_due', '>=', span.start), eb('cases.acceptance_due', '<', span.end)]),
        eb.and([eb('cases.feedback_due', '>=', span.start), eb('cases.feedback_due', '<', span.end)]),
      ]),
    )
    .execute();
  const caseIds = caseRows.map((c) => c.id);
  const [caseOfficers, remedyRows, stationTasks, orgUnits] = await Promise.all([
    caseIds.length
      ? db
          .selectFrom('case_officers')
          .select(['case_id', 'user_id', 'name'])
          .where('case_id', 'in', caseIds)
          .orderBy('position')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('case_remedies')
      .select(['case_id', 'kind', 'at', 'amount_yuan', 'details'])
      .where((eb) =>
        eb.or([eb('at', '>=', since), ...(caseIds.length ? [eb('case_id', 'in', caseIds)] : [])]),
      )
      .execute(),
    incidentRows.length
      ? db
          .selectFrom('department_tasks')
          .innerJoin('org_units', 'org_units.id', 'department_tasks.org_unit_id')
          .select(['department_tasks.incident_id', 'org_units.township'])
          .where('department_tasks.department_id', '=', 'local_station')
          .where(
            'department_tasks.incident_id',
            'in',
            incidentRows.map((i) => i.id),
          )
          .execute()
      : Promise.resolve([]),
    listOrgUnits(db),
  ]);

  const incidentOfficers = new Map(
    incidentRows.map((i) => [i.id, i.officers as Array<{ userId?: string; name?: string }>]),
  );
  const userIds = [
    ...new Set([
      ...[...incidentOfficers.values()].flat().flatMap((o) => (o.userId ? [o.userId] : [])),
      ...caseOfficers.flatMap((o) => (o.user_id ? [o.user_id] : [])),
    ]),
  ];
  const [unitOf, names] = await Promise.all([
    unitsOfUsers(db, userIds),
    userIds.length
      ? db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()
      : Promise.resolve([]),
  ]);
  const nameOf = new Map(names.map((u) => [u.id, u.display_name]));
  const stationTownship = new Map(stationTasks.map((t) => [t.incident_id, t.township]));

  const unitsFor = (officers: Array<{ userId: string | null }>) => {
    const map = new Map<string, { id: string; name: string; township: string | null }>();
    for (const o of officers) {
      const u = o.userId ? unitOf.get(o.userId) : undefined;
      if (u) map.set(u.id, u);
    }
    return [...map.values()];
  };

  const matters: MatterRecord[] = incidentRows.map((i) => {
    const officers = (incidentOfficers.get(i.id) ?? []).map((o) =>
      o.userId
        ? { userId: o.userId, name: nameOf.get(o.userId) ?? '?' }
        : { userId: null, name: o.name ?? '?' },
    );
    const units = unitsFor(officers);
    const jurisdiction =
      i.lat !== null && i.lng !== null ? stationFor(orgUnits, { lat: i.lat, lng: i.lng }) : null;
    return {
      kind: 'incident',
      reference: i.reference,
      at: new Date(i.occurred_at),
      category: i.category as InfringementCategory,
      officers,
      units: units.map(({ id, name }) => ({ id, name })),
      township:
        stationTownship.get(i.id) ??
        jurisdiction?.unit.township ??
        units.find((u) => u.township)?.township ??
        null,
      hasTime: true,
      injured: i.injured,
      vehicleInvolved: i.vehicle_involved,
      onRoad: i.on_road,
    };
  });
  const officersByCase = new Map<string, Array<{ userId: string | null; name: string }>>();
  for (const o of caseOfficers)
    officersByCase.set(o.case_id, [
      ...(officersByCase.get(o.case_id) ?? []),
      { userId: o.user_id, name: o.name },
    ]);
  for (const c of caseRows) {
    // a case opened from an incident is that incident's matter, already counted
    if (c.incident_source && c.incident_source !== 'application') continue;
    const receivedAt = new Date(c.received_at);
    if (receivedAt < since || receivedAt >= end) continue;
    const officers = officersByCase.get(c.id) ?? [];
    const units = unitsFor(officers);
    matters.push({
      kind: 'case',
      reference: c.reference,
      at: receivedAt,
      category: c.category as InfringementCategory,
      officers,
      units: units.map(({ id, name }) => ({ id, name })),
      township: units.find((u) => u.township)?.township ?? null,
      hasTime: false,
      injured: false,
      vehicleInvolved: false,
      onRoad: false,
    });
  }

  const handled = new Set(remedyRows.filter((r) => r.kind === 'offender_handling').map((r) => r.case_id));
  return {
    matters,
    incidents: incidentRows
      .filter((i) => i.status !== 'false_alarm' && i.status !== 'cancelled')
      .map((i) => ({
        at: new Date(i.occurred_at),
        raisedAt: new Date(i.raised_at),
        acknowledgedAt: date(i.acknowledged_at),
        firstEnRouteAt: date(i.first_en_route_at),
        firstOnSceneAt: date(i.first_on_scene_at),
        controlledAt: date(i.controlled_at),
      })),
    incidentCategories: incidentRows.map((i) => ({
      at: new Date(i.occurred_at),
      category: i.category as InfringementCategory,
    })),
    cases: caseRows.map((c) => ({
      category: c.category as InfringementCategory,
      receivedAt: new Date(c.received_at),
      acceptanceDue: c.acceptance_due,
      decidedOn: c.decided_at ? chinaDate(new Date(c.decided_at)) : null,
      feedbackDue: c.feedback_due,
      feedbackOn: c.feedback_given_at ? chinaDate(new Date(c.feedback_given_at)) : null,
      hasOffenderHandling: handled.has(c.id),
    })),
    remedies: remedyRows.map((r) => ({
      kind: r.kind as RemedyKind,
      at: new Date(r.at),
      amountYuan: r.amount_yuan === null ? null : Number(r.amount_yuan),
      track: typeof r.details.track === 'string' ? r.details.track : null,
    })),
  };
}
