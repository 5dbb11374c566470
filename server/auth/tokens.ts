import { createHash, randomBytes } from 'node:crypto';

/** Session tokens and device keys are long random strings, so a plain SHA-256 is enough to store them. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
