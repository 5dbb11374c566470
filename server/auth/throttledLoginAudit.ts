import { appendAudit } from '../audit/auditLog';
import type { Database } from '../db/database';
import { logger } from '../observability/logger';
import { loginsThrottled } from '../observability/metrics';

interface Pending {
  actor: string;
  username: string;
  ip: string;
  reason: string;
  attempts: number;
  firstAt: string;
  lastAt: string;
}

/** Distinct (account, address, reason) kept between flushes; more are counted in one catch-all row. */
const MAX_KEYS = 5_000;

/**
 * Refused logins (throttled, locked) are what a flood consists of. Writing a hash-chained audit
 * row for each would make every junk request take the chain's lock that alerts also take; they
 * are counted here and written as one row per (account, address, reason) per interval, with
 * the number of attempts and the first and last time, so the record stays complete.
 */
export class ThrottledLoginAudit {
  private pending = new Map<string, Pending>();
  private overflow = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    flushEveryMs = 60_000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushEveryMs);
    this.timer.unref();
  }

  note(entry: { actor: string; username: string; ip: string; reason: string }, now = new Date()): void {
    loginsThrottled.inc({ reason: entry.reason });
    const key = `${entry.actor}\u0000${entry.ip}\u0000${entry.reason}`;
    const existing = this.pending.get(key);
    if (existing) {
      existing.attempts += 1;
      existing.lastAt = now.toISOString();
      return;
    }
    if (this.pending.size >= MAX_KEYS) {
      this.overflow += 1;
      return;
    }
    this.pending.set(key, { ...entry, attempts: 1, firstAt: now.toISOString(), lastAt: now.toISOString() });
  }

  async flush(): Promise<void> {
    const batch = [...this.pending.values()];
    const overflow = this.overflow;
    this.pending = new Map();
    this.overflow = 0;
    try {
      for (const p of batch) {
        await appendAudit(this.db, {
          actor: p.actor,
          action: 'auth.login',
          target: `username:${p.username}`,
          outcome: 'denied',
          details: { ip: p.ip, reason: p.reason, attempts: p.attempts, firstAt: p.firstAt, lastAt: p.lastAt },
        });
      }
      if (overflow) {
        await appendAudit(this.db, {
          actor: 'anonymous',
          action: 'auth.login',
          target: null,
          outcome: 'denied',
          details: { reason: 'throttled_overflow', attempts: overflow },
        });
      }
    } catch (err) {
      logger.warn({ err }, 'throttled logins not written to the audit log');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
