import { describe, expect, it } from 'vitest';
import { allowedNext, checkTransition, INCIDENT_STATUSES, TERMINAL_STATUSES } from './incidentStatus';

describe('incident state machine', () => {
  it('walks the whole happy path', () => {
    const path = ['new', 'acknowledged', 'dispatched', 'on_scene', 'controlled', 'closed'] as const;
    for (let i = 1; i < path.length; i++) {
      expect(checkTransition(path[i - 1]!, path[i]!)).toEqual({ ok: true });
    }
  });

  it('lets dispatch imply acknowledgement and lets a case-only incident skip dispatch', () => {
    expect(checkTransition('new', 'dispatched').ok).toBe(true);
    expect(checkTransition('acknowledged', 'controlled').ok).toBe(true);
  });

  it('allows a false activation or cancellation from any open state', () => {
    for (const from of ['new', 'acknowledged', 'dispatched', 'on_scene'] as const) {
      expect(checkTransition(from, 'false_alarm').ok).toBe(true);
      expect(checkTransition(from, 'cancelled').ok).toBe(true);
    }
  });

  it.each([
    ['new', 'closed'],
    ['new', 'on_scene'],
    ['acknowledged', 'new'],
    ['controlled', 'dispatched'],
    ['on_scene', 'acknowledged'],
  ] as const)('rejects %s → %s with a reason', (from, to) => {
    const result = checkTransition(from, to);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(to);
  });

  it('has no way out of a terminal state', () => {
    for (const from of TERMINAL_STATUSES) {
      expect(allowedNext(from)).toEqual([]);
      for (const to of INCIDENT_STATUSES) expect(checkTransition(from, to).ok).toBe(false);
    }
  });

  it('says so when a status is repeated', () => {
    expect(checkTransition('acknowledged', 'acknowledged')).toEqual({
      ok: false,
      reason: 'incident is already acknowledged',
    });
  });
});
