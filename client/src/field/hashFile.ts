import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * SHA-256 of evidence files on the phone, compared by the server with its own. WebCrypto's
 * digest() takes the whole file at once and exists only in secure contexts (HTTPS or
 * localhost), so big files, and pages served over plain HTTP on an intranet, are fed slice by
 * slice to the audited streaming implementation of @noble/hashes.
 */

/** Files up to this size are hashed by WebCrypto in one go (fast, native); bigger ones in slices. */
const WHOLE_FILE_MAX = 96 * 1024 * 1024;
const SLICE = 4 * 1024 * 1024;

export interface HashOptions {
  onProgress?: (fraction: number) => void;
  /** Above this size (bytes) the file is hashed in slices even where WebCrypto exists. */
  wholeFileMax?: number;
}

/** The SHA-256 of a file (a Blob), as lowercase hex; `onProgress` gets 0…1 while slicing. */
export async function hashBlob(blob: Blob, options: HashOptions = {}): Promise<string> {
  const { onProgress, wholeFileMax = WHOLE_FILE_MAX } = options;
  const subtle = globalThis.crypto?.subtle;
  if (subtle && blob.size <= wholeFileMax) {
    const digest = await subtle.digest('SHA-256', await blob.arrayBuffer());
    onProgress?.(1);
    return bytesToHex(new Uint8Array(digest));
  }
  const hash = sha256.create();
  for (let offset = 0; offset < blob.size; offset += SLICE) {
    hash.update(new Uint8Array(await blob.slice(offset, offset + SLICE).arrayBuffer()));
    onProgress?.(Math.min(1, (offset + SLICE) / blob.size));
    // Let the page breathe between slices: the SOS button must stay responsive.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  onProgress?.(1);
  return bytesToHex(hash.digest());
}
