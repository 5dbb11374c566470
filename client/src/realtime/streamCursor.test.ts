import { describe, expect, it } from 'vitest';
import { incident, incidentEvent, unit, unitEvent } from '../console/testFixtures';
import { advanceCursor, cursorAt, freshEvents, isFresh, REORDER_WINDOW_MS, resumeSeq } from './streamCursor';

const T0 = 1_800_000_000_000;

describe('the stream cursor', () => {
  it('applies events once each, in seq order, above the snapshot', () => {
    const [a, b, c] = [incidentEvent(4, incident(1)), incidentEvent(6, incident(2)), unitEvent(5, unit(1))];
    expect(freshEvents([b, a, c, b, a], cursorAt(4)).map((e) => e.seq)).toEqual([5, 6]);
  });

  it('applies an event that a later one of another record overtook (two web processes)', () => {
    const overtaking = incidentEvent(8, incident(2));
    const cursor = advanceCursor(cursorAt(5), [overtaking], T0);
    const late = incidentEvent(7, incident(1));
    expect(isFresh(cursor, late)).toBe(true);
    expect(freshEvents([late, overtaking], cursor)).toEqual([late]);
  });

  it('skips an older version of a record it holds a newer one of', () => {
    const cursor = advanceCursor(cursorAt(5), [incidentEvent(8, incident(1, { version: 3 }))], T0);
    expect(isFresh(cursor, incidentEvent(7, incident(1, { version: 2 })))).toBe(false);
    expect(isFresh(cursor, incidentEvent(8, incident(1, { version: 3 })))).toBe(false);
    expect(isFresh(cursor, incidentEvent(9, incident(1, { version: 4 })))).toBe(true);
  });

  it('keeps records of different topics apart', () => {
    const cursor = advanceCursor(cursorAt(0), [incidentEvent(9, incident(1))], T0);
    expect(isFresh(cursor, unitEvent(3, unit(1)))).toBe(true);
  });

  it('tracks the newest seq applied, whatever order the events came in', () => {
    let cursor = advanceCursor(cursorAt(5), [incidentEvent(9, incident(2))], T0);
    cursor = advanceCursor(cursor, [incidentEvent(7, incident(1))], T0 + 1);
    expect(cursor.lastSeq).toBe(9);
  });

  it('resumes from where the stream stood a reorder window ago, so an event still in flight is replayed', () => {
    let cursor = cursorAt(10);
    expect(resumeSeq(cursor, T0)).toBe(10);
    cursor = advanceCursor(cursor, [incidentEvent(11, incident(1))], T0);
    cursor = advanceCursor(cursor, [incidentEvent(13, incident(3))], T0 + REORDER_WINDOW_MS + 100);
    // 12 may still be on its way: the resume asks from 11, and 13 replayed again is skipped.
    expect(resumeSeq(cursor, T0 + REORDER_WINDOW_MS + 200)).toBe(11);
    expect(resumeSeq(cursor, T0 + 2 * REORDER_WINDOW_MS + 200)).toBe(13);
  });

  it('keeps only the marks a resume can still need', () => {
    let cursor = cursorAt(0);
    for (let i = 1; i <= 50; i++)
      cursor = advanceCursor(cursor, [incidentEvent(i, incident(i))], T0 + i * 1000);
    expect(cursor.marks.length).toBeLessThanOrEqual(Math.ceil(REORDER_WINDOW_MS / 1000) + 1);
    expect(resumeSeq(cursor, T0 + 50_000)).toBe(50 - REORDER_WINDOW_MS / 1000);
  });
});
