import { randomUUID } from 'node:crypto';
import { routes } from '@shared/api/routes';
import { Snapshot } from '@shared/api/snapshot';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verifyChain';
import { RAMMING_ALERT } from '../testing/alerts';
import { DEMO_DEVICE_KEY, loginAs, waitFor } from '../testing/testRuntime';
import type { FaultConsole } from './faultConsole';
import { ALL_FAULTS, ALL_TOPOLOGIES, type Fault, FaultTopology, type TopologyName } from './faultTopology';

/**
 * Faults injected one at a time, repeatedly, while alerts flow, on two topologies (private Redis
 * behind a latency proxy, private PostgreSQL, never the shared ones): the multi-process one (two
 * web processes and a worker on PostgreSQL) and the embedded default (one process on PGlite in a
 * data folder). After each fault, a probe
 * alert must reach every console; after all, every accepted alert must be in the database and
 * on every console with its linkage tasks exactly once, no console may have applied an event
 * twice or out of order, every console must end holding the server's version of every
 * accepted incident (an update dropped on the way would leave one stale), no console may see a
 * linkage task step back (acknowledged, then delivered again), and the audit chain
 * must verify. `FAULT_ROUNDS` sets how many times each fault is injected (CI: 1;
 * `npm run test:faults`: 20). Prints a table per topology.
 */
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 1);
const GIVE_UP_MS = 180_000;
/** `FAULT_KINDS=redis_restart,console_drop` injects only those (to chase one). */
const FAULTS = ALL_FAULTS.filter(
  (f) => !process.env.FAULT_KINDS || process.env.FAULT_KINDS.split(',').includes(f),
);
/** `FAULT_TOPOLOGIES=embedded` runs only that one. */
const TOPOLOGIES = ALL_TOPOLOGIES.filter(
  (t) => !process.env.FAULT_TOPOLOGIES || process.env.FAULT_TOPOLOGIES.split(',').includes(t),
);

interface Accepted {
  id: string;
  fault: Fault | 'before';
}

describe.each(TOPOLOGIES)('fault injection on the %s topology', (name: TopologyName) => {
  let topology: FaultTopology;

  beforeAll(async () => {
    topology = await FaultTopology.start(name);
  }, 240_000);

  afterAll(async () => {
    await topology?.stop();
  }, 60_000);

  /**
   * A gateway's POST: retried with the same Idempotency-Key, on the next web process, until
   * accepted or until the gateway gives up (3 minutes: on a loaded two-core machine the embedded
   * process can take over a minute to come back from a SIGKILL).
   */
  async function raise(label: string, attempt = 0): Promise<string> {
    const key = `fault-${label}-${randomUUID()}`;
    const deadline = Date.now() + GIVE_UP_MS;
    const answers: string[] = [];
    for (let i = attempt; ; i++) {
      const web = topology.webs[i % topology.webs.length];
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
          `alert ${label} not accepted within ${GIVE_UP_MS / 1000} s: ${[...new Set(answers)].slice(-4).join(' | ')}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const onEveryConsole = (id: string) => topology.consoles.every((c) => c.incidents.has(id));

  it(`loses and duplicates no accepted alert across ${ROUNDS} injections of each fault`, async () => {
    const faults = FAULTS.filter((f) => topology.applies(f));
    const accepted: Accepted[] = [];
    const recovery = new Map<Fault, number[]>(faults.map((f) => [f, []]));
    let current: Fault | 'before' = 'before';
    let flowing = true;
    let n = 0;
    let notAccepted = 0;
    // Background traffic: an alert a second (a busy county hour is far fewer), each retried until accepted.
    const traffic = (async () => {
      const pending: Promise<void>[] = [];
      while (flowing) {
        const fault = current;
        const label = `${fault}-${n++}`;
        // An alert the gateway gave up on was never accepted: counted, not an error.
        pending.push(
          raise(label, n).then(
            (id) => void accepted.push({ id, fault }),
            () => {
              notAccepted += 1;
            },
          ),
        );
        await new Promise((r) => setTimeout(r, 1000));
      }
      await Promise.all(pending);
    })();

    for (const fault of faults)
      for (let round = 0; round < ROUNDS; round++) {
        current = fault;
        const from = await topology.inject(fault, round);
        // Recovered when an alert raised after the fault is on every console (and, for the
        // worker, has its linkage tasks).
        const probe = await raise(`${fault}-probe-${round}`, round);
        accepted.push({ id: probe, fault });
        await waitFor(() => onEveryConsole(probe), 90_000).catch(async () => {
          const db = topology.liveDatabase;
          const stored = db
            ? (await db.selectFrom('incidents').select('id').where('id', '=', probe).execute()).length
            : "not looked up (PGlite is the server's)";
          const outbox = db
            ? await db
                .selectFrom('outbox')
                .select(['published_at', 'stream_seq', 'topic'])
                .where('aggregate_id', '=', probe)
                .execute()
            : [];
          throw new Error(
            `after ${fault} #${round}, the probe ${probe} (stored: ${stored}, outbox: ${JSON.stringify(outbox)}) ` +
              `is missing on ${topology.consoles.filter((c) => !c.incidents.has(probe)).map((c) => `${c.name} (${c.connected ? 'connected' : 'disconnected'}, ${c.describe()})`)}; ` +
              topology.logs(),
          );
        });
        if (fault === 'worker_sigkill')
          await waitFor(async () => (await tasksOf(probe)) > 0 || undefined, 90_000).catch(async (e) => {
            const all = await Promise.all(accepted.map(async (a) => `${a.fault}:${await tasksOf(a.id)}`));
            throw new Error(`${e}: tasks per accepted alert ${all.join(' ')}; ${topology.logs()}`);
          });
        recovery.get(fault)?.push(Date.now() - from);
      }
    flowing = false;
    await traffic;

    // Every accepted alert converges: in the database, on every console, at its newest version.
    const ids = accepted.map((a) => a.id);
    // The server's view, through its snapshot: on PGlite the database is the process's alone
    // while it runs.
    let viewer: string | null = null;
    const serverView = async () => {
      const web = topology.webs[0]?.url ?? '';
      viewer ??= await loginAs(web, 'dispatcher1');
      const res = await fetch(`${web}${routes.console.snapshot.path}`, { headers: { cookie: viewer } });
      return Snapshot.parse(await res.json());
    };
    // Behind the server's snapshot, that is: the escalation ladder still moves incidents after the
    // traffic stops, so a console may be ahead of a snapshot read a moment earlier.
    const staleOn = (c: FaultConsole, versions: ReadonlyMap<string, number>) =>
      ids.filter((id) => (c.versions.get(id) ?? 0) < (versions.get(id) ?? 0));
    // Every accepted alert gets its linkage tasks, however the worker was interrupted, and every
    // console ends holding the server's version of it. A linkage backlog built up under twenty
    // rounds of faults takes minutes to drain on a loaded two-core machine.
    let missingTasks = ids;
    let finalVersions: ReadonlyMap<string, number> = new Map();
    await waitFor(async () => {
      const view = await serverView();
      const withTasks = new Set(view.tasks.map((t) => t.incidentId));
      missingTasks = ids.filter((id) => !withTasks.has(id));
      finalVersions = new Map(view.incidents.map((i) => [i.id, i.version]));
      const converged =
        ids.every(onEveryConsole) &&
        missingTasks.length === 0 &&
        topology.consoles.every((c) => staleOn(c, finalVersions).length === 0);
      return converged || undefined;
    }, 300_000).catch(() => undefined);
    const onConsoles = new Set(ids.filter(onEveryConsole));
    const db = await topology.finalDatabase();
    const stored = new Set(
      (await db.selectFrom('incidents').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
    );
    const duplicatedTasks = await sql<{ incident_id: string; n: number }>`
      SELECT incident_id, department_id, kind, count(*)::int AS n FROM department_tasks
      WHERE incident_id = ANY(${ids}) GROUP BY incident_id, department_id, kind HAVING count(*) > 1`.execute(
      db,
    );
    const duplicatedIncidents = await sql<{ address: string; n: number }>`
      SELECT address, count(*)::int AS n FROM incidents WHERE address LIKE '故障测试 %'
      GROUP BY address HAVING count(*) > 1`.execute(db);
    const chain = await verifyAuditChain(db);
    // The database has the last word on tasks (the snapshot shows only open incidents'), and says
    // for any alert without them how far its linkage jobs got.
    const withTasksInDb = new Set(
      (
        await db
          .selectFrom('department_tasks')
          .select('incident_id')
          .where('incident_id', 'in', ids)
          .execute()
      ).map((r) => r.incident_id),
    );
    missingTasks = ids.filter((id) => !withTasksInDb.has(id));
    const linkageTrail = missingTasks.length
      ? await db
          .selectFrom('outbox')
          .select([
            'aggregate_id',
            'topic',
            'jobs',
            'published_at',
            'jobs_enqueued_at',
            'attempts',
            'last_error',
            'dead_lettered_at',
          ])
          .where('aggregate_id', 'in', missingTasks.slice(0, 5))
          .execute()
      : [];

    // Alerts accepted before the first fault count too: on PGlite, a SIGKILL must keep them.
    const lostInAll = ids.filter((id) => !stored.has(id) || !onConsoles.has(id));
    const rows = FAULTS.map((fault) => {
      if (!faults.includes(fault)) return { fault, applies: false } as const;
      const mine = accepted.filter((a) => a.fault === fault);
      const lost = mine.filter((a) => !stored.has(a.id) || !onConsoles.has(a.id)).length;
      const mineIds = new Set(mine.map((a) => a.id));
      const duplicated =
        duplicatedIncidents.rows.filter((r) => r.address.startsWith(`故障测试 ${fault}-`)).length +
        duplicatedTasks.rows.filter((r) => mineIds.has(r.incident_id)).length;
      const times = [...(recovery.get(fault) ?? [])].sort((a, b) => a - b);
      const p50 = times[Math.floor((times.length - 1) / 2)] ?? 0;
      return {
        fault,
        applies: true,
        injected: times.length,
        accepted: mine.length,
        lost,
        duplicated,
        p50,
        max: times.at(-1) ?? 0,
      } as const;
    });
    const table = [
      'fault            injected  accepted  lost  duplicated  recovery p50 / max',
      ...rows.map((r) =>
        r.applies
          ? `${r.fault.padEnd(16)} ${String(r.injected).padStart(8)}  ${String(r.accepted).padStart(8)}  ${String(r.lost).padStart(4)}  ${String(r.duplicated).padStart(10)}  ${(r.p50 / 1000).toFixed(1)} s / ${(r.max / 1000).toFixed(1)} s`
          : `${r.fault.padEnd(16)} ${'n/a'.padStart(8)}  (no such process in this topology)`,
      ),
      `all: ${ids.length} accepted (${notAccepted} given up on by the gateway, never accepted), ${lostInAll.length} lost, ${missingTasks.length} without linkage tasks, ${duplicatedIncidents.rows.length} duplicated incidents, ${duplicatedTasks.rows.length} duplicated tasks; ` +
        `consoles: ${topology.consoles.map((c) => `${c.name} redelivered ${c.redelivered}, superseded ${c.superseded}, found by catch-up ${c.caughtUp}, watchdog resumes ${c.recoveries}, stale ${staleOn(c, finalVersions).length}, tasks ${c.tasksSeen} of which stepped back ${c.taskStepsBack.length}, conflicting ${c.conflicting}`).join('; ')}; audit chain ${chain.ok ? `verifies (${chain.checked} rows)` : 'BROKEN'}`,
    ];
    console.log(
      `fault injection (${ROUNDS} rounds each), ${topology.description}; recovery counts from the fault ` +
        `(for redis_delay, from its removal) to a probe alert on every console\n${table.join('\n')}`,
    );

    expect(rows.filter((r) => r.applies && r.lost > 0)).toEqual([]);
    expect(lostInAll).toEqual([]);
    expect(
      missingTasks,
      `outbox rows of the first alerts without tasks: ${JSON.stringify(linkageTrail).slice(0, 3000)}`,
    ).toEqual([]);
    expect(duplicatedIncidents.rows).toEqual([]);
    expect(duplicatedTasks.rows).toEqual([]);
    // No console applies an event twice or an older version over a newer one (the client's
    // per-record rule), and none is left holding an old version of an incident: with relays in
    // several web processes, seq N+1 can overtake N, which a global "last seq" rule used to drop.
    expect(topology.consoles.map((c) => [c.name, c.conflicting])).toEqual(
      topology.consoles.map((c) => [c.name, 0]),
    );
    const staleIds = [...new Set(topology.consoles.flatMap((c) => staleOn(c, finalVersions)))].slice(0, 3);
    const staleTrail = staleIds.length
      ? await db
          .selectFrom('outbox')
          .select([
            'aggregate_id',
            'topic',
            'stream_seq',
            'published_at',
            'dead_lettered_at',
            'last_error',
            'created_at',
          ])
          .select(sql<number | null>`(payload->>'version')::int`.as('version'))
          .where('aggregate_id', 'in', staleIds)
          .orderBy('id')
          .execute()
      : [];
    const staleVersions = staleIds.map(
      (id) =>
        `${id}: server ${finalVersions.get(id)}, consoles ${topology.consoles.map((c) => c.versions.get(id)).join('/')}`,
    );
    expect(
      topology.consoles.map((c) => [c.name, staleOn(c, finalVersions)]),
      `${staleVersions.join('; ')}; outbox: ${JSON.stringify(staleTrail).slice(0, 4000)}`,
    ).toEqual(topology.consoles.map((c) => [c.name, []]));
    expect(topology.consoles.map((c) => [c.name, c.taskStepsBack])).toEqual(
      topology.consoles.map((c) => [c.name, []]),
    );
    expect(chain.ok).toBe(true);
  }, 3_600_000);

  async function tasksOf(incidentId: string): Promise<number> {
    const row = await topology.liveDatabase
      ?.selectFrom('department_tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
});
