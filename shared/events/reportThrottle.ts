export interface ReportThrottle {
  /** Asks for a report: at once if the last went `minIntervalMs` ago or more, else when that is over. */
  request(): void;
  /** Cancels a report that is waiting. */
  stop(): void;
}

/**
 * The pacing of what a console reports to the server (the alarms it sounded, the position
 * batches it applied): the first report goes at once, and requests while one went less than
 * `minIntervalMs` ago share a single report when the interval is over. `report` says whether it
 * sent anything; only a sent report starts a new interval. `more` says whether what is left
 * (more than one report holds) needs another report after this interval.
 */
export function createReportThrottle(
  report: () => boolean,
  minIntervalMs: number,
  more: () => boolean = () => false,
): ReportThrottle {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    if (!report()) return;
    lastSentAt = Date.now();
    if (more()) timer = setTimeout(run, minIntervalMs);
  };
  return {
    request() {
      if (timer) return;
      const wait = lastSentAt + minIntervalMs - Date.now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
