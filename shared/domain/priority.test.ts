import { describe, expect, it } from 'vitest';
import { derivePriority, isDistress } from './priority';

describe('derivePriority', () => {
  it('puts ongoing violence and any injury first', () => {
    expect(derivePriority({ category: 'violent_attack', injured: false, ongoing: true })).toBe(1);
    expect(derivePriority({ category: 'vehicle_ramming', injured: false, ongoing: true })).toBe(1);
    expect(derivePriority({ category: 'threat_harassment', injured: true, ongoing: false })).toBe(1);
  });

  it('ranks ongoing scene trouble second and violence after the fact second too', () => {
    expect(derivePriority({ category: 'mob_obstruction', injured: false, ongoing: true })).toBe(2);
    expect(derivePriority({ category: 'violent_attack', injured: false, ongoing: false })).toBe(2);
  });

  it('leaves case-only matters last', () => {
    expect(derivePriority({ category: 'false_accusation', injured: false, ongoing: false })).toBe(4);
    expect(derivePriority({ category: 'wrongful_discipline', injured: false, ongoing: true })).toBe(4);
    expect(derivePriority({ category: 'privacy_violation', injured: false, ongoing: true })).toBe(3);
  });

  it('sounds the alarm only for the top two', () => {
    expect([1, 2, 3, 4].map((p) => isDistress(p))).toEqual([true, true, false, false]);
  });
});
