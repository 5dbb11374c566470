import { previousSpan, spanDays, spanOf } from '@shared/domain/reportPeriod';
import { describe, expect, it } from 'vitest';
import {
  computeReport,
  deadlineTally,
  hourHistogram,
  type MatterRecord,
  peakBand,
  type ReportInput,
} from './reportCompute';

const at = (local: string) => new Date(`${local}+08:00`);

function matter(over: Partial<MatterRecord> & { at: Date }): MatterRecord {
  return {
    kind: 'incident',
    reference: `R-${over.at.toISOString()}`,
    category: 'violent_attack',
    officers: [],
    units: [],
    township: null,
    hasTime: true,
    injured: false,
    vehicleInvolved: false,
    onRoad: false,
    ...over,
  };
}

const TARGETS = { acknowledged: 30, firstEnRoute: 120, firstOnScene: 600, controlled: 1800 };

function input(over: Partial<ReportInput>): ReportInput {
  const span = spanOf('month', '2025-03-01');
  return {
    period: 'month',
    span,
    previousSpan: previousSpan('month', span),
    today: '2025-04-10',
    now: new Date('2025-04-10T00:00:00Z'),
    matters: [],
    incidents: [],
    incidentCategories: [],
    cases: [],
    remedies: [],
    targets: TARGETS,
    policy: { repeatWindowDays: 90, repeatThreshold: 2, guidanceUnits: 3 },
    ...over,
  };
}

describe('report periods', () => {
  it('snaps any day to its month, quarter or year, and finds the one before', () => {
    expect(spanOf('month', '2025-12-31')).toEqual({ start: '2025-12-01', end: '2026-01-01' });
    expect(spanOf('quarter', '2025-08-15')).toEqual({ start: '2025-07-01', end: '2025-10-01' });
    expect(spanOf('year', '2025-08-15')).toEqual({ start: '2025-01-01', end: '2026-01-01' });
    expect(previousSpan('month', spanOf('month', '2025-01-09'))).toEqual({
      start: '2024-12-01',
      end: '2025-01-01',
    });
    expect(previousSpan('quarter', spanOf('quarter', '2025-02-01'))).toEqual({
      start: '2024-10-01',
      end: '2025-01-01',
    });
    expect(spanDays(spanOf('month', '2024-02-10'))).toBe(29);
  });
});

describe('report computations', () => {
  it('counts hours of day in China time, whatever the server zone', () => {
    const span = spanOf('month', '2025-03-01');
    // 23:30 in Ganxian on 31 March is 15:30 UTC: still March, hour 23
    const hours = hourHistogram(
      [matter({ at: at('2025-03-31T23:30:00') }), matter({ at: at('2025-04-01T00:10:00') })],
      span,
    );
    expect(hours[23]).toBe(1);
    expect(hours.reduce((a, b) => a + b, 0)).toBe(1);
    // a case has no hour of occurrence
    expect(hourHistogram([matter({ at: at('2025-03-05T10:00:00'), hasTime: false })], span)[10]).toBe(0);
  });

  it('finds the busiest two-hour band, and none without times', () => {
    const hours = new Array<number>(24).fill(0);
    hours[21] = 2;
    hours[20] = 1;
    hours[9] = 2;
    expect(peakBand(hours)).toBe(20);
    expect(peakBand(new Array<number>(24).fill(0))).toBeNull();
  });

  it('tallies deadlines falling due in the period: met, late, overdue, pending', () => {
    const span = spanOf('month', '2025-03-01');
    expect(
      deadlineTally(
        [
          { due: '2025-03-05', doneOn: '2025-03-05' },
          { due: '2025-03-06', doneOn: '2025-03-09' },
          { due: '2025-03-07', doneOn: null },
          { due: '2025-03-30', doneOn: null },
          { due: '2025-04-02', doneOn: null },
          { due: null, doneOn: null },
        ],
        span,
        '2025-03-20',
      ),
    ).toEqual({ met: 1, late: 1, overdue: 1, pending: 1 });
  });

  it('compares with the previous period and groups by unit and township, unknowns kept as unknown', () => {
    const unitA = { id: 'station-a', name: '甲派出所' };
    const r = computeReport(
      input({
        matters: [
          matter({ at: at('2025-03-02T10:00:00'), units: [unitA], township: '甲镇' }),
          matter({
            at: at('2025-03-03T10:00:00'),
            units: [unitA],
            township: '甲镇',
            category: 'vehicle_ramming',
          }),
          matter({ at: at('2025-03-04T10:00:00') }),
          matter({ at: at('2025-02-14T10:00:00'), units: [unitA], township: '甲镇' }),
        ],
      }),
    );
    expect(r.totals.matters).toEqual({ count: 3, previous: 1 });
    expect(r.byUnit).toEqual([
      { unitId: 'station-a', unitName: '甲派出所', count: 2, previous: 1 },
      { unitId: null, unitName: null, count: 1, previous: 0 },
    ]);
    expect(r.byTownship).toEqual([
      { township: '甲镇', count: 2, previous: 1 },
      { township: null, count: 1, previous: 0 },
    ]);
  });

  it('lists repeat victims within the window, only those concerned in the period', () => {
    const x = { userId: '00000000-0000-4000-8000-000000000001', name: '张三' };
    const y = { userId: '00000000-0000-4000-8000-000000000002', name: '李四' };
    const r = computeReport(
      input({
        matters: [
          // x: once in January (inside 90 days) and once in March
          matter({ at: at('2025-01-15T10:00:00'), officers: [x] }),
          matter({ at: at('2025-03-10T10:00:00'), officers: [x] }),
          // y: twice, but both before the period: not this month's concern
          matter({ at: at('2025-02-01T10:00:00'), officers: [y] }),
          matter({ at: at('2025-02-02T10:00:00'), officers: [y] }),
          // an auxiliary known only by name, twice in March
          matter({ at: at('2025-03-11T10:00:00'), officers: [{ userId: null, name: '王辅警' }] }),
          matter({ at: at('2025-03-12T10:00:00'), officers: [{ userId: null, name: '王辅警' }] }),
          // outside the 90 days before 1 April
          matter({ at: at('2024-12-01T10:00:00'), officers: [x] }),
        ],
      }),
    );
    expect(r.repeatVictims.officers.map((o) => [o.name, o.matters])).toEqual([
      ['张三', 2],
      ['王辅警', 2],
    ]);
  });

  it('draws guidance for the most affected units from their own matters', () => {
    const unitA = { id: 'station-a', name: '甲派出所' };
    const unitB = { id: 'station-b', name: '乙派出所' };
    const x = { userId: '00000000-0000-4000-8000-000000000001', name: '张三' };
    const r = computeReport(
      input({
        matters: [
          matter({
            at: at('2025-03-02T21:10:00'),
            units: [unitA],
            officers: [x],
            category: 'vehicle_ramming',
            onRoad: true,
            vehicleInvolved: true,
            injured: true,
          }),
          matter({
            at: at('2025-03-05T20:40:00'),
            units: [unitA],
            officers: [x],
            category: 'vehicle_ramming',
            onRoad: true,
          }),
          matter({ at: at('2025-03-06T09:00:00'), units: [unitA], category: 'mob_obstruction' }),
          matter({ at: at('2025-03-07T09:00:00'), units: [unitB], category: 'threat_harassment' }),
        ],
        policy: { repeatWindowDays: 90, repeatThreshold: 2, guidanceUnits: 1 },
      }),
    );
    expect(r.guidance).toEqual([
      {
        unitId: 'station-a',
        unitName: '甲派出所',
        matters: 3,
        previous: 0,
        topCategory: 'vehicle_ramming',
        topCategoryCount: 2,
        peakHour: 20,
        injured: 1,
        vehicleInvolved: 1,
        onRoad: 2,
        repeatOfficers: 1,
      },
    ]);
  });

  it('counts remedies with their sums, and offender handling by track', () => {
    const r = computeReport(
      input({
        cases: [
          {
            category: 'violent_attack',
            receivedAt: at('2025-03-02T10:00:00'),
            acceptanceDue: '2025-03-05',
            decidedOn: '2025-03-04',
            feedbackDue: null,
            feedbackOn: null,
            hasOffenderHandling: true,
          },
          {
            category: 'other',
            receivedAt: at('2025-03-03T10:00:00'),
            acceptanceDue: '2025-03-06',
            decidedOn: null,
            feedbackDue: null,
            feedbackOn: null,
            hasOffenderHandling: false,
          },
        ],
        remedies: [
          { kind: 'comfort_money', at: at('2025-03-09T10:00:00'), amountYuan: 2000, track: null },
          { kind: 'comfort_money', at: at('2025-03-19T10:00:00'), amountYuan: 500.5, track: null },
          {
            kind: 'offender_handling',
            at: at('2025-03-09T10:00:00'),
            amountYuan: null,
            track: 'criminal_assault_police',
          },
          { kind: 'green_channel', at: at('2025-02-09T10:00:00'), amountYuan: null, track: null },
        ],
      }),
    );
    expect(r.remedies).toEqual([
      { kind: 'offender_handling', count: 1, amountYuan: null },
      { kind: 'comfort_money', count: 2, amountYuan: 2500.5 },
    ]);
    expect(r.offenderHandling.byTrack.find((t) => t.track === 'criminal_assault_police')?.count).toBe(1);
    expect(r.offenderHandling.casesWithout).toBe(1);
    expect(r.deadlines.acceptance).toEqual({ met: 1, late: 0, overdue: 1, pending: 0 });
    expect(r.totals.cases).toEqual({ count: 2, previous: 0 });
  });
});
