import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx|js|jsx)$/.test(entry.name) ? [full] : [];
  });
}

/**
 * A server path written in client code: `/api/` at the start of a string or after an
 * interpolation, not a module path such as `@shared/api/routes` or `../api/call`.
 */
const API_PATH = /(?<![\w.@-])\/api\//;

function apiPathsIn(text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => API_PATH.test(line))
    .map(({ line, n }) => `${n}: ${line.trim()}`);
}

describe('client code takes every server path from shared/api/routes', () => {
  it('recognises a hand-written path and leaves module paths alone', () => {
    expect(apiPathsIn("request('GET', '/api/v1/snapshot', Snapshot)")).toHaveLength(1);
    expect(apiPathsIn('fetch(`${base}/api/v1/tasks/${id}`)')).toHaveLength(1);
    expect(apiPathsIn("import { routes } from '@shared/api/routes';")).toEqual([]);
    expect(apiPathsIn("import { call } from '../api/call';")).toEqual([]);
  });

  it('finds no /api/ path string anywhere in client/src', () => {
    const self = path.resolve(__filename);
    const found = sources(SRC)
      .filter((file) => path.resolve(file) !== self)
      .flatMap((file) =>
        apiPathsIn(readFileSync(file, 'utf8')).map((hit) => `${path.relative(SRC, file)}:${hit}`),
      );
    expect(found).toEqual([]);
  });
});
