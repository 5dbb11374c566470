import { routes } from '@shared/api/routes';
import { onDistressAlarm } from '@shared/events/distressAlarm';
import { onStreamEvent } from '@shared/events/onStreamEvent';
import { CLIENT_EVENT_SCHEMAS } from '@shared/events/socketEvents';
import type { StreamEvent } from '@shared/events/streamEvent';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUuid } from '../demo/seedDemo';
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
import { DISTRESS_ALERT, RAMMING_ALERT, raiseAlert } from '../testing/alerts';
import { openApiOperations } from '../testing/openApiOperations';
import { expectOk, testClient } from '../testing/testClient';
import { loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';

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

  it('delivers each socket only what its rooms allow (Received events)', async () => {
    const receivers = CALLERS.filter((c) => c !== 'anonymous');
    const sockets = new Map<Caller | 'other_unit', Socket>();
    for (const caller of receivers)
      sockets.set(caller, await open(caller, await credentialsFor(rt.url, caller)));
    sockets.set(
      'other_unit',
      await open('field_officer', { headers: { cookie: await loginAs(rt.url, 'GX-P02') } }),
    );
    const received = new Map([...sockets].map(([who, socket]) => [who, record(socket)]));
    try {
      const dispatcher = testClient(rt.url, await loginAs(rt.url, 'dispatcher1'));
      const theirs = await raiseAlert(rt.url, RAMMING_ALERT);
      expectOk(
        await dispatcher(routes.dispatch.dispatch, {
          params: { id: theirs.id },
          body: { unitIds: [demoUuid('unit', 'GX-P01')] },
        }),
      );
      const unrelated = await raiseAlert(rt.url, { ...DISTRESS_ALERT, position: { lat: 25.95, lng: 115.2 } });
      const about = (who: Caller | 'other_unit', incidentId: string) =>
        (received.get(who)?.stream ?? []).filter((e) => incidentOf(e) === incidentId);
      // Wait for what must arrive; what must not has then had as long as the wanted to arrive.
      await waitFor(
        () => about('dispatcher', unrelated.id).length > 0 && about('field_officer', theirs.id).length > 0,
      );
      await waitFor(() => about('department_staff', theirs.id).some((e) => e.topic === 'task'));
      await new Promise((r) => setTimeout(r, 1000));

      const differences: string[] = [];
      const cellOf = (key: string) => readMatrix('Received events').find((r) => r.key === key)?.cells;
      const alarm = cellOf('stream:v1:event with alarm (the distress alarm)');
      const stream = cellOf('stream:v1:event');
      if (!alarm || !stream) throw new Error('docs/ACCESS.md: Received events lacks a row');
      for (const caller of receivers) {
        const got = received.get(caller);
        const alarms = got?.alarms ?? 0;
        if ((alarm[caller] === 'yes') !== alarms > 0)
          differences.push(`distress alarm to ${caller}: matrix says ${alarm[caller]}, got ${alarms}`);
        const mine = about(caller, theirs.id).length;
        const other = about(caller, unrelated.id).length;
        const want = stream[caller];
        const ok =
          want === 'yes'
            ? mine > 0 && other > 0
            : want === 'own'
              ? mine > 0 && other === 0
              : mine + other === 0;
        if (!ok)
          differences.push(
            `stream:v1:event to ${caller}: matrix says ${want}, got ${mine} of its own incident and ${other} of another`,
          );
      }
      const strangers = about('other_unit', theirs.id).length + about('other_unit', unrelated.id).length;
      if (strangers > 0)
        differences.push(`another unit's officer received ${strangers} events of incidents not his`);
      expect(differences).toEqual([]);
    } finally {
      for (const socket of sockets.values()) socket.disconnect();
    }
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

  function record(socket: Socket): { stream: StreamEvent[]; alarms: number } {
    const got = { stream: [] as StreamEvent[], alarms: 0 };
    onStreamEvent(socket, (e: StreamEvent) => got.stream.push(e));
    onDistressAlarm(socket, () => {
      got.alarms += 1;
    });
    return got;
  }

  function incidentOf(event: StreamEvent): string | undefined {
    if (event.topic === 'incident') return event.data.id;
    if (event.topic === 'assignment' || event.topic === 'task') return event.data.incidentId;
    return undefined;
  }

  async function emitProbe(socket: Socket, event: string): Promise<Outcome> {
    const answer = await socket.timeout(10_000).emitWithAck(event, {});
    const code = (answer as { error?: { code?: string } }).error?.code;
    if (code === 'unauthenticated') return 'unauthenticated';
    if (code === 'forbidden') return 'forbidden';
    return 'allowed';
  }
});
