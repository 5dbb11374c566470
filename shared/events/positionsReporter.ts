import { createReportThrottle } from './reportThrottle';
import { POSITIONS_CONFIRM_MS, type PositionsApplied } from './socketEvents';

export interface PositionsReporter {
  /** The console applied the position batch numbered `n` (batches without a number are not confirmed). */
  applied(n: number | undefined): void;
  /** Drops what was not sent yet (the console is closing). */
  stop(): void;
}

/**
 * What a console tells the server about the position batches it applied (`console:v1:positions`):
 * the latest batch number, at once when nothing was sent for `minIntervalMs`, else once that
 * interval is over. The server stops sending batches to a console that falls behind
 * (server/units/positionFlow.ts), so a console busy with positions gets fewer of them, and an
 * alert never waits behind a pile of them. Shared by the browser console and the bench's
 * consoles, so both load the server alike.
 */
export function createPositionsReporter(
  send: (report: PositionsApplied) => void,
  minIntervalMs = POSITIONS_CONFIRM_MS,
): PositionsReporter {
  let latest = 0;
  let reported = 0;
  const throttle = createReportThrottle(() => {
    if (latest <= reported) return false;
    reported = latest;
    send({ n: latest });
    return true;
  }, minIntervalMs);

  return {
    applied(n) {
      // Each server process numbers its own batches; a reconnect may start a lower count.
      if (n === undefined) return;
      if (n < reported) reported = 0;
      latest = n;
      throttle.request();
    },
    stop: () => throttle.stop(),
  };
}
