import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Database, type DatabaseHandle, migrateToLatest, openDatabase } from '../db/database';
import { LatencyProxy } from '../testing/latencyProxy';
import { TestPostgresServer } from '../testing/postgresServer';
import { TestRedisServer } from '../testing/redisServer';
import { ServerProcess } from '../testing/serverProcess';
import { loginAs } from '../testing/testRuntime';
import { FaultConsole } from './faultConsole';

export const ALL_FAULTS = [
  'web_sigkill',
  'worker_sigkill',
  'redis_restart',
  'redis_delay',
  'postgres_restart',
  'console_drop',
] as const;
export type Fault = (typeof ALL_FAULTS)[number];

export const ALL_TOPOLOGIES = ['multi-process', 'embedded'] as const;
export type TopologyName = (typeof ALL_TOPOLOGIES)[number];

/** Each chunk to and from Redis is held this long while the delay fault is on. */
const REDIS_DELAY = { minMs: 500, maxMs: 1500 };
const REDIS_DELAY_FOR_MS = 4000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Shieldline the fault suite injects into, on a private Redis reached through a latency
 * proxy (never the shared services). `multi-process`: two web processes and a worker process on a
 * private PostgreSQL cluster. `embedded`: the default deployment, one process serving and running
 * the workers on PGlite in a data folder of its own, which a SIGKILL leaves as it is for the
 * restart to open.
 */
export class FaultTopology {
  readonly consoles: FaultConsole[] = [];
  private opened: DatabaseHandle | null = null;

  private constructor(
    readonly name: TopologyName,
    private readonly redis: TestRedisServer,
    private readonly proxy: LatencyProxy,
    readonly webs: ServerProcess[],
    private readonly worker: ServerProcess | null,
    private readonly postgres: TestPostgresServer | null,
    /** PostgreSQL is open to the suite throughout; PGlite has one owner, the server process. */
    private readonly live: DatabaseHandle | null,
    private readonly dataDir: string | null,
  ) {}

  static async start(name: TopologyName): Promise<FaultTopology> {
    const redis = await TestRedisServer.start();
    const proxy = await LatencyProxy.start({ host: '127.0.0.1', port: redis.port });
    const common = {
      REDIS_URL: proxy.url,
      REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
      SYSTEM_STATUS_HEARTBEAT_MS: '1000',
    };
    let topology: FaultTopology;
    if (name === 'embedded') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-embedded-'));
      // No DATABASE_URL: PGlite in DATA_DIR/pglite, as `npm start` runs it.
      const server = await ServerProcess.start({
        ...common,
        ROLE: 'all',
        DATABASE_URL: '',
        DATA_DIR: dataDir,
      });
      topology = new FaultTopology(name, redis, proxy, [server], null, null, null, dataDir);
    } else {
      const postgres = await TestPostgresServer.start();
      const live = await openDatabase({ databaseUrl: postgres.url, poolSize: 3 });
      await migrateToLatest(live.db);
      const env = (role: string) => ({ ...common, ROLE: role, DATABASE_URL: postgres.url });
      const webs = await Promise.all([ServerProcess.start(env('web')), ServerProcess.start(env('web'))]);
      const worker = await ServerProcess.start(env('worker'));
      topology = new FaultTopology(name, redis, proxy, webs, worker, postgres, live, null);
    }
    for (const [i, web] of topology.webs.entries())
      for (const username of ['dispatcher1', 'supervisor1']) {
        const console = new FaultConsole(
          `${username}@web${i}`,
          () => web.url,
          await loginAs(web.url, username),
        );
        await console.start();
        topology.consoles.push(console);
      }
    return topology;
  }

  /** A worker process and a database server of their own exist only in the multi-process topology. */
  applies(fault: Fault): boolean {
    return this.name === 'multi-process' || (fault !== 'worker_sigkill' && fault !== 'postgres_restart');
  }

  /**
   * Injects one fault and resolves when it is over, with the time recovery counts from: the
   * injection for a kill or a restart (so a restart's own time is in it, as before), the removal
   * of the delay for the delay (its few seconds are the fault, not the recovery).
   */
  async inject(fault: Fault, round: number): Promise<number> {
    const started = Date.now();
    if (fault === 'web_sigkill') {
      const victim = this.webs[round % this.webs.length];
      await victim?.kill('SIGKILL');
      await victim?.spawn();
    } else if (fault === 'worker_sigkill') {
      await this.worker?.kill('SIGKILL');
      await this.worker?.spawn();
    } else if (fault === 'redis_restart') {
      await this.redis.down();
      await sleep(500);
      await this.redis.up();
    } else if (fault === 'redis_delay') {
      this.proxy.setDelay(REDIS_DELAY);
      await sleep(REDIS_DELAY_FOR_MS);
      this.proxy.setDelay(null);
      return Date.now();
    } else if (fault === 'postgres_restart') {
      // An immediate shutdown cuts every connection as a crash would; crash recovery runs on start.
      await this.postgres?.down();
      await sleep(500);
      await this.postgres?.up();
    } else {
      for (const c of this.consoles) c.dropConnection();
    }
    return started;
  }

  /** The database while the topology runs, for diagnostics; null when only the server may open it. */
  get liveDatabase(): Database | null {
    return this.live?.db ?? null;
  }

  /**
   * The database for the final checks. PGlite's folder is opened here only after the server
   * process has stopped (cleanly: what a crash does is the restarts' part of the run).
   */
  async finalDatabase(): Promise<Database> {
    if (this.live) return this.live.db;
    for (const c of this.consoles) c.stop();
    await this.webs[0]?.kill('SIGTERM');
    this.opened = await openDatabase({ dataDir: this.dataDir ?? undefined });
    return this.opened.db;
  }

  /** The processes' recent stderr, for a failure's message. */
  logs(): string {
    return [...this.webs, ...(this.worker ? [this.worker] : [])]
      .map((p, i) => `process ${i}: ${p.log().slice(-1500)}`)
      .join(' ');
  }

  get description(): string {
    return this.name === 'embedded'
      ? 'embedded: one process (web and workers) on PGlite in a data folder'
      : 'multi-process: two web processes and a worker on PostgreSQL';
  }

  async stop(): Promise<void> {
    for (const c of this.consoles) c.stop();
    await Promise.all([...this.webs, ...(this.worker ? [this.worker] : [])].map((p) => p.kill('SIGKILL')));
    await this.opened?.close();
    await this.live?.close();
    await this.proxy.stop();
    await this.redis.stop();
    await this.postgres?.stop();
    if (this.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
