import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPositionsReporter } from './positionsReporter';
import type { PositionsApplied } from './socketEvents';

describe('the positions reporter', () => {
  let sent: PositionsApplied[];
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('confirms the first batch at once, then the latest at most once per interval', () => {
    const reporter = createPositionsReporter((r) => sent.push(r), 1000);
    reporter.applied(1);
    expect(sent).toEqual([{ n: 1 }]);
    reporter.applied(2);
    reporter.applied(3);
    vi.advanceTimersByTime(999);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([{ n: 1 }, { n: 3 }]);
    // Nothing new: nothing sent.
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(2);
  });

  it('ignores batches without a number, and follows a lower count after a reconnect to another process', () => {
    const reporter = createPositionsReporter((r) => sent.push(r), 1000);
    reporter.applied(undefined);
    expect(sent).toEqual([]);
    reporter.applied(40);
    vi.advanceTimersByTime(1000);
    reporter.applied(2);
    expect(sent).toEqual([{ n: 40 }, { n: 2 }]);
  });

  it('sends nothing once stopped', () => {
    const reporter = createPositionsReporter((r) => sent.push(r), 1000);
    reporter.applied(1);
    reporter.applied(2);
    reporter.stop();
    vi.advanceTimersByTime(2000);
    expect(sent).toEqual([{ n: 1 }]);
  });
});
