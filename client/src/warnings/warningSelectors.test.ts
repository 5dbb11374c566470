import type { Warning } from '@shared/domain/warning';
import { describe, expect, it } from 'vitest';
import { applyWarningChange, summaryKey, summaryValues } from './warningSelectors';

function warning(over: Partial<Warning> = {}): Warning {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    model: 'deadline_overdue',
    subject: 'case:x:acceptance',
    status: 'active',
    evidence: {
      reason: 'acceptance_deadline',
      article: '第十四条',
      facts: { reference: 'WQ-1', daysLeft: -3, basis: null },
    },
    refs: [],
    firedAt: '2026-11-30T01:00:00.000Z',
    updatedAt: '2026-11-30T01:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    acknowledgedNote: null,
    resolvedAt: null,
    resolvedBy: null,
    resolvedNote: null,
    clearedAt: null,
    ...over,
  };
}

describe('warning selectors', () => {
  it('keeps open warnings, active first, and drops one once resolved or cleared', () => {
    const a = warning();
    const b = warning({ id: '00000000-0000-4000-8000-000000000002', firedAt: '2026-11-30T02:00:00.000Z' });
    let list = applyWarningChange([], { kind: 'fired', warning: a });
    list = applyWarningChange(list, { kind: 'fired', warning: b });
    expect(list.map((w) => w.id)).toEqual([b.id, a.id]);
    list = applyWarningChange(list, { kind: 'acknowledged', warning: { ...b, status: 'acknowledged' } });
    expect(list.map((w) => w.status)).toEqual(['active', 'acknowledged']);
    list = applyWarningChange(list, { kind: 'resolved', warning: { ...a, status: 'resolved' } });
    expect(list.map((w) => w.id)).toEqual([b.id]);
  });

  it('words a deadline by its model, and shows a missing fact as missing', () => {
    const w = warning();
    expect(summaryKey(w)).toBe('warningReason.acceptance_deadline_overdue');
    expect(summaryKey({ ...w, model: 'deadline_due' })).toBe('warningReason.acceptance_deadline_due');
    expect(summaryValues(w, '—')).toMatchObject({ reference: 'WQ-1', daysOver: 3, basis: '—' });
  });
});
