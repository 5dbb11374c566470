/** Small per-console preferences kept in localStorage; every access tolerates a locked-down browser. */
export type PrefKey = 'language' | 'sound';

const PREFIX = 'shieldline.';

export function readPref(key: PrefKey): string | null {
  try {
    return globalThis.localStorage?.getItem(PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

export function writePref(key: PrefKey, value: string): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, value);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}
