import { createReportThrottle } from './reportThrottle';
import { ALARM_REPORT_MAX_SEQS, ALARM_REPORT_MIN_MS, type AlarmsSounded } from './socketEvents';

export interface AlarmReporter {
  /** The console sounded the alarm with this seq. */
  sounded(seq: number): void;
  /** Drops what was not sent yet (the console is closing). */
  stop(): void;
}

/**
 * What a console tells the server about the distress alarms it sounded (`console:v1:applied`):
 * the first report goes at once, so a single alarm is confirmed without delay; alarms that come
 * while a report was sent less than `minIntervalMs` ago wait and go together in the next one.
 * Shared by the browser console and the Node clients that stand in for one (simulator, bench,
 * fault tests), so they all load the server alike.
 */
export function createAlarmReporter(
  send: (report: AlarmsSounded) => void,
  minIntervalMs = ALARM_REPORT_MIN_MS,
): AlarmReporter {
  let pending: number[] = [];
  const throttle = createReportThrottle(
    () => {
      if (!pending.length) return false;
      const alarmSeqs = pending.slice(0, ALARM_REPORT_MAX_SEQS);
      pending = pending.slice(ALARM_REPORT_MAX_SEQS);
      send({ alarmSeqs });
      return true;
    },
    minIntervalMs,
    () => pending.length > 0,
  );

  return {
    sounded(seq) {
      if (!pending.includes(seq)) pending.push(seq);
      throttle.request();
    },
    stop() {
      throttle.stop();
      pending = [];
    },
  };
}
