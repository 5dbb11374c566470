import { randomBytes } from 'node:crypto';
import type { CreateAlertRequest } from '@shared/api/alert';
import { Incident } from '@shared/domain/incident';
import { generateAlert } from './alertGenerator';
import type { ApiResult, ShieldlineApi } from './apiClient';
import type { LatLng } from './geo';
import { jitter, type Rand } from './random';

/** Retry a post that got no answer or a 5xx, with the same Idempotency-Key, after these delays. */
const RETRY_DELAYS_MS = [1000, 3000, 8000];

export interface AlertRaiserOptions {
  /** Mean seconds between alerts; 0: none. */
  meanIntervalS: number;
  /** No new alert while this many incidents are open; 0: no cap. */
  maxOpen: number;
}

export type AlertOutcome =
  | { kind: 'raised'; incident: Incident; request: CreateAlertRequest; attempts: number }
  | { kind: 'failed'; request: CreateAlertRequest; message: string };

/**
 * Raises an alert every so often through POST /api/v1/alerts, as a gateway does: with an
 * Idempotency-Key, so that a retry after a lost answer never makes a second incident.
 */
export class AlertRaiser {
  private nextAt: number;
  private capped = false;
  private counter = 0;
  private readonly runId = randomBytes(4).toString('hex');

  constructor(
    private readonly api: ShieldlineApi,
    private readonly options: AlertRaiserOptions,
    private readonly rand: Rand,
    now: number,
  ) {
    // The first one comes soon, so a fresh demo shows something.
    this.nextAt = now + jitter(rand, options.meanIntervalS) * 250;
  }

  /** Whether an alert is due now; notes when the cap starts or stops holding alerts back. */
  due(now: number, openIncidents: number): { due: boolean; capChanged?: 'capped' | 'released' } {
    if (this.options.meanIntervalS <= 0 || now < this.nextAt) return { due: false };
    this.nextAt = now + jitter(this.rand, this.options.meanIntervalS) * 1000;
    const capped = this.options.maxOpen > 0 && openIncidents >= this.options.maxOpen;
    const capChanged = capped === this.capped ? undefined : capped ? 'capped' : 'released';
    this.capped = capped;
    return { due: !capped, capChanged };
  }

  async raise(near: LatLng | null, signal: AbortSignal): Promise<AlertOutcome> {
    const request = generateAlert(this.rand, { near, now: new Date() });
    const key = `sim-${this.runId}-${++this.counter}`;
    let result: ApiResult<Incident> = { ok: false, status: 0, message: 'not sent' };
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      result = await this.api.asDevice('POST', '/api/v1/alerts', Incident, {
        body: request,
        headers: { 'idempotency-key': key },
      });
      if (result.ok) return { kind: 'raised', incident: result.data, request, attempts: attempt + 1 };
      const retriable = result.status === 0 || result.status >= 500;
      const delay = RETRY_DELAYS_MS[attempt];
      if (!retriable || delay === undefined || signal.aborted) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    return { kind: 'failed', request, message: result.ok ? '' : result.message };
  }
}
