import type { YearSchedule } from '@shared/domain/caseDeadline';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addWorkingDays, classifyDay, packageCovers, receiptDate } from './workingDays';

const none = new Map<number, YearSchedule>();

describe('working days (第十四条 3 个工作日, 第十五条 10 个工作日)', () => {
  it('counts the Spring Festival 2026 make-up Saturdays 2026-02-14 and 2026-02-28 as working days', () => {
    expect(classifyDay('2026-02-14', none)).toEqual({ working: true, basis: 'official_calendar' });
    expect(classifyDay('2026-02-28', none)).toEqual({ working: true, basis: 'official_calendar' });
    expect(classifyDay('2026-02-17', none).working).toBe(false);
    // Received Friday 13th: Sat 14th (调休) is day 1, the holiday runs to the 23rd, then 24th, 25th.
    expect(addWorkingDays('2026-02-13', 3, none)).toEqual({ due: '2026-02-25', basis: 'official_calendar' });
    // Received Thursday 26th: Fri 27th, Sat 28th (调休), then Monday.
    expect(addWorkingDays('2026-02-26', 3, none)).toEqual({ due: '2026-03-02', basis: 'official_calendar' });
    expect(addWorkingDays('2026-02-13', 10, none)).toEqual({ due: '2026-03-05', basis: 'official_calendar' });
  });

  it('counts National Day 2026 with its make-up days 2026-09-20 and 2026-10-10', () => {
    // Received Friday 18 September: Sunday the 20th is a working day.
    expect(addWorkingDays('2026-09-18', 3, none)).toEqual({ due: '2026-09-22', basis: 'official_calendar' });
    // Received on the eve of the holiday: 8th, 9th, then Saturday the 10th (调休).
    expect(addWorkingDays('2026-09-30', 3, none)).toEqual({ due: '2026-10-10', basis: 'official_calendar' });
    expect(addWorkingDays('2026-09-30', 10, none)).toEqual({ due: '2026-10-20', basis: 'official_calendar' });
    // Mid-Autumn 25–27 September falls inside too.
    expect(addWorkingDays('2026-09-24', 3, none)).toEqual({ due: '2026-09-30', basis: 'official_calendar' });
  });

  it('does not count the day of receipt, and takes that day in China’s time zone', () => {
    // 17:30 UTC on the 12th is 01:30 on the 13th in Ganxian.
    expect(receiptDate(new Date('2026-02-12T17:30:00Z'))).toBe('2026-02-13');
    expect(receiptDate(new Date('2026-02-12T15:59:00Z'))).toBe('2026-02-12');
    expect(addWorkingDays('2026-03-02', 1, none).due).toBe('2026-03-03');
  });

  it('falls back to Monday–Friday in a year the package does not cover, and says so', () => {
    expect(packageCovers(2026)).toBe(true);
    expect(packageCovers(2027)).toBe(false);
    expect(addWorkingDays('2027-03-05', 3, none)).toEqual({ due: '2027-03-10', basis: 'weekdays_fallback' });
    // Starting in a covered year is not enough: the deadline crosses into 2027.
    expect(addWorkingDays('2026-12-30', 3, none)).toEqual({ due: '2027-01-04', basis: 'weekdays_fallback' });
  });

  it('uses a year an administrator entered, with its holidays and make-up days', () => {
    // A schedule as an administrator would type it (illustrative, not the published 2027 one).
    const entered: YearSchedule = {
      year: 2027,
      holidays: ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
      workdays: ['2027-09-26', '2027-10-09'],
    };
    const bureau = new Map([[2027, entered]]);
    expect(classifyDay('2027-09-26', bureau)).toEqual({ working: true, basis: 'bureau_calendar' });
    // 30 Sep: Oct 1–7 off, Fri 8th, Sat 9th (调休), Mon 11th.
    expect(addWorkingDays('2027-09-30', 3, bureau)).toEqual({ due: '2027-10-11', basis: 'bureau_calendar' });
    // Still the package for 2026 days, but the weaker basis wins once 2027 is reached.
    expect(addWorkingDays('2026-12-30', 3, bureau)).toEqual({ due: '2027-01-04', basis: 'bureau_calendar' });
  });

  it('counts 第十六条’s 30 日 as calendar days', () => {
    expect(addCalendarDays('2026-09-20', 30)).toEqual({ due: '2026-10-20', basis: 'calendar_days' });
  });
});
