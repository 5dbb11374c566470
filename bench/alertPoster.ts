import { z } from 'zod';
import { generateAlert } from '../simulator/alertGenerator';
import { createRand } from '../simulator/random';
import type { Topology } from './topology';

/** An alert POST not answered within this counts as failed. */
export const POST_TIMEOUT_MS = 10_000;

export const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const IncidentRef = z.object({ id: z.string() });

export interface Posted {
  /** When each answered message's POST started (wall clock), by the id receipts are matched on. */
  sentAt: Map<string, number>;
  postMs: number[];
  /** Failed POSTs by reason. */
  failures: Map<string, number>;
}

/**
 * Posts `count` messages on a fixed schedule, not one after the other's answer (no coordinated
 * omission); `post` resolves to the id to match receipts by, or throws.
 */
export async function postOnSchedule(
  count: number,
  spacingMs: number,
  post: (i: number) => Promise<string>,
): Promise<Posted> {
  const sentAt = new Map<string, number>();
  const postMs: number[] = [];
  const failures = new Map<string, number>();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = wallNow();
    pending.push(
      post(i).then(
        (id) => {
          postMs.push(wallNow() - t0);
          sentAt.set(id, t0);
        },
        (err: unknown) => {
          const reason = err instanceof Error ? err.message : String(err);
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
        },
      ),
    );
    if (i < count - 1) await sleep(spacingMs);
  }
  await Promise.all(pending);
  return { sentAt, postMs, failures };
}

/**
 * Raises alerts through POST /api/v1/alerts with the demo device key, and has a dispatcher
 * acknowledge each a second after its 201, as the command center would, so that no escalation
 * ladder re-alarms while the bench runs.
 */
export class AlertPoster {
  private readonly rand = createRand(3);
  private readonly acks: Promise<unknown>[] = [];
  /** Every alert raised so far, by incident id, with when its POST started (wall clock). */
  private readonly raisedAt = new Map<string, number>();

  constructor(
    private readonly topology: Topology,
    /** The dispatcher's session cookie. */
    private readonly cookie: string,
    private readonly idPrefix: string,
  ) {}

  async post(key: string): Promise<string> {
    const { url, deviceKey } = this.topology;
    const started = wallNow();
    const res = await fetch(`${url}/api/v1/alerts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${deviceKey}`,
        'idempotency-key': `${this.idPrefix}-${key}`,
      },
      body: JSON.stringify(generateAlert(this.rand, { near: null, now: new Date() })),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    if (res.status !== 201) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 120)}`);
    const { id } = IncidentRef.parse(await res.json());
    this.raisedAt.set(id, started);
    this.acks.push(
      sleep(1000).then(() =>
        fetch(`${url}/api/v1/incidents/${id}/acknowledge`, {
          method: 'POST',
          headers: { cookie: this.cookie },
          signal: AbortSignal.timeout(POST_TIMEOUT_MS),
        }).then(
          (r) => r.body?.cancel(),
          () => undefined,
        ),
      ),
    );
    return id;
  }

  raised(): ReadonlyMap<string, number> {
    return this.raisedAt;
  }

  /** Waits for the acknowledgements sent so far. */
  async settle(): Promise<void> {
    await Promise.all(this.acks.splice(0));
  }
}
