import { randomBytes, randomUUID } from 'node:crypto';
import { routes } from '@shared/api/routes';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verifyChain';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../db/database';
import { RAMMING_ALERT } from '../testing/alerts';
import { TestPostgresServer } from '../testing/postgresServer';
import { TestRedisServer } from '../testing/redisServer';
import { ServerProcess } from '../testing/serverProcess';
import { DEMO_DEVICE_KEY, loginAs, waitFor } from '../testing/testRuntime';
import { FaultConsole } from './faultConsole';

/**
 * Faults injected one at a time, repeatedly, while alerts flow, on the multi-process topology
 * (two web processes and a worker process on a private PostgreSQL cluster and a private Redis,
 * never the shared ones). After each, a probe
 * alert must reach every console; after all, every accepted alert must be in the database and
 * on every console with its linkage tasks exactly once, no console may have applied an event
 * twice or out of order, every console must end holding the database's version of every
 * accepted incident (an update dropped on the way would leave one stale), and the audit chain must verify. `FAULT_ROUNDS` sets how many times
 * each fault is injected (CI: 1; `npm run test:faults`: 20). Prints a table of what it found.
 */
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 1);
const ALL_FAULTS = [
  'web_sigkill',
  'worker_sigkill',
  'redis_restart',
  'postgres_restart',
  'console_drop',
] as const;
type Fault = (typeof ALL_FAULTS)[number];
/** `FAULT_KINDS=redis_restart,console_drop` injects only those (to chase one). */
const FAULTS = ALL_FAULTS.filter(
  (f) => !process.env.FAULT_KINDS || process.env.FAULT_KINDS.split(',').includes(f),
);

interface Accepted {
  id: string;
  fault: Fault | 'before';
}

describe('fault injection on the multi-process topology', () => {
  let redis: TestRedisServer;
  let postgres: TestPostgresServer;
  let database: DatabaseHandle;
  const prefix = `t${randomBytes(5).toString('hex')}`;
  let webs: ServerProcess[] = [];
  let worker: ServerProcess;
  const consoles: FaultConsole[] = [];

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    postgres = await TestPostgresServer.start();
    database = await openDatabase({ databaseUrl: postgres.url, poolSize: 3 });
    await migrateToLatest(database.db);
    const env = (role: string) => ({
      ROLE: role,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      SYSTEM_STATUS_HEARTBEAT_MS: '1000',
    });
    webs = await Promise.all([ServerProcess.start(env('web')), ServerProcess.start(env('web'))]);
    worker = await ServerProcess.start(env('worker'));
    for (const [i, web] of webs.entries())
      for (const username of ['dispatcher1', 'supervisor1']) {
        const console = new FaultConsole(
          `${username}@web${i}`,
          () => web.url,
          await loginAs(web.url, username),
        );
        await console.start();
        consoles.push(console);
      }
  }, 240_000);

  afterAll(async () => {
    for (const c of consoles) c.stop();
    await Promise.all([...webs, worker].filter(Boolean).map((p) => p.kill('SIGKILL')));
    await redis?.stop();
    await database?.close();
    await postgres?.stop();
  }, 60_000);

  /** A gateway's POST: retried with the same Idempotency-Key, on the other web process, until accepted. */
  async function raise(label: string, attempt = 0): Promise<string> {
    const key = `fault-${label}-${randomUUID()}`;
    const deadline = Date.now() + 60_000;
    const answers: string[] = [];
    for (let i = attempt; ; i++) {
      const web = webs[i % webs.length];
      try {
        const res = await fetch(`${web?.url}${routes.alerts.raise.path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${DEMO_DEVICE_KEY}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify({ ...RAMMING_ALERT, address: `故障测试 ${label}` }),
          signal: AbortSignal.timeout(5_000),
        });
        if (res.status === 200 || res.status === 201) return ((await res.json()) as { id: string }).id;
        answers.push(`${res.status} ${(await res.text()).slice(0, 120)}`);
      } catch (error) {
        // refused connection or timeout: the process is down; try the other
        answers.push(String(error).slice(0, 80));
      }
      if (Date.now() > deadline)
        throw new Error(
          `alert ${label} not accepted within 60 s: ${[...new Set(answers)].slice(-4).join(' | ')}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const onEveryConsole = (id: string) => consoles.every((c) => c.incidents.has(id));

  async function inject(fault: Fault, round: number): Promise<void> {
    if (fault === 'web_sigkill') {
      const victim = webs[round % webs.length];
      await victim?.kill('SIGKILL');
      await victim?.spawn();
    } else if (fault === 'worker_sigkill') {
      await worker.kill('SIGKILL');
      await worker.spawn();
    } else if (fault === 'redis_restart') {
      await redis.down();
      await new Promise((r) => setTimeout(r, 500));
      await redis.up();
    } else if (fault === 'postgres_restart') {
      // An immediate shutdown cuts every connection as a crash would; crash recovery runs on start.
      await postgres.down();
      await new Promise((r) => setTimeout(r, 500));
      await postgres.up();
    } else {
      for (const c of consoles) c.dropConnection();
    }
  }

  it(`loses and duplicates no accepted alert across ${ROUNDS} injections of each fault`, async () => {
    const accepted: Accepted[] = [];
    const recovery = new Map<Fault, number[]>(FAULTS.map((f) => [f, []]));
    let current: Fault | 'before' = 'before';
    let flowing = true;
    let n = 0;
    // Background traffic: an alert a second (a busy county hour is far fewer), each retried until accepted.
    const traffic = (async () => {
      const pending: Promise<void>[] = [];
      while (flowing) {
        const fault = current;
        const label = `${fault}-${n++}`;
        pending.push(raise(label, n).then((id) => void accepted.push({ id, fault })));
        await new Promise((r) => setTimeout(r, 1000));
      }
      await Promise.all(pending);
    })();

    for (const fault of FAULTS)
      for (let round = 0; round < ROUNDS; round++) {
        current = fault;
        const started = Date.now();
        await inject(fault, round);
        // Recovered when an alert raised after the fault is on every console (and, for the
        // worker, has its linkage tasks).
        const probe = await raise(`${fault}-probe-${round}`, round);
        accepted.push({ id: probe, fault });
        await waitFor(() => onEveryConsole(probe), 90_000).catch(async () => {
          const stored = await database.db
            .selectFrom('incidents')
            .select('id')
            .where('id', '=', probe)
            .execute();
          const outbox = await database.db
            .selectFrom('outbox')
            .select(['published_at', 'stream_seq', 'topic'])
            .where('aggregate_id', '=', probe)
            .execute();
          throw new Error(
            `after ${fault} #${round}, the probe ${probe} (stored: ${stored.length}, outbox: ${JSON.stringify(outbox)}) ` +
              `is missing on ${consoles.filter((c) => !c.incidents.has(probe)).map((c) => `${c.name} (${c.connected ? 'connected' : 'disconnected'}, ${c.describe()})`)}; ` +
              `web0: ${webs[0]?.log().slice(-1500)} web1: ${webs[1]?.log().slice(-1500)}`,
          );
        });
        if (fault === 'worker_sigkill')
          await waitFor(async () => (await tasksOf(probe)) > 0 || undefined, 90_000).catch(async (e) => {
            const all = await Promise.all(accepted.map(async (a) => `${a.fault}:${await tasksOf(a.id)}`));
            throw new Error(
              `${e}: tasks per accepted alert ${all.join(' ')}; worker: ${worker.log().slice(-2000)}`,
            );
          });
        recovery.get(fault)?.push(Date.now() - started);
      }
    flowing = false;
    await traffic;

    // Every accepted alert converges: in the database, on every console, at its newest version.
    const ids = accepted.map((a) => a.id);
    const newest = async () =>
      new Map(
        (await database.db.selectFrom('incidents').select(['id', 'version']).where('id', 'in', ids).execute()).map(
          (r) => [r.id, r.version] as const,
        ),
      );
    const staleOn = (c: FaultConsole, versions: Map<string, number>) =>
      ids.filter((id) => versions.has(id) && c.versions.get(id) !== versions.get(id));
    await waitFor(async () => {
      if (!ids.every(onEveryConsole)) return undefined;
      const versions = await newest();
      return consoles.every((c) => staleOn(c, versions).length === 0) || undefined;
    }, 120_000).catch(() => undefined);
    const finalVersions = await newest();
    const stored = new Set(
      (await database.db.selectFrom('incidents').select('id').where('id', 'in', ids).execute()).map(
        (r) => r.id,
      ),
    );
    const duplicatedTasks = await sql<{ incident_id: string; n: number }>`
      SELECT incident_id, department_id, kind, count(*)::int AS n FROM department_tasks
      WHERE incident_id = ANY(${ids}) GROUP BY incident_id, department_id, kind HAVING count(*) > 1`.execute(
      database.db,
    );
    const duplicatedIncidents = await sql<{ address: string; n: number }>`
      SELECT address, count(*)::int AS n FROM incidents WHERE address LIKE '故障测试 %'
      GROUP BY address HAVING count(*) > 1`.execute(database.db);
    const chain = await verifyAuditChain(database.db);

    const rows = FAULTS.map((fault) => {
      const mine = accepted.filter((a) => a.fault === fault);
      const lost = mine.filter((a) => !stored.has(a.id) || !onEveryConsole(a.id)).length;
      const mineIds = new Set(mine.map((a) => a.id));
      const duplicated =
        duplicatedIncidents.rows.filter((r) => r.address.startsWith(`故障测试 ${fault}-`)).length +
        duplicatedTasks.rows.filter((r) => mineIds.has(r.incident_id)).length;
      const times = [...(recovery.get(fault) ?? [])].sort((a, b) => a - b);
      const p50 = times[Math.floor((times.length - 1) / 2)] ?? 0;
      return {
        fault,
        injected: times.length,
        accepted: mine.length,
        lost,
        duplicated,
        p50,
        max: times.at(-1) ?? 0,
      };
    });
    const table = [
      'fault            injected  accepted  lost  duplicated  recovery p50 / max',
      ...rows.map(
        (r) =>
          `${r.fault.padEnd(16)} ${String(r.injected).padStart(8)}  ${String(r.accepted).padStart(8)}  ${String(r.lost).padStart(4)}  ${String(r.duplicated).padStart(10)}  ${(r.p50 / 1000).toFixed(1)} s / ${(r.max / 1000).toFixed(1)} s`,
      ),
      `all: ${ids.length} accepted, ${duplicatedIncidents.rows.length} duplicated incidents, ${duplicatedTasks.rows.length} duplicated tasks; ` +
        `consoles: ${consoles.map((c) => `${c.name} redelivered ${c.redelivered}, superseded ${c.superseded}, stale ${staleOn(c, finalVersions).length}, conflicting ${c.conflicting}`).join('; ')}; audit chain ${chain.ok ? `verifies (${chain.checked} rows)` : 'BROKEN'}`,
    ];
    console.log(`fault injection (${ROUNDS} rounds each, multi-process on PostgreSQL)\n${table.join('\n')}`);

    expect(rows.filter((r) => r.lost > 0)).toEqual([]);
    expect(duplicatedIncidents.rows).toEqual([]);
    expect(duplicatedTasks.rows).toEqual([]);
    // No console applies an event twice or an older version over a newer one (the client's
    // per-record rule), and none is left holding an old version of an incident: with relays in
    // several web processes, seq N+1 can overtake N, which a global "last seq" rule used to drop.
    expect(consoles.map((c) => [c.name, c.conflicting])).toEqual(consoles.map((c) => [c.name, 0]));
    expect(consoles.map((c) => [c.name, staleOn(c, finalVersions)])).toEqual(consoles.map((c) => [c.name, []]));
    expect(chain.ok).toBe(true);
  }, 3_600_000);

  async function tasksOf(incidentId: string): Promise<number> {
    const row = await database.db
      .selectFrom('department_tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
});
