import { describe, expect, it } from 'vitest';
import { RELAY_LAG_BROKEN_MS, RELAY_LAG_WARN_MS, relayLagLevel } from './relayLag';

describe('relay lag levels (local policy), shared by the server status and the console', () => {
  it('is ok below the warning, slow from it, broken from the second level', () => {
    expect(relayLagLevel(0)).toBe('ok');
    expect(relayLagLevel(RELAY_LAG_WARN_MS - 1)).toBe('ok');
    expect(relayLagLevel(RELAY_LAG_WARN_MS)).toBe('slow');
    expect(relayLagLevel(RELAY_LAG_BROKEN_MS - 1)).toBe('slow');
    expect(relayLagLevel(RELAY_LAG_BROKEN_MS)).toBe('broken');
  });
});
