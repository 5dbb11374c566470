/**
 * Failed logins per client address in a sliding minute, so one address cannot walk through
 * many accounts below each account's own lockout. In memory: per process is enough to slow
 * a guesser, and the per-account lockout in the database is the hard limit.
 */
export class IpThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 60_000,
  ) {}

  isBlocked(ip: string, now = Date.now()): boolean {
    return this.recent(ip, now).length >= this.limit;
  }

  recordFailure(ip: string, now = Date.now()): void {
    const list = this.recent(ip, now);
    list.push(now);
    this.failures.set(ip, list);
    if (this.failures.size > 10_000) this.failures.clear();
  }

  private recent(ip: string, now: number): number[] {
    return (this.failures.get(ip) ?? []).filter((t) => now - t < this.windowMs);
  }
}
