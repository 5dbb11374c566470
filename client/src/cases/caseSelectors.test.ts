import type { Case } from '@shared/domain/case';
import { describe, expect, it } from 'vitest';
import { filterCases, openDeadline } from './caseSelectors';

const make = (id: string, status: Case['status'], acceptance: string, feedback?: string) =>
  ({
    id,
    status,
    deadlines: {
      acceptance: { due: acceptance, basis: 'official_calendar' },
      ...(feedback ? { feedback: { due: feedback, basis: 'calendar_days' } } : {}),
    },
  }) as Case;

describe('case list filters', () => {
  it('follows the decision deadline, then the feedback deadline, and sorts the most urgent first', () => {
    const cases = [
      make('a', 'accepted', '2026-11-01', '2026-12-20'),
      make('b', 'received', '2026-11-27'),
      make('c', 'feedback_given', '2026-10-01', '2026-10-30'),
    ];
    expect(openDeadline(cases[0] as Case)?.due).toBe('2026-12-20');
    expect(openDeadline(cases[2] as Case)).toBeNull();
    expect(filterCases(cases, 'open', '2026-11-30').map((c) => c.id)).toEqual(['b', 'a']);
    expect(filterCases(cases, 'overdue', '2026-11-30').map((c) => c.id)).toEqual(['b']);
    expect(filterCases(cases, 'all', '2026-11-30')).toHaveLength(3);
  });
});
