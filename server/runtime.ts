import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HANDLERS } from '../workers/handlerMap';
import { startWorkers } from '../workers/startWorkers';
import { registerAlertRoutes } from './alerts/alertRoutes';
import { registerSosRoutes } from './alerts/sosRoutes';
import { createApp, type RouteModule } from './app';
import { createAuthenticator } from './auth/authenticate';
import { IpThrottle } from './auth/ipThrottle';
import type { Config } from './config/env';
import type { AppContext } from './context';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './db/database';
import { registerDepartmentDeliveryRoutes } from './delivery/departmentDeliveryRoutes';
import { seedDemo } from './demo/seedDemo';
import { ensureDepartments } from './departments/seedDepartments';
import { createArrivalDetector } from './dispatch/arrivalDetector';
import { createDispatchModule } from './dispatch/dispatchRoutes';
import { fallbackLocator } from './dispatch/fallbackLocator';
import { tableLocator } from './dispatch/tableLocator';
import { registerEvidenceRoutes } from './evidence/evidenceRoutes';
import { registerClientConfigRoute } from './incidents/clientConfigRoute';
import { registerIncidentRoutes } from './incidents/incidentRoutes';
import { registerLinkageRoutes } from './linkage/linkageRoutes';
import { logger } from './observability/logger';
import { registerOfficerProfileRoutes } from './officers/officerProfileRoutes';
import { createRegistry } from './openapi/openapiRoutes';
import { type Relay, startRelay } from './outbox/relay';
import { registerPushRoutes } from './push/pushRoutes';
import { queueBoardModule } from './queues/queueBoard';
import { watchQueues } from './queues/queueMetrics';
import { closeQueues, createQueues } from './queues/queueRegistry';
import { sendDistressAlarm } from './realtime/distressAlarm';
import { createSocketGateway } from './realtime/socketGateway';
import type { ShieldlineServer } from './realtime/socketTypes';
import { createRedis } from './redis/redisConnection';
import { supervisorModule } from './supervisor/supervisorRoutes';
import { registerTaskRoutes } from './tasks/taskRoutes';
import { withPositionAdmission } from './units/positionAdmission';
import { registerUnitDutyRoutes } from './units/unitDutyRoutes';
import { createUnitModule, type UnitModule, type UnitModuleOptions } from './units/unitModule';
import { registerUploadRoutes } from './uploads/uploadRoutes';

export interface Runtime {
  ctx: AppContext;
  server: http.Server;
  io: ShieldlineServer;
  relay: Relay;
  units: UnitModule;
  url: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Tests pass a database they made; otherwise it is opened from the config. */
  database?: DatabaseHandle;
  /** Close the database with the runtime (default true; a test that restarts may keep it). */
  ownsDatabase?: boolean;
  unitOptions?: UnitModuleOptions;
}

/**
 * Builds one Shieldline process: HTTP, the socket gateway, the outbox relay and (by ROLE)
 * the workers. `npm start` runs ROLE=all in one process, which PGlite's single connection needs.
 */
export async function startRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir }));
  const applied = await migrateToLatest(database.db);
  if (applied.length) logger.info({ applied }, 'database migrated');
  await ensureDepartments(database.db);
  if (config.DEMO) {
    const seeded = await seedDemo(database.db, {
      password: config.DEMO_PASSWORD,
      deviceKey: config.DEMO_DEVICE_KEY,
    });
    logger.info(seeded, 'demo data ready');
  }

  const redis = createRedis(config.REDIS_URL, 'producer', 'api');
  const adapterRedis = createRedis(config.REDIS_URL, 'blocking', 'socket-adapter');
  const queueRedis = createRedis(config.REDIS_URL, 'producer', 'queues');
  // Position batches cross processes on plain pub/sub (kept out of the adapter's stream).
  const positionsRedis = createRedis(config.REDIS_URL, 'blocking', 'positions-sub');
  const queues = createQueues(queueRedis, config.REDIS_PREFIX);
  let relay: Relay | undefined;
  const ctx: AppContext = {
    config,
    db: database.db,
    databaseKind: database.kind,
    redis,
    authenticator: createAuthenticator(database.db, {
      idleTimeoutS: config.SESSION_IDLE_TIMEOUT_S,
      maxAgeS: config.SESSION_MAX_AGE_S,
    }),
    loginThrottle: new IpThrottle(),
    registry: createRegistry(),
    kickRelay: () => relay?.kick(),
  };
  // Route modules are built before the socket gateway exists; they reach it through this.
  let io: ShieldlineServer | undefined;
  const getIo = () => {
    if (!io) throw new Error('socket gateway not started');
    return io;
  };
  const arrivals = createArrivalDetector(database.db, {
    radiusM: config.ARRIVAL_RADIUS_M,
    mode: config.ARRIVAL_MODE,
    checkinIntervalS: config.CHECKIN_INTERVAL_S,
    onChange: ctx.kickRelay,
  });
  const units = createUnitModule(ctx, getIo, {
    subscriber: positionsRedis,
    ...options.unitOptions,
    onAccepted: (unitId, position) => arrivals.check(unitId, position),
  });
  const dispatch = createDispatchModule(fallbackLocator(units.nearestUnits, tableLocator(database.db)));
  // A worker process serves only /healthz and /metrics (for probes); the API is the web role's.
  // An ingest process takes position reports from gateways and nothing else, so a flood of
  // them is shed there and never reaches the processes serving alerts and consoles.
  const modules: RouteModule[] =
    config.ROLE === 'worker'
      ? []
      : config.ROLE === 'ingest'
        ? [units.routes]
        : [
            registerAlertRoutes,
            registerIncidentRoutes,
            registerClientConfigRoute,
            registerOfficerProfileRoutes,
            supervisorModule(getIo),
            dispatch.routes,
            units.routes,
            registerTaskRoutes,
            registerLinkageRoutes,
            registerDepartmentDeliveryRoutes,
            registerEvidenceRoutes,
            // The field app (issue #6): SOS follow-ups, duty, Web Push, evidence uploads.
            registerSosRoutes,
            registerUnitDutyRoutes,
            registerPushRoutes,
            registerUploadRoutes,
            queueBoardModule(queues),
          ];
  const unwatchQueues = watchQueues(queues);
  const app = createApp(ctx, modules);
  // Position reports are admitted or shed before Express runs for them (units/positionAdmission.ts).
  const server = http.createServer(withPositionAdmission(units.admission, app));
  const gateway = createSocketGateway(server, ctx, {
    adapterRedis,
    registerHandlers: [dispatch.socketHandlers(ctx), units.socketHandlers],
  });
  io = gateway;
  relay = startRelay({
    db: database.db,
    io: gateway,
    queues,
    redisConnections: [queueRedis, adapterRedis],
    onAlarm: (event, reason) => sendDistressAlarm(gateway, redis, config.REDIS_PREFIX, event, reason),
  });
  const runWorkers = config.ROLE === 'all' || config.ROLE === 'worker';
  const workerRedis = runWorkers ? createRedis(config.REDIS_URL, 'blocking', 'workers') : null;
  const workers = workerRedis
    ? startWorkers(
        { config, db: database.db, redis, queues, locate: dispatch.locate, kickRelay: ctx.kickRelay },
        HANDLERS,
        workerRedis,
        { lockDurationMs: config.JOB_LOCK_MS },
      )
    : null;
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await workers?.close();
      await relay?.stop();
      unwatchQueues();
      arrivals.stop();
      await units.stop();
      gateway.disconnectSockets(true);
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      server.closeAllConnections();
      await closeQueues(queues);
      for (const r of [redis, adapterRedis, queueRedis, positionsRedis, workerRedis]) r?.disconnect();
      if (options.ownsDatabase !== false) await database.close();
    })();
    return closing;
  };
  return { ctx, server, io: gateway, relay, units, url, close };
}
