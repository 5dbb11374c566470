import { ErrorBody } from '@shared/api/error';
import { CLIENT_EVENT_SCHEMAS } from '@shared/events/socketEvents';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_MAX_MESSAGE_BYTES } from '../realtime/socketGateway';
import {
  CALLERS,
  type Caller,
  type Credentials,
  credentialsFor,
  socketOptions,
} from '../testing/accessProbe';
import { startTestRuntime, type TestRuntime } from '../testing/testRuntime';
import { hostileJson, hostileScalar } from './hostileValues';
import { everyRoute, hostileRequest } from './routeRequests';
import { markState, type StateMark, type Write, writesBetween } from './stateWitness';

/**
 * Hostile input at every route of the shared table and every client socket event, as every
 * caller. Invariants: no 5xx, no crash or unhandled rejection, the uniform error body on every
 * refusal, and no state change (database writes, queued jobs, Object.prototype) from a refused
 * request. `FUZZ_RUNS` sets the cases per route (CI: a few, seeded; `npm run test:fuzz`: 10,000);
 * `FUZZ_SEED` replays a failure, whose seed and counterexample fast-check prints. `FUZZ_DB`
 * picks the database (`pglite`, the default, or `postgres`, whose work runs beside the test
 * process rather than in it: the long form's choice on two cores).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const DB_KIND = process.env.FUZZ_DB === 'postgres' ? 'postgres' : 'pglite';
/**
 * `FUZZ_PART=k/n` takes every n-th route from the k-th, and a share of the socket events: the
 * long form runs its parts side by side, each on a runtime of its own (scripts/fuzzLong.ts).
 */
const [PART, PARTS] = (process.env.FUZZ_PART ?? '1/1').split('/').map(Number) as [number, number];
const inPart = (index: number) => index % PARTS === PART - 1;

/**
 * Writes a refusal may make, by design: an authenticated request refreshes its session's idle
 * clock whatever it asks for, and refused logins are audited (第三十六条 accountability needs
 * the record of who tried).
 */
function isExpectedWrite(w: Write): boolean {
  if (w.table === 'sessions') return true;
  if (w.table === 'audit_log' && w.row.action === 'auth.login' && w.row.outcome !== 'success') return true;
  // Every attempt to read personal data is recorded, refused and not-found ones included (who
  // tried to look at whom); a refusal may record itself, never a success.
  if (w.table === 'audit_log' && w.row.outcome !== 'success') return true;
  return false;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

describe('hostile input (fast-check over the route table and the socket event map)', () => {
  let rt: TestRuntime;
  let redis: Redis;
  let creds: Record<Caller, Credentials>;
  const tally = new Map<string, Map<number, number>>();

  /**
   * The state after the last refused case, which is the state before the next one as long as
   * nothing was accepted in between: half the marks, and the long form's main cost.
   */
  let lastMark: StateMark | null = null;
  const mark = async () => {
    const current = lastMark ?? (await markState(rt.database.db, redis, rt.ctx.config.REDIS_PREFIX));
    lastMark = null;
    return current;
  };

  async function unexpectedWrites(before: StateMark): Promise<string[]> {
    const after = await markState(rt.database.db, redis, rt.ctx.config.REDIS_PREFIX);
    lastMark = after;
    const problems: string[] = [];
    if (after.prototypeKeys !== before.prototypeKeys)
      problems.push(`Object.prototype now has ${after.prototypeKeys}`);
    if (after.jobCounters !== before.jobCounters) problems.push(`jobs queued: ${after.jobCounters}`);
    const writes = (await writesBetween(rt.database.db, before, after)).filter((w) => !isExpectedWrite(w));
    for (const w of writes) problems.push(`${w.table} written: ${JSON.stringify(w.row).slice(0, 300)}`);
    return problems;
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    rt = await startTestRuntime(DB_KIND);
    redis = new Redis(rt.ctx.config.REDIS_URL);
    creds = Object.fromEntries(
      await Promise.all(CALLERS.map(async (c) => [c, await credentialsFor(rt.url, c)] as const)),
    ) as Record<Caller, Credentials>;
  }, 180_000);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    redis?.disconnect();
    await rt?.close();
    const lines = [...tally.entries()].map(
      ([route, statuses]) =>
        `${route.padEnd(60)} ${[...statuses.entries()]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
    );
    console.log(
      `hostile input: ${RUNS} cases per route, seed ${SEED}, ${DB_KIND}, part ${PART}/${PARTS}\n${lines.join('\n')}`,
    );
  });

  for (const { name, contract } of everyRoute().filter((_, i) => inPart(i))) {
    // Logging out ends the session every other case uses; it is fuzzed without one.
    const callers = name.endsWith('/logout') ? (['anonymous'] as const) : CALLERS;
    it(name, async () => {
      const statuses = new Map<number, number>();
      tally.set(name, statuses);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...callers), hostileRequest(contract), async (caller, req) => {
          const before = await mark();
          const res = await fetch(`${rt.url}${req.url}`, {
            method: req.method,
            headers: {
              ...creds[caller].headers,
              ...(req.contentType ? { 'content-type': req.contentType } : {}),
            },
            body: req.body,
            redirect: 'manual',
          });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(
            res.status,
            `${caller} ${req.method} ${req.url.slice(0, 200)}: ${text.slice(0, 300)}`,
          ).toBeLessThan(500);
          if (res.status >= 400) {
            expect(
              ErrorBody.safeParse(JSON.parse(text)).success,
              `uniform error body: ${text.slice(0, 300)}`,
            ).toBe(true);
            expect(
              await unexpectedWrites(before),
              `${caller} ${req.method} ${req.url.slice(0, 200)}`,
            ).toEqual([]);
          }
          expect(unhandled).toEqual([]);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }, 600_000);
  }

  describe('socket events', () => {
    // Shared among the parts like the routes; with more parts than events, some get fuzzed twice.
    const shares = Math.min(PARTS, Object.keys(CLIENT_EVENT_SCHEMAS).length);
    const events = Object.keys(CLIENT_EVENT_SCHEMAS).filter((_, i) => i % shares === (PART - 1) % shares);
    const sockets = new Map<Caller, Socket>();
    const open = async (caller: Caller) => {
      const socket = connect(rt.url, {
        transports: ['websocket'],
        reconnection: false,
        ...socketOptions(creds[caller], caller),
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      sockets.set(caller, socket);
      return socket;
    };
    let oversizedClosed = 0;
    beforeAll(async () => {
      for (const caller of CALLERS.filter((c) => c !== 'anonymous')) await open(caller);
    }, 60_000);
    afterAll(() => {
      for (const s of sockets.values()) s.disconnect();
      console.log(`hostile socket input: ${oversizedClosed} oversized messages closed their connection`);
    });

    for (const event of events) {
      it(event, async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...sockets.keys()),
            fc.oneof(hostileJson, hostileScalar),
            async (caller, payload) => {
              const socket = sockets.get(caller);
              if (!socket?.connected) throw new Error(`${caller}'s socket was dropped by hostile input`);
              const before = await mark();
              if (Buffer.byteLength(JSON.stringify([event, payload])) > SOCKET_MAX_MESSAGE_BYTES) {
                // socket.io closes a connection that sends more than its limit; nothing may change.
                const closed = new Promise((resolve) => socket.once('disconnect', resolve));
                socket.emit(event as 'sync:v1:resume', payload as never);
                await closed;
                oversizedClosed += 1;
                expect(await unexpectedWrites(before), `${caller} ${event} oversized`).toEqual([]);
                await open(caller);
                return;
              }
              const answer: unknown = await socket.timeout(10_000).emitWithAck(event, payload);
              const refused = typeof answer === 'object' && answer !== null && 'error' in answer;
              if (refused) {
                expect(ErrorBody.safeParse(answer).success, JSON.stringify(answer).slice(0, 300)).toBe(true);
                expect(await unexpectedWrites(before), `${caller} ${event}`).toEqual([]);
              }
              expect(unhandled).toEqual([]);
            },
          ),
          { numRuns: RUNS * 4, seed: SEED, endOnFailure: true },
        );
      }, 600_000);
    }
  });
});
