import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAlarmReporter } from './alarmReporter';
import type { AlarmsSounded } from './socketEvents';

describe('the alarm reporter', () => {
  let sent: AlarmsSounded[];
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports a lone alarm at once', () => {
    const reporter = createAlarmReporter((r) => sent.push(r), 250);
    reporter.sounded(7);
    expect(sent).toEqual([{ alarmSeqs: [7] }]);
  });

  it('sends at most one report per interval, with every alarm since the last', () => {
    const reporter = createAlarmReporter((r) => sent.push(r), 250);
    reporter.sounded(1);
    vi.advanceTimersByTime(100);
    reporter.sounded(2);
    reporter.sounded(3);
    reporter.sounded(3);
    expect(sent).toEqual([{ alarmSeqs: [1] }]);
    vi.advanceTimersByTime(149);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([{ alarmSeqs: [1] }, { alarmSeqs: [2, 3] }]);
    // Quiet for longer than the interval: the next alarm goes at once again.
    vi.advanceTimersByTime(1000);
    reporter.sounded(4);
    expect(sent.at(-1)).toEqual({ alarmSeqs: [4] });
  });

  it('splits a burst larger than one report allows over consecutive intervals', () => {
    const reporter = createAlarmReporter((r) => sent.push(r), 250);
    reporter.sounded(1);
    for (let seq = 2; seq <= 301; seq++) reporter.sounded(seq);
    vi.advanceTimersByTime(250);
    vi.advanceTimersByTime(250);
    expect(sent.map((r) => r.alarmSeqs.length)).toEqual([1, 200, 100]);
    expect(sent.flatMap((r) => r.alarmSeqs)).toEqual(Array.from({ length: 301 }, (_, i) => i + 1));
  });

  it('sends nothing after it is stopped', () => {
    const reporter = createAlarmReporter((r) => sent.push(r), 250);
    reporter.sounded(1);
    reporter.sounded(2);
    reporter.stop();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([{ alarmSeqs: [1] }]);
  });
});
