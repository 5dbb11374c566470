import type { LedgerEntry, LedgerFilters, LedgerOutcome } from '@shared/api/ledger';
import type { DepartmentId } from '@shared/domain/department';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { maskApplicant, type StoredApplicant } from '../cases/caseMasking';
import type { DB } from '../db/schema';
import { chinaDayEnd, chinaDayStart } from './chinaTime';

/**
 * The register of 第三十五条 as one query: incidents and cases side by side with the same
 * columns (UNION ALL), filtered, ordered newest first and paged in the database, so a page costs
 * the same whatever the size of the ledger. What a row lists (officers, units, departments,
 * remedies) is read for the page's rows only.
 */

/** An incident's officers concerned: `[{userId}]` or `[{name}]` in its jsonb column. */
const incidentOfficerIds = sql`SELECT e->>'userId' FROM jsonb_array_elements(i.officers) e WHERE e->>'userId' IS NOT NULL`;

const incidentOutcome = sql<LedgerOutcome>`CASE i.status
  WHEN 'closed' THEN 'resolved' WHEN 'false_alarm' THEN 'false_alarm' WHEN 'cancelled' THEN 'cancelled'
  ELSE 'in_progress' END`;
const caseOutcome = sql<LedgerOutcome>`CASE
  WHEN c.status IN ('feedback_given', 'closed') THEN 'resolved'
  WHEN c.status = 'refused' THEN 'refused'
  ELSE 'in_progress' END`;

function incidentWhere(f: LedgerFilters): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = [];
  // an application (第十二条) reaches the ledger as its case, not a second time as an "incident"
  w.push(sql`i.source <> 'application'`);
  if (f.from) w.push(sql`i.occurred_at >= ${chinaDayStart(f.from)}`);
  if (f.to) w.push(sql`i.occurred_at < ${chinaDayEnd(f.to)}`);
  if (f.category) w.push(sql`i.category = ${f.category}`);
  if (f.state) w.push(sql`i.status = ${f.state}`);
  if (f.outcome) w.push(sql`${incidentOutcome} = ${f.outcome}`);
  if (f.channel) w.push(sql`i.source = ${f.channel}`);
  if (f.officerId) w.push(sql`${f.officerId} IN (${incidentOfficerIds})`);
  if (f.unitId)
    w.push(
      sql`EXISTS (SELECT 1 FROM users u WHERE u.org_unit_id = ${f.unitId} AND u.id::text IN (${incidentOfficerIds}))`,
    );
  if (f.departmentId)
    w.push(
      sql`EXISTS (SELECT 1 FROM department_tasks t WHERE t.incident_id = i.id AND t.department_id = ${f.departmentId})`,
    );
  if (f.q) w.push(sql`(i.reference ILIKE ${`%${f.q}%`} OR i.description ILIKE ${`%${f.q}%`})`);
  return w;
}

function caseWhere(f: LedgerFilters): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = [];
  if (f.from) w.push(sql`c.received_at >= ${chinaDayStart(f.from)}`);
  if (f.to) w.push(sql`c.received_at < ${chinaDayEnd(f.to)}`);
  if (f.category) w.push(sql`c.category = ${f.category}`);
  if (f.state) w.push(sql`c.status = ${f.state}`);
  if (f.outcome) w.push(sql`${caseOutcome} = ${f.outcome}`);
  if (f.channel) w.push(sql`c.channel = ${f.channel}`);
  if (f.officerId)
    w.push(sql`EXISTS (SELECT 1 FROM case_officers o WHERE o.case_id = c.id AND o.user_id = ${f.officerId})`);
  if (f.unitId)
    w.push(
      sql`EXISTS (SELECT 1 FROM case_officers o JOIN users u ON u.id = o.user_id WHERE o.case_id = c.id AND u.org_unit_id = ${f.unitId})`,
    );
  if (f.departmentId)
    w.push(
      sql`EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = c.id AND t.department_id = ${f.departmentId})`,
    );
  if (f.q) w.push(sql`(c.reference ILIKE ${`%${f.q}%`} OR c.summary ILIKE ${`%${f.q}%`})`);
  return w;
}

const whereOf = (parts: RawBuilder<unknown>[]) =>
  parts.length ? sql`WHERE ${sql.join(parts, sql` AND `)}` : sql``;

function unionOf(f: LedgerFilters): RawBuilder<unknown> {
  const incidents = sql`SELECT 'incident' AS kind, i.id, i.reference, i.occurred_at AS at, i.category,
      i.status AS state, ${incidentOutcome} AS outcome, i.source AS channel, i.description AS summary,
      NULL::jsonb AS applicant, NULL::uuid AS applicant_user_id,
      (SELECT c2.reference FROM cases c2 WHERE c2.incident_id = i.id ORDER BY c2.received_at LIMIT 1) AS linked_reference
    FROM incidents i ${whereOf(incidentWhere(f))}`;
  const cases = sql`SELECT 'case' AS kind, c.id, c.reference, c.received_at AS at, c.category,
      c.status AS state, ${caseOutcome} AS outcome, c.channel, c.summary,
      c.applicant, c.applicant_user_id,
      (SELECT i2.reference FROM incidents i2 WHERE i2.id = c.incident_id) AS linked_reference
    FROM cases c ${whereOf(caseWhere(f))}`;
  if (f.kind === 'incident') return incidents;
  if (f.kind === 'case') return cases;
  return sql`${incidents} UNION ALL ${cases}`;
}

interface BaseRow {
  kind: 'incident' | 'case';
  id: string;
  reference: string;
  at: Date | string;
  category: string;
  state: string;
  outcome: LedgerOutcome;
  channel: string;
  summary: string;
  applicant: Record<string, unknown> | null;
  applicant_user_id: string | null;
  linked_reference: string | null;
}

export async function countLedger(db: Kysely<DB>, f: LedgerFilters): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (${unionOf(f)}) e`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export async function readLedger(
  db: Kysely<DB>,
  f: LedgerFilters,
  page: { limit: number; offset: number },
): Promise<LedgerEntry[]> {
  const { rows } = await sql<BaseRow>`SELECT * FROM (${unionOf(f)}) e
    ORDER BY e.at DESC, e.reference DESC LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return enrich(db, rows);
}

const SUMMARY_CHARS = 200;

async function enrich(db: Kysely<DB>, rows: BaseRow[]): Promise<LedgerEntry[]> {
  const incidentIds = rows.filter((r) => r.kind === 'incident').map((r) => r.id);
  const caseIds = rows.filter((r) => r.kind === 'case').map((r) => r.id);
  const [officers, departments, remedies] = await Promise.all([
    officersOf(db, incidentIds, caseIds),
    departmentsOf(db, incidentIds, caseIds),
    remediesOf(db, caseIds),
  ]);
  const userIds = [...new Set([...officers.values()].flat().flatMap((o) => (o.userId ? [o.userId] : [])))];
  const units = await unitsOfUsers(db, userIds);
  return rows.map((r) => {
    const who = officers.get(r.id) ?? [];
    const unitList = new Map<string, { id: string; name: string }>();
    for (const o of who) {
      const u = o.userId ? units.get(o.userId) : undefined;
      if (u) unitList.set(u.id, u);
    }
    const rem = remedies.get(r.id) ?? { kinds: [], track: null };
    const applicant =
      r.kind === 'case' && r.applicant
        ? maskApplicant(r.applicant as unknown as StoredApplicant, r.applicant_user_id, false)
        : null;
    return {
      kind: r.kind,
      id: r.id,
      reference: r.reference,
      at: new Date(r.at).toISOString(),
      category: r.category as LedgerEntry['category'],
      state: r.state,
      outcome: r.outcome,
      channel: r.channel,
      summary: [...r.summary].slice(0, SUMMARY_CHARS).join(''),
      officers: who,
      units: [...unitList.values()],
      departments: departments.get(r.id) ?? [],
      applicant: applicant ? (applicant.name ?? applicant.unitName) : null,
      offenderHandling: rem.track,
      remedies: rem.kinds,
      linkedReference: r.linked_reference,
    };
  });
}

type Officer = LedgerEntry['officers'][number];

async function officersOf(
  db: Kysely<DB>,
  incidentIds: string[],
  caseIds: string[],
): Promise<Map<string, Officer[]>> {
  const out = new Map<string, Officer[]>();
  if (incidentIds.length) {
    const incidents = await db
      .selectFrom('incidents')
      .select(['id', 'officers'])
      .where('id', 'in', incidentIds)
      .execute();
    const raw = incidents.map((i) => ({
      id: i.id,
      list: i.officers as Array<{ userId?: string; name?: string }>,
    }));
    const ids = [...new Set(raw.flatMap((r) => r.list.flatMap((o) => (o.userId ? [o.userId] : []))))];
    const names = ids.length
      ? new Map(
          (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()).map(
            (u) => [u.id, u.display_name],
          ),
        )
      : new Map<string, string>();
    for (const r of raw)
      out.set(
        r.id,
        r.list.map((o) =>
          o.userId
            ? { userId: o.userId, name: names.get(o.userId) ?? '?' }
            : { userId: null, name: o.name ?? '?' },
        ),
      );
  }
  if (caseIds.length) {
    const rows = await db
      .selectFrom('case_officers')
      .select(['case_id', 'user_id', 'name'])
      .where('case_id', 'in', caseIds)
      .orderBy('case_id')
      .orderBy('position')
      .execute();
    for (const r of rows) {
      const list = out.get(r.case_id) ?? [];
      list.push({ userId: r.user_id, name: r.name });
      out.set(r.case_id, list);
    }
  }
  return out;
}

async function departmentsOf(
  db: Kysely<DB>,
  incidentIds: string[],
  caseIds: string[],
): Promise<Map<string, DepartmentId[]>> {
  const out = new Map<string, Set<string>>();
  const add = (id: string, dept: string) => out.set(id, (out.get(id) ?? new Set()).add(dept));
  if (incidentIds.length)
    for (const r of await db
      .selectFrom('department_tasks')
      .select(['incident_id', 'department_id'])
      .where('incident_id', 'in', incidentIds)
      .execute())
      add(r.incident_id, r.department_id);
  if (caseIds.length)
    for (const r of await db
      .selectFrom('case_tasks')
      .select(['case_id', 'department_id'])
      .where('case_id', 'in', caseIds)
      .execute())
      add(r.case_id, r.department_id);
  return new Map([...out].map(([id, set]) => [id, [...set].sort() as DepartmentId[]]));
}

async function remediesOf(
  db: Kysely<DB>,
  caseIds: string[],
): Promise<Map<string, { kinds: LedgerEntry['remedies']; track: LedgerEntry['offenderHandling'] }>> {
  const out = new Map<string, { kinds: LedgerEntry['remedies']; track: LedgerEntry['offenderHandling'] }>();
  if (!caseIds.length) return out;
  const rows = await db
    .selectFrom('case_remedies')
    .select(['case_id', 'kind', 'details'])
    .where('case_id', 'in', caseIds)
    .orderBy('at')
    .execute();
  for (const r of rows) {
    const entry = out.get(r.case_id) ?? { kinds: [], track: null };
    const kind = r.kind as LedgerEntry['remedies'][number];
    if (!entry.kinds.includes(kind)) entry.kinds.push(kind);
    // the latest offender handling recorded stands
    if (kind === 'offender_handling')
      entry.track = (r.details.track as LedgerEntry['offenderHandling']) ?? null;
    out.set(r.case_id, entry);
  }
  return out;
}

export async function unitsOfUsers(
  db: Kysely<DB>,
  userIds: string[],
): Promise<Map<string, { id: string; name: string; township: string | null }>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select(['users.id as userId', 'org_units.id', 'org_units.name', 'org_units.township'])
    .where('users.id', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.userId, { id: r.id, name: r.name, township: r.township }]));
}
