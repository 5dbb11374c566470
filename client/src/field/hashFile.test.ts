import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashBlob } from './hashFile';

const nodeHex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('hashing evidence on the phone', () => {
  it('hashes a small file in one go with WebCrypto', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 17);
    const fractions: number[] = [];
    expect(await hashBlob(new Blob([data]), { onProgress: (f) => fractions.push(f) })).toBe(nodeHex(data));
    expect(fractions).toEqual([1]);
  });

  it('hashes a big file slice by slice, reporting progress, to the same digest', async () => {
    const data = randomBytes(9 * 1024 * 1024 + 5);
    const fractions: number[] = [];
    const hex = await hashBlob(new Blob([data]), { wholeFileMax: 0, onProgress: (f) => fractions.push(f) });
    expect(hex).toBe(nodeHex(data));
    expect(fractions.length).toBeGreaterThanOrEqual(3);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('gives the digest of nothing for an empty file, sliced or not', async () => {
    const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(await hashBlob(new Blob([]))).toBe(empty);
    expect(await hashBlob(new Blob([]), { wholeFileMax: -1 })).toBe(empty);
  });
});
