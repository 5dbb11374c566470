/** Command-line flags of the benches: `--name value` or `--name=value`, falling back on an env variable, then a default. */
function raw(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === `--${name}`) return args[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

export function stringFlag(name: string, env: string | null, fallback: string): string {
  return raw(name) ?? (env ? process.env[env] : undefined) ?? fallback;
}

export function optionalFlag(name: string): string | undefined {
  return raw(name);
}

export function numberFlag(name: string, env: string | null, fallback: number): number {
  const text = stringFlag(name, env, String(fallback));
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number, not "${text}"`);
  return value;
}

/** A comma-separated list, each entry checked against `allowed` (or a whole number when allowed is 'count'). */
export function listFlag<T extends string>(
  name: string,
  env: string | null,
  fallback: string,
  allowed: readonly T[],
): T[] {
  const entries = stringFlag(name, env, fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries)
    if (!allowed.includes(entry as T))
      throw new Error(`--${name}: "${entry}" is not one of ${allowed.join(', ')}`);
  return entries as T[];
}

export function countsFlag(name: string, env: string | null, fallback: string): number[] {
  return stringFlag(name, env, fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const value = Number(entry.replace(/_/g, ''));
      if (!Number.isInteger(value) || value < 0)
        throw new Error(`--${name}: "${entry}" is not a whole number`);
      return value;
    });
}
