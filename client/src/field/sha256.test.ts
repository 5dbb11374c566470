import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashBlob, Sha256 } from './sha256';

const nodeHex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('the phone-side SHA-256', () => {
  it('matches node for the standard vectors and every length around a block boundary', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    for (let n = 50; n < 140; n++) {
      const data = randomBytes(n);
      expect(new Sha256().update(data).hex()).toBe(nodeHex(data));
    }
  });

  it('gives the same digest however the data is sliced', () => {
    const data = randomBytes(100_003);
    const hash = new Sha256();
    for (let i = 0; i < data.length; i += 777) hash.update(data.subarray(i, i + 777));
    expect(hash.hex()).toBe(nodeHex(data));
  });

  it('hashes a Blob, in slices when it is big', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 17);
    expect(await hashBlob(new Blob([data]))).toBe(nodeHex(data));
    const big = randomBytes(100 * 1024 * 1024);
    const fractions: number[] = [];
    expect(await hashBlob(new Blob([big]), (f) => fractions.push(f))).toBe(nodeHex(big));
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.length).toBeGreaterThan(10);
  });
});
