import { describe, expect, it, vi } from 'vitest';
import { incident, incidentEvent, unit, unitEvent } from '../console/testFixtures';
import { freshEvents, holdEvent, parseResumeAnswer, parseStreamEvent } from './stream';

describe('the shared stream rules', () => {
  it('parses what arrives and drops what does not match the shared schema', () => {
    const event = incidentEvent(3, incident(1));
    expect(parseStreamEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(parseStreamEvent({ seq: 4, topic: 'incident', data: { id: 'not a uuid' } })).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('reads a resume answer, and treats an error or a malformed one as none', () => {
    const events = [unitEvent(5, unit(1))];
    expect(parseResumeAnswer({ data: { events, complete: true, headSeq: 5 } })).toEqual({
      events,
      complete: true,
      headSeq: 5,
    });
    expect(parseResumeAnswer({ error: { code: 'internal', message: 'x' } })).toBeNull();
    expect(parseResumeAnswer({ data: { events: [{ seq: 'x' }], complete: true, headSeq: 1 } })).toBeNull();
    expect(parseResumeAnswer(null)).toBeNull();
  });

  it('applies events once each, in seq order, above the last applied seq', () => {
    const [a, b, c] = [incidentEvent(4, incident(1)), incidentEvent(6, incident(2)), unitEvent(5, unit(1))];
    expect(freshEvents([b, a, c, b, a], 4).map((e) => e.seq)).toEqual([5, 6]);
  });

  it('holds a live event once, and not one already applied', () => {
    const a = incidentEvent(7, incident(1));
    const held = holdEvent([], a, 3);
    expect(held).toEqual([a]);
    expect(holdEvent(held, a, 3)).toBe(held);
    expect(holdEvent([], a, 7)).toEqual([]);
  });
});
