import { describe, expect, it, vi } from 'vitest';
import { incident, incidentEvent, unit, unitEvent } from '../console/testFixtures';
import { holdEvent, parseResumeAnswer, parseStreamBatch, parseStreamEvent } from './stream';
import { cursorAt } from './streamCursor';

describe('the shared stream rules', () => {
  it('parses what arrives and drops what does not match the shared schema', () => {
    const event = incidentEvent(3, incident(1));
    expect(parseStreamEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(parseStreamEvent({ seq: 4, topic: 'incident', data: { id: 'not a uuid' } })).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('reads a batch event by event: a malformed event is dropped, the rest kept in order', () => {
    const a = incidentEvent(3, incident(1));
    const b = unitEvent(4, unit(1));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(parseStreamBatch(JSON.parse(JSON.stringify({ events: [a, { seq: 'x' }, b] })))).toEqual([a, b]);
    expect(parseStreamBatch({ events: 'not a list' })).toEqual([]);
    expect(parseStreamBatch(null)).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(3);
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

  it('holds a live event once, and not one already applied', () => {
    const a = incidentEvent(7, incident(1));
    const held = holdEvent([], a, cursorAt(3));
    expect(held).toEqual([a]);
    expect(holdEvent(held, a, cursorAt(3))).toBe(held);
    expect(holdEvent([], a, cursorAt(7))).toEqual([]);
  });
});
