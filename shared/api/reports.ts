import { z } from 'zod';
import { RemedyKind } from '../domain/case';
import { IsoDate } from '../domain/caseDeadline';
import { InfringementCategory } from '../domain/category';
import { IsoDateTime, Uuid } from '../domain/ids';
import { WarningModel } from '../domain/warning';
import { OffenderTrack } from './ledger';
import { IntervalName, IntervalStats } from './supervisor';

/** 月点评、季分析、年总结 (Guangyuan, seed 000): the periods 第三十五条's analysis runs over. */
export const REPORT_PERIODS = ['month', 'quarter', 'year'] as const;
export const ReportPeriod = z.enum(REPORT_PERIODS);
export type ReportPeriod = z.infer<typeof ReportPeriod>;

export const ReportParams = z.object({ period: ReportPeriod });
/** Any day inside the period wanted (snapped to its first day); absent: the current period. */
export const ReportQuery = z.object({ start: IsoDate.optional() });

export const PeriodSpan = z.object({
  /** First day, inclusive; China calendar. */
  start: IsoDate,
  /** First day of the next period, exclusive. */
  end: IsoDate,
});
export type PeriodSpan = z.infer<typeof PeriodSpan>;

/** A count this period beside the previous period's, for the trend. */
export const Tally = z.object({ count: z.number().int().min(0), previous: z.number().int().min(0) });
export type Tally = z.infer<typeof Tally>;

export const DeadlineTally = z.object({
  /** Deadlines falling due in the period: met on time, met late, still open past due, open not yet due. */
  met: z.number().int(),
  late: z.number().int(),
  overdue: z.number().int(),
  pending: z.number().int(),
});
export type DeadlineTally = z.infer<typeof DeadlineTally>;

export const UnitGuidance = z.object({
  unitId: z.string(),
  unitName: z.string(),
  matters: z.number().int(),
  previous: z.number().int(),
  topCategory: InfringementCategory,
  topCategoryCount: z.number().int(),
  /** The two-hour band (start hour, China time) with most incidents, when any had a time. */
  peakHour: z.number().int().min(0).max(22).nullable(),
  injured: z.number().int(),
  vehicleInvolved: z.number().int(),
  onRoad: z.number().int(),
  repeatOfficers: z.number().int(),
});
export type UnitGuidance = z.infer<typeof UnitGuidance>;

/**
 * One period's analysis. Each part is its own field, so a new section is one more field and one
 * more client section.
 */
export const PeriodReport = z.object({
  period: ReportPeriod,
  span: PeriodSpan,
  previousSpan: PeriodSpan,
  generatedAt: IsoDateTime,
  totals: z.object({ incidents: Tally, cases: Tally, matters: Tally }),
  byCategory: z.array(z.object({ category: InfringementCategory, incidents: Tally, cases: Tally })),
  /** Matters (an incident, or a case with no incident) by the unit of the officers concerned; null: unknown. */
  byUnit: z.array(Tally.extend({ unitId: z.string().nullable(), unitName: z.string().nullable() })),
  byTownship: z.array(Tally.extend({ township: z.string().nullable() })),
  /** Incidents by the hour of day they occurred, China time. */
  byHour: z.object({
    current: z.array(z.number().int()).length(24),
    previous: z.array(z.number().int()).length(24),
  }),
  intervals: z.object({
    /** The targets are the centre's own (local policy, configuration), not the measures'. */
    targetsAre: z.literal('local_policy'),
    current: z.record(IntervalName, IntervalStats),
    previous: z.record(IntervalName, IntervalStats),
  }),
  deadlines: z.object({ acceptance: DeadlineTally, feedback: DeadlineTally }),
  offenderHandling: z.object({
    byTrack: z.array(z.object({ track: OffenderTrack, count: z.number().int() })),
    /** Cases received in the period with no offender handling recorded yet. */
    casesWithout: z.number().int(),
  }),
  remedies: z.array(
    z.object({ kind: RemedyKind, count: z.number().int(), amountYuan: z.number().nullable() }),
  ),
  repeatVictims: z.object({
    /** Local policy: matters counted over this many days up to the period's end. */
    windowDays: z.number().int(),
    threshold: z.number().int(),
    officers: z.array(
      z.object({
        userId: Uuid.nullable(),
        name: z.string(),
        unitName: z.string().nullable(),
        matters: z.number().int(),
        references: z.array(z.string()),
      }),
    ),
  }),
  /** 第三十五条 执法安全指引: the units most affected, with the facts the guidance is drawn from. */
  guidance: z.array(UnitGuidance),
  /** How often each warning model fired in the period and the one before (第三十五条 预警). */
  warningFirings: z.array(Tally.extend({ model: WarningModel })),
});
export type PeriodReport = z.infer<typeof PeriodReport>;
