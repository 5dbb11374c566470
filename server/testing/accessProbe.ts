import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEMO_DEVICE_KEY, loginAs } from './testRuntime';

/**
 * The access matrix (docs/ACCESS.md) is the intended rights, written by hand; this module
 * reads it and probes a running server with every role, so a test can compare the two.
 */

/** Who knocks: one demo user per role, a device key, and nobody. */
export const CALLERS = [
  'dispatcher',
  'supervisor',
  'field_officer',
  'department_staff',
  'admin',
  'committee',
  'device',
  'anonymous',
] as const;
export type Caller = (typeof CALLERS)[number];

const DEMO_LOGINS: Partial<Record<Caller, string>> = {
  dispatcher: 'dispatcher1',
  supervisor: 'supervisor1',
  field_officer: 'GX-P01',
  department_staff: 'traffic',
  admin: 'admin',
  // a member, not the director: director-only decisions are checked on the record (own)
  committee: 'committee1',
};

/** ✓ allowed, ✗ refused (403; 401 for anonymous), own: allowed for the caller's own unit or department. */
export type Cell = 'yes' | 'no' | 'own';
export type Outcome = 'allowed' | 'forbidden' | 'unauthenticated';

const CELL_SYMBOLS: Record<string, Cell> = { '✓': 'yes', '✗': 'no', own: 'own' };

export interface MatrixRow {
  key: string;
  cells: Record<Caller, Cell>;
}

export const ACCESS_DOC = path.resolve(import.meta.dirname, '../../docs/ACCESS.md');

/** Reads the table under a `## <section>` heading of docs/ACCESS.md. */
export function readMatrix(section: 'Routes' | 'Socket events' | 'Received events'): MatrixRow[] {
  const text = fs.readFileSync(ACCESS_DOC, 'utf8');
  const start = text.indexOf(`## ${section}`);
  if (start < 0) throw new Error(`docs/ACCESS.md has no "## ${section}" section`);
  const end = text.indexOf('\n## ', start + 3);
  const lines = text.slice(start, end < 0 ? undefined : end).split('\n');
  const header = lines.find((l) => /^\| (route|event|received) /.test(l));
  if (!header) throw new Error(`docs/ACCESS.md: no table under ${section}`);
  const columns = header
    .split('|')
    .slice(2, -1)
    .map((c) => z.enum(CALLERS).parse(c.trim()));
  return lines
    .filter((l) => l.startsWith('| `'))
    .map((line) => {
      const [, keyCell = '', ...rest] = line.split('|');
      const cells = Object.fromEntries(
        columns.map((caller, i) => {
          const symbol = (rest[i] ?? '').trim();
          const cell = CELL_SYMBOLS[symbol];
          if (!cell) throw new Error(`docs/ACCESS.md: "${symbol}" in ${keyCell.trim()} / ${caller}`);
          return [caller, cell];
        }),
      ) as Record<Caller, Cell>;
      return { key: keyCell.trim().replaceAll('`', ''), cells };
    });
}

export interface Credentials {
  headers: Record<string, string>;
}

export async function credentialsFor(baseUrl: string, caller: Caller): Promise<Credentials> {
  if (caller === 'anonymous') return { headers: {} };
  if (caller === 'device') return { headers: { authorization: `Bearer ${DEMO_DEVICE_KEY}` } };
  const username = DEMO_LOGINS[caller];
  if (!username) throw new Error(`no demo login for ${caller}`);
  return { headers: { cookie: await loginAs(baseUrl, username) } };
}

/** Express path → a concrete URL with placeholder parameters no record has. */
export function probeUrl(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, () => '00000000-0000-4000-8000-000000000000');
}

/**
 * 401 and a 403 whose code is `forbidden` mean the door is shut; anything else (200, 400 for
 * the empty body, 404 for the placeholder id, 409) means the caller got past the permission check.
 */
export async function probeRoute(
  baseUrl: string,
  method: string,
  expressPath: string,
  credentials: Credentials,
): Promise<Outcome> {
  const hasBody = method !== 'GET' && method !== 'DELETE';
  const res = await fetch(`${baseUrl}${probeUrl(expressPath)}`, {
    method,
    headers: { ...credentials.headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    body: hasBody ? '{}' : undefined,
    redirect: 'manual',
  });
  const text = await res.text();
  if (res.status === 401) return 'unauthenticated';
  if (res.status === 403 && /"code":"forbidden"/.test(text)) return 'forbidden';
  return 'allowed';
}

/** The outcome the matrix promises for a cell. `own` passes the route's gate like ✓. */
export function expectedOutcome(caller: Caller, cell: Cell): Outcome {
  if (cell === 'no') return caller === 'anonymous' ? 'unauthenticated' : 'forbidden';
  return 'allowed';
}

/** Connects a socket as the caller (cookie for people, auth.token for a device key). */
export function socketOptions(
  credentials: Credentials,
  caller: Caller,
): {
  extraHeaders: Record<string, string>;
  auth: Record<string, string>;
} {
  if (caller === 'device') return { extraHeaders: {}, auth: { token: DEMO_DEVICE_KEY } };
  return { extraHeaders: credentials.headers, auth: {} };
}
