import type http from 'node:http';
import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../observability/metrics';

export type PositionPath = 'http' | 'socket';
export type ShedReason = 'rate' | 'in_flight' | 'event_loop';

const admitted = new Counter({
  name: 'shieldline_positions_admitted_total',
  help: 'Position reports let through admission control, by path',
  labelNames: ['path'] as const,
  registers: [metricsRegistry],
});

const shed = new Counter({
  name: 'shieldline_positions_shed_total',
  help: 'Position reports refused by admission control (HTTP 429, or a dropped socket report), by path and reason',
  labelNames: ['path', 'reason'] as const,
  registers: [metricsRegistry],
});

const loopLag = new Gauge({
  name: 'shieldline_event_loop_lag_ms',
  help: 'Event-loop lag as seen by position admission control (ms, recent maximum)',
  registers: [metricsRegistry],
});

export interface AdmissionLimits {
  /** Reports admitted per second by this process, over both paths. */
  perSecond: number;
  /** HTTP reports being worked on at once. */
  maxInFlight: number;
  /** Event-loop lag above which every report is shed until it recovers. */
  shedLagMs: number;
}

export interface PositionAdmission {
  /** Takes a slot for one report, or says why it is shed; `release` frees an HTTP slot. */
  admit(path: PositionPath): { ok: true; release: () => void } | { ok: false; reason: ShedReason };
  stats(): { admitted: number; shed: number; lagMs: number; inFlight: number };
  stop(): void;
}

const LAG_SAMPLE_MS = 20;

/**
 * Admission control for position reports, so that alerts, acknowledgements and dispatch never
 * queue behind them on the same event loop. A report is shed (HTTP 429 before Express, body
 * parsing or authentication run; a socket report answered `accepted: false, reason: 'shed'`)
 * when this process is already admitting its per-second budget, holds too many HTTP reports
 * in flight, or its event loop lags. A shed report costs the device nothing it would not lose
 * anyway: the next report a second later supersedes it.
 */
export function createPositionAdmission(limits: AdmissionLimits): PositionAdmission {
  let tokens = limits.perSecond;
  let refilledAt = performance.now();
  let inFlight = 0;
  let lagMs = 0;
  let admittedCount = 0;
  let shedCount = 0;

  // A timer that should fire every LAG_SAMPLE_MS measures how late the loop runs it; the
  // figure decays so one slow tick does not shed for long.
  let expected = performance.now() + LAG_SAMPLE_MS;
  const sampler = setInterval(() => {
    const now = performance.now();
    const late = Math.max(0, now - expected);
    lagMs = Math.max(late, lagMs * 0.5);
    loopLag.set(Math.round(lagMs));
    expected = now + LAG_SAMPLE_MS;
  }, LAG_SAMPLE_MS);
  sampler.unref();

  function refuse(path: PositionPath, reason: ShedReason) {
    shedCount++;
    shed.inc({ path, reason });
    return { ok: false as const, reason };
  }

  return {
    admit(path) {
      if (lagMs > limits.shedLagMs) return refuse(path, 'event_loop');
      if (path === 'http' && inFlight >= limits.maxInFlight) return refuse(path, 'in_flight');
      const now = performance.now();
      tokens = Math.min(limits.perSecond, tokens + ((now - refilledAt) / 1000) * limits.perSecond);
      refilledAt = now;
      if (tokens < 1) return refuse(path, 'rate');
      tokens -= 1;
      admittedCount++;
      admitted.inc({ path });
      if (path === 'socket') return { ok: true, release: () => {} };
      inFlight++;
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          inFlight--;
        },
      };
    },
    stats: () => ({ admitted: admittedCount, shed: shedCount, lagMs, inFlight }),
    stop: () => clearInterval(sampler),
  };
}

const POSITION_ROUTE = /^\/api\/v1\/units\/[^/?]+\/position(?:\?|$)/;

/**
 * Wraps the HTTP request listener so position reports are admitted or shed before anything
 * else runs for them: a shed report costs one regular expression and a short 429.
 */
export function withPositionAdmission(
  admission: PositionAdmission,
  listener: http.RequestListener,
): http.RequestListener {
  return (req, res) => {
    if (req.method !== 'POST' || !POSITION_ROUTE.test(req.url ?? '')) {
      listener(req, res);
      return;
    }
    const ticket = admission.admit('http');
    if (!ticket.ok) {
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(
        JSON.stringify({
          error: {
            code: 'rate_limited',
            message: 'position reports are being shed to keep alerts fast; send the next one as usual',
            details: [{ path: 'admission', message: ticket.reason }],
          },
        }),
      );
      return;
    }
    res.once('close', ticket.release);
    listener(req, res);
  };
}
