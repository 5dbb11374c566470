import { describe, expect, it } from 'vitest';
import { incident, incidentEvent } from '../console/testFixtures';
import { CATCH_UP_MS, catchUpDue, catchUpStart } from './catchUp';
import { advanceCursor, cursorAt, REORDER_WINDOW_MS } from './streamCursor';

const T0 = 1_800_000_000_000;

describe('the periodic catch-up', () => {
  it('sets its starting point on the first tick, then asks every CATCH_UP_MS from the previous point', () => {
    let cursor = advanceCursor(cursorAt(10), [incidentEvent(12, incident(1))], T0);
    const first = catchUpDue(catchUpStart(), cursor, T0 + REORDER_WINDOW_MS + 1);
    expect(first).toEqual({ ask: false, catchUp: { from: 12, at: T0 + REORDER_WINDOW_MS + 1 } });
    if (first.ask) return;
    expect(catchUpDue(first.catchUp, cursor, T0 + REORDER_WINDOW_MS + 2).ask).toBe(false);

    // An event lost on the way (13) stays lost for a live console unless it asks again.
    cursor = advanceCursor(cursor, [incidentEvent(14, incident(2))], T0 + 20_000);
    const later = T0 + REORDER_WINDOW_MS + 1 + CATCH_UP_MS;
    expect(catchUpDue(first.catchUp, cursor, later)).toEqual({ ask: true, from: 12, next: 14 });
  });
});
