import { z } from 'zod';
import { CaseChannel, CaseStatus, RemedyKind } from '../domain/case';
import { IsoDate } from '../domain/caseDeadline';
import { InfringementCategory } from '../domain/category';
import { DepartmentId } from '../domain/department';
import { IsoDateTime, Uuid } from '../domain/ids';
import { AlertSource } from '../domain/incident';
import { IncidentStatus } from '../domain/incidentStatus';
import { OrgUnitId } from '../domain/organisation';

/** 第三十五条 台账: one register of every incident (警情) and every rights-protection case (维权案件). */
export const LEDGER_KINDS = ['incident', 'case'] as const;
export const LedgerKind = z.enum(LEDGER_KINDS);
export type LedgerKind = z.infer<typeof LedgerKind>;

/**
 * Where a matter ended, the same words for incidents and cases: still being handled, resolved
 * (incident closed; case feedback given or closed), refused (case not accepted), a false alarm,
 * cancelled.
 */
export const LEDGER_OUTCOMES = ['in_progress', 'resolved', 'refused', 'false_alarm', 'cancelled'] as const;
export const LedgerOutcome = z.enum(LEDGER_OUTCOMES);
export type LedgerOutcome = z.infer<typeof LedgerOutcome>;

/** An incident's status or a case's status. */
export const LedgerState = z.union([IncidentStatus, CaseStatus]);
/** An incident's source or a case's channel (第十二条). */
export const LedgerChannel = z.union([AlertSource, CaseChannel]);

export const OFFENDER_TRACKS = [
  'criminal_obstruction',
  'criminal_assault_police',
  'administrative',
  'none',
] as const;
export const OffenderTrack = z.enum(OFFENDER_TRACKS);

/** The filters, shared by the paged list, the exports and the client's form. */
export const LedgerFilters = z.object({
  /** China calendar dates, inclusive; an incident counts on when it occurred, a case on when received. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  kind: LedgerKind.optional(),
  category: InfringementCategory.optional(),
  /** The unit (organisation tree) of an officer concerned. */
  unitId: OrgUnitId.optional(),
  officerId: Uuid.optional(),
  /** A department given a linkage task (incident) or a case task (case). */
  departmentId: DepartmentId.optional(),
  state: LedgerState.optional(),
  outcome: LedgerOutcome.optional(),
  channel: LedgerChannel.optional(),
  /** A reference, or words of the summary. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type LedgerFilters = z.infer<typeof LedgerFilters>;

export const LedgerQuery = LedgerFilters.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const LedgerExportQuery = LedgerFilters.extend({ format: z.enum(EXPORT_FORMATS) });
export type LedgerExportQuery = z.infer<typeof LedgerExportQuery>;

export const LedgerEntry = z.object({
  kind: LedgerKind,
  id: Uuid,
  reference: z.string(),
  /** Incident: when it occurred; case: when received. */
  at: IsoDateTime,
  category: InfringementCategory,
  state: z.string(),
  outcome: LedgerOutcome,
  channel: z.string(),
  summary: z.string(),
  officers: z.array(z.object({ userId: Uuid.nullable(), name: z.string() })),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  departments: z.array(DepartmentId),
  /** The case's applicant as the cases code shows it on a list: masked. */
  applicant: z.string().nullable(),
  offenderHandling: OffenderTrack.nullable(),
  remedies: z.array(RemedyKind),
  /** The case opened for this incident, or the incident this case came from. */
  linkedReference: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerPage = z.object({
  entries: z.array(LedgerEntry),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type LedgerPage = z.infer<typeof LedgerPage>;
