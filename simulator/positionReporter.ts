import { z } from 'zod';
import type { ShieldlineApi } from './apiClient';
import { round6 } from './geo';
import type { Rand } from './random';
import type { SimUnit } from './simUnit';
import type { LatencyWindow, SimStats } from './stats';

const PositionAck = z.object({ accepted: z.boolean(), reason: z.string().optional() });

/** The server takes one report a second per unit (measured on its clock, 900 ms apart). */
const MIN_GAP_MS = 950;

export interface ReporterOptions {
  /** Reports a second over all units. */
  rate: number;
  concurrency: number;
}

export interface ReporterEvents {
  /** The server answered nothing (down, restarting): reports pause briefly. */
  onUnreachable(message: string): void;
  onReachable(): void;
  /** The server does not know this unit (its database was reset): time to reload the units. */
  onUnknownUnit(unit: SimUnit): void;
  onRefused(status: number, message: string): void;
}

/**
 * Sends each unit's position through POST /api/v1/units/:id/position with the device key,
 * spread evenly over time so that `rate` reports a second leave at a steady pace, each unit
 * at most once a second.
 */
export class PositionReporter {
  private inFlight = 0;
  private downUntil = 0;
  private down = false;

  constructor(
    private readonly api: ShieldlineApi,
    private readonly options: ReporterOptions,
    private readonly stats: SimStats,
    private readonly latency: LatencyWindow,
    private readonly rand: Rand,
    private readonly events: ReporterEvents,
    private readonly track: (p: Promise<unknown>) => void,
  ) {}

  /** Milliseconds between two reports of one unit when `units` units share the rate. */
  intervalMs(units: number): number {
    return Math.max(1000, (units / this.options.rate) * 1000);
  }

  /** Spreads first reports of newly added units over one interval. */
  schedule(units: SimUnit[], now: number): void {
    const interval = this.intervalMs(units.length);
    units.forEach((unit, i) => {
      if (unit.nextReportAt === 0) unit.nextReportAt = now + (interval * i) / Math.max(1, units.length);
    });
  }

  /** Sends the reports that are due. */
  tick(units: Iterable<SimUnit>, count: number, now: number): void {
    if (now < this.downUntil) return;
    const interval = this.intervalMs(count);
    for (const unit of units) {
      if (unit.nextReportAt === 0 || now < unit.nextReportAt) continue;
      // The cap is reached: what is due waits for the next tick.
      if (this.inFlight >= this.options.concurrency) return;
      // A report leaving more than one interval after its time counts as late once.
      if (now - unit.nextReportAt > interval) this.stats.reportsDelayed++;
      unit.nextReportAt = Math.max(unit.nextReportAt + interval, now + MIN_GAP_MS);
      this.send(unit);
      // While the server is down, one probe at a time is enough.
      if (this.down) return;
    }
  }

  private send(unit: SimUnit): void {
    this.inFlight++;
    this.stats.reportsSent++;
    const started = performance.now();
    const body = {
      ...round6(unit.position),
      accuracyM: unit.accuracyM(this.rand),
      at: new Date().toISOString(),
    };
    const done = this.api
      .asDevice('POST', `/api/v1/units/${unit.id}/position`, PositionAck, { body })
      .then((result) => {
        this.inFlight--;
        if (result.ok) {
          this.latency.add(performance.now() - started);
          if (result.data.accepted) this.stats.reportsAccepted++;
          else this.stats.reportsRejected++;
          if (this.down) {
            this.down = false;
            this.events.onReachable();
          }
          return;
        }
        this.stats.reportsFailed++;
        if (result.status === 0) {
          this.downUntil = Date.now() + 2000;
          if (!this.down) {
            this.down = true;
            this.events.onUnreachable(result.message);
          }
        } else if (result.status === 404) {
          this.events.onUnknownUnit(unit);
        } else {
          this.events.onRefused(result.status, result.message);
        }
      });
    this.track(done);
  }
}
