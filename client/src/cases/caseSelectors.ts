import type { Case } from '@shared/domain/case';
import type { Deadline } from '@shared/domain/caseDeadline';

/** The deadline 维权办 is working against now: the decision, then the feedback; none once answered. */
export function openDeadline(c: Pick<Case, 'status' | 'deadlines'>): Deadline | null {
  if (c.status === 'received') return c.deadlines.acceptance;
  if (c.status === 'accepted') return c.deadlines.feedback ?? null;
  return null;
}

export type CaseFilter = 'open' | 'overdue' | 'all';

export function filterCases(cases: readonly Case[], filter: CaseFilter, today: string): Case[] {
  if (filter === 'all') return [...cases];
  return cases
    .filter((c) => {
      const d = openDeadline(c);
      if (!d) return false;
      return filter === 'open' || d.due < today;
    })
    .sort((a, b) => (openDeadline(a)?.due ?? '').localeCompare(openDeadline(b)?.due ?? ''));
}
