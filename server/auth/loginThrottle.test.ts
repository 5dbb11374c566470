import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './loginThrottle';

const policy = { freeFailures: 5, maxDelayS: 600, sourceLimitPerMin: 20 };

describe('LoginThrottle (issue #10 item 3)', () => {
  it('reserves before verifying: twelve simultaneous guesses get five through', () => {
    const throttle = new LoginThrottle(policy);
    const now = 1_000_000;
    const results = Array.from({ length: 12 }, () => throttle.reserve('dispatcher1', '203.0.113.9', now));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.scope === 'account_source')).toHaveLength(7);
  });

  it('slows one address down, doubling, without keeping the owner out from another', () => {
    const throttle = new LoginThrottle(policy);
    let now = 1_000_000;
    for (let i = 0; i < 5; i++) expect(throttle.reserve('dispatcher1', 'attacker', now).ok).toBe(true);
    expect(throttle.reserve('dispatcher1', 'attacker', now)).toMatchObject({ ok: false, retryAfterS: 1 });
    now += 1000;
    expect(throttle.reserve('dispatcher1', 'attacker', now).ok).toBe(true);
    expect(throttle.reserve('dispatcher1', 'attacker', now)).toMatchObject({ ok: false, retryAfterS: 2 });
    const owner = throttle.reserve('dispatcher1', 'console-7', now);
    expect(owner.ok).toBe(true);
    if (owner.ok) owner.succeeded();
  });

  it('limits one address across accounts, and a success gives the attempt back', () => {
    const throttle = new LoginThrottle({ ...policy, sourceLimitPerMin: 3 });
    const first = throttle.reserve('a', 'src', 0);
    if (first.ok) first.succeeded();
    for (const account of ['b', 'c', 'd']) expect(throttle.reserve(account, 'src', 0).ok).toBe(true);
    expect(throttle.reserve('e', 'src', 0)).toMatchObject({ ok: false, scope: 'source' });
    expect(throttle.reserve('e', 'src', 61_000).ok).toBe(true);
  });

  it('stays bounded under a flood of addresses without forgetting recent ones', () => {
    const throttle = new LoginThrottle(policy);
    for (let i = 0; i < 5; i++) throttle.reserve('dispatcher1', 'attacker', 0);
    for (let i = 0; i < 60_000; i++) throttle.reserve(`user${i}`, `10.0.${i >> 8}.${i & 255}`, 1);
    // The oldest pair was evicted (least recently used), not every pair at once.
    const sizes = throttle as unknown as { pairs: { size: number }; sources: { size: number } };
    expect(sizes.pairs.size).toBeLessThanOrEqual(50_000);
    expect(sizes.sources.size).toBeLessThanOrEqual(50_000);
    expect(throttle.reserve('user59999', '10.0.234.95', 2).ok).toBe(true);
  });
});
