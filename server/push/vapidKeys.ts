import fs from 'node:fs/promises';
import path from 'node:path';
import webpush from 'web-push';
import { z } from 'zod';
import { logger } from '../observability/logger';

const VapidKeys = z.object({ publicKey: z.string().min(20), privateKey: z.string().min(20) });
export type VapidKeys = z.infer<typeof VapidKeys>;

const loaded = new Map<string, Promise<VapidKeys>>();

async function readKeys(file: string): Promise<VapidKeys | null> {
  try {
    return VapidKeys.parse(JSON.parse(await fs.readFile(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${file} is not a VAPID key pair: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function loadOrCreate(dir: string): Promise<VapidKeys> {
  const file = path.join(dir, 'vapid.json');
  const existing = await readKeys(file);
  if (existing) return existing;
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const keys = webpush.generateVAPIDKeys();
  try {
    // 'wx': of two processes starting at once, one writes and the other reads what it wrote.
    await fs.writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
    logger.info({ file }, 'generated the VAPID key pair for Web Push');
    return keys;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const other = await readKeys(file);
    if (!other) throw new Error(`${file} vanished while it was being created`);
    return other;
  }
}

/**
 * The server's VAPID key pair, made on first start and kept in DATA_DIR/push/vapid.json
 * (mode 0600). Phones subscribe with the public key; keep the file, or every phone must
 * subscribe again.
 */
export function vapidKeys(dir: string): Promise<VapidKeys> {
  let keys = loaded.get(dir);
  if (!keys) {
    keys = loadOrCreate(dir);
    keys.catch(() => loaded.delete(dir));
    loaded.set(dir, keys);
  }
  return keys;
}
