import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where captured bytes live. A folder under DATA_DIR today; an S3-compatible bucket later
 * implements the same two calls.
 */
export interface EvidenceStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export class FileEvidenceStore implements EvidenceStore {
  constructor(private readonly root: string) {}

  private resolve(key: string): string {
    const full = path.resolve(this.root, key);
    // Keys are built from ids, but a key must never climb out of the store.
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`bad evidence key ${key}`);
    return full;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const full = this.resolve(key);
    await fs.mkdir(path.dirname(full), { recursive: true });
    // Write then rename, so a reader never sees half a capture and a retry simply overwrites.
    const temp = `${full}.${process.pid}.tmp`;
    await fs.writeFile(temp, data, { flag: 'w' });
    await fs.rename(temp, full);
  }

  get(key: string): Promise<Buffer> {
    return fs.readFile(this.resolve(key));
  }
}
