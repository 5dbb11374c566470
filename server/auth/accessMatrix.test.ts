import { CLIENT_EVENT_SCHEMAS } from '@shared/events/socketEvents';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALLERS,
  type Caller,
  type Credentials,
  credentialsFor,
  expectedOutcome,
  type Outcome,
  probeRoute,
  readMatrix,
  socketOptions,
} from '../testing/accessProbe';
import { openApiOperations } from '../testing/openApiOperations';
import { startTestRuntime, type TestRuntime } from '../testing/testRuntime';

/**
 * docs/ACCESS.md is the intended rights; this runs every caller against every route and socket
 * event and lists each cell where the server does otherwise. A route or event without a row,
 * or a row without a route, fails too.
 */
describe('the access matrix (docs/ACCESS.md) against the running server', () => {
  let rt: TestRuntime;
  let creds: Record<Caller, Credentials>;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    creds = Object.fromEntries(
      await Promise.all(CALLERS.map(async (c) => [c, await credentialsFor(rt.url, c)] as const)),
    ) as Record<Caller, Credentials>;
    // Seven argon2 logins and a migrated database: slow on two busy cores, not a timing assertion.
  }, 180_000);
  afterAll(async () => rt?.close());

  it('has exactly one row for every documented route', async () => {
    const rows = readMatrix('Routes').map((r) => r.key);
    const ops = (await openApiOperations(rt.url)).map((o) => `${o.method} ${o.path}`);
    expect(
      rows.filter((r) => !ops.includes(r)),
      'rows naming no route',
    ).toEqual([]);
    expect(
      ops.filter((o) => !rows.includes(o)),
      'routes without a row',
    ).toEqual([]);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('has exactly one row for every client socket event', () => {
    const rows = readMatrix('Socket events').map((r) => r.key);
    expect([...rows].sort()).toEqual(Object.keys(CLIENT_EVENT_SCHEMAS).sort());
  });

  it('answers every route as the matrix says, for every caller', async () => {
    const differences: string[] = [];
    // Logging out ends the session the other probes use: it goes last.
    const rows = readMatrix('Routes').sort(
      (a, b) => Number(a.key.endsWith('/logout')) - Number(b.key.endsWith('/logout')),
    );
    for (const row of rows) {
      const [method = '', path = ''] = row.key.split(' ');
      for (const caller of CALLERS) {
        const actual = await probeRoute(rt.url, method, path, creds[caller]);
        if (!matches(caller, row.cells[caller], actual))
          differences.push(`${row.key} as ${caller}: matrix says ${row.cells[caller]}, server ${actual}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('answers every socket event as the matrix says, for every caller that can connect', async () => {
    const differences: string[] = [];
    for (const caller of CALLERS.filter((c) => c !== 'anonymous')) {
      // The route probes ended with a logout: log in afresh.
      const socket = await open(caller, await credentialsFor(rt.url, caller));
      try {
        for (const row of readMatrix('Socket events')) {
          const actual = await emitProbe(socket, row.key);
          if (!matches(caller, row.cells[caller], actual))
            differences.push(`${row.key} as ${caller}: matrix says ${row.cells[caller]}, server ${actual}`);
        }
      } finally {
        socket.disconnect();
      }
    }
    expect(differences).toEqual([]);
  });

  it('refuses a socket without credentials', async () => {
    const socket = connect(rt.url, { transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(error.message).toMatch(/log in|unauthenticated/i);
  });

  function matches(caller: Caller, cell: 'yes' | 'no' | 'own', actual: Outcome): boolean {
    // With a placeholder id a scoped route may refuse (the record is not the caller's) or answer 404.
    if (cell === 'own') return actual !== 'unauthenticated';
    // A device key asking for a person's data is not a person: 401 and 403 both refuse.
    if (cell === 'no') return actual !== 'allowed';
    return actual === expectedOutcome(caller, cell);
  }

  async function open(caller: Caller, credentials: Credentials): Promise<Socket> {
    const socket = connect(rt.url, {
      transports: ['websocket'],
      reconnection: false,
      ...socketOptions(credentials, caller),
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  async function emitProbe(socket: Socket, event: string): Promise<Outcome> {
    const answer = await socket.timeout(10_000).emitWithAck(event, {});
    const code = (answer as { error?: { code?: string } }).error?.code;
    if (code === 'unauthenticated') return 'unauthenticated';
    if (code === 'forbidden') return 'forbidden';
    return 'allowed';
  }
});
