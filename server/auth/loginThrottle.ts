import { BoundedCache } from './boundedCache';

export interface LoginThrottlePolicy {
  /** Failures of one account from one source address before each further try must wait. */
  freeFailures: number;
  /** The longest wait between tries, in seconds. */
  maxDelayS: number;
  /** Failed logins one source address may make per minute, across all accounts. */
  sourceLimitPerMin: number;
}

export type LoginReservation =
  | { ok: true; succeeded(): void }
  | { ok: false; scope: 'source' | 'account_source'; retryAfterS: number };

const WINDOW_MS = 60_000;
/** Enough for every account of a bureau from many addresses; beyond it the least recently seen go first. */
const MAX_PAIRS = 50_000;
const MAX_SOURCES = 50_000;

/**
 * Throttles password guessing by (account, source address) and by source address alone. An
 * attempt is reserved — counted as a failure — before the password is verified, synchronously,
 * so N concurrent requests cannot each get a guess in while the first one is still in argon2;
 * a success gives the reservation back. After `freeFailures` failures from one address each
 * further try from it waits twice as long as the last (1 s, 2 s, 4 s … up to `maxDelayS`),
 * while the account's owner at another address is not held up at all. State is bounded (least
 * recently used entries leave first) so a flood of addresses cannot grow it nor wipe it.
 * Per process: with several web processes a guesser gets one budget per process, and the
 * per-account counter in the database stays the shared limit for lockable accounts.
 */
export class LoginThrottle {
  private readonly pairs = new BoundedCache<string, { failures: number; nextAt: number }>(MAX_PAIRS);
  private readonly sources = new BoundedCache<string, number[]>(MAX_SOURCES, WINDOW_MS);

  constructor(readonly policy: LoginThrottlePolicy) {}

  reserve(account: string, source: string, now = Date.now()): LoginReservation {
    const recent = (this.sources.get(source, now) ?? []).filter((t) => now - t < WINDOW_MS);
    if (recent.length >= this.policy.sourceLimitPerMin) {
      const oldest = recent[0] ?? now;
      return {
        ok: false,
        scope: 'source',
        retryAfterS: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)),
      };
    }
    const key = `${account}\u0000${source}`;
    const pair = this.pairs.get(key, now) ?? { failures: 0, nextAt: 0 };
    if (now < pair.nextAt) {
      return {
        ok: false,
        scope: 'account_source',
        retryAfterS: Math.max(1, Math.ceil((pair.nextAt - now) / 1000)),
      };
    }
    pair.failures += 1;
    if (pair.failures >= this.policy.freeFailures) pair.nextAt = now + this.delayMs(pair.failures);
    // Forget a pair once its longest wait has passed twice over: it no longer slows anyone.
    this.pairs.set(key, pair, now, Math.max(WINDOW_MS, 2 * this.policy.maxDelayS * 1000));
    recent.push(now);
    this.sources.set(source, recent, now);
    return {
      ok: true,
      succeeded: () => {
        this.pairs.delete(key);
        const list = this.sources.get(source);
        const at = list?.indexOf(now) ?? -1;
        if (list && at >= 0) list.splice(at, 1);
      },
    };
  }

  private delayMs(failures: number): number {
    const exponent = Math.min(30, failures - this.policy.freeFailures);
    return Math.min(this.policy.maxDelayS * 1000, 1000 * 2 ** exponent);
  }
}
