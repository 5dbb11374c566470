import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HANDLERS } from '../workers/handlerMap';
import { startWorkers } from '../workers/startWorkers';
import { registerAlertRoutes } from './alerts/alertRoutes';
import { registerSosRoutes } from './alerts/sosRoutes';
import { createApp, type RouteModule } from './app';
import { startAuditAnchoring } from './audit/auditAnchor';
import { createAuthenticator } from './auth/authenticate';
import { LoginThrottle } from './auth/loginThrottle';
import { ThrottledLoginAudit } from './auth/throttledLoginAudit';
import { registerCaseRoutes } from './cases/caseRoutes';
import { registerClearingRoutes } from './clearing/clearingRoutes';
import { registerCommitteeRoutes } from './committee/committeeRoutes';
import type { Config } from './config/env';
import type { AppContext } from './context';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './db/database';
import { registerDepartmentDeliveryRoutes } from './delivery/departmentDeliveryRoutes';
import { retireDemo } from './demo/retireDemo';
import { seedDemo } from './demo/seedDemo';
import { ensureDepartments } from './departments/seedDepartments';
import { createArrivalDetector } from './dispatch/arrivalDetector';
import { createDispatchModule } from './dispatch/dispatchRoutes';
import { fallbackLocator } from './dispatch/fallbackLocator';
import { tableLocator } from './dispatch/tableLocator';
import { registerEvidenceRoutes } from './evidence/evidenceRoutes';
import { registerClientConfigRoute } from './incidents/clientConfigRoute';
import { registerIncidentRoutes } from './incidents/incidentRoutes';
import { upsertSchedules } from './jobs/jobCatalog';
import { registerLedgerRoutes } from './ledger/ledgerRoutes';
import { registerLinkageFactsRoutes } from './linkage/linkageFactsRoutes';
import { registerLinkageRoutes } from './linkage/linkageRoutes';
import { logger } from './observability/logger';
import { registerOfficerProfileRoutes } from './officers/officerProfileRoutes';
import { createRegistry } from './openapi/openapiRoutes';
import { registerOrganisationRoutes } from './organisation/organisationRoutes';
import { ensureOrganisation } from './organisation/orgRepository';
import { OUTBOX_CHANNEL } from './outbox/outboxWriter';
import { type Relay, startRelay } from './outbox/relay';
import { registerPushRoutes } from './push/pushRoutes';
import { queueBoardModule } from './queues/queueBoard';
import { watchQueues } from './queues/queueMetrics';
import { closeQueues, createQueues } from './queues/queueRegistry';
import { createAlarmReceipts } from './realtime/alarmReceipts';
import { sessionRoom, userRoom } from './realtime/rooms';
import { createSocketGateway } from './realtime/socketGateway';
import { watchSocketSessions } from './realtime/socketGuards';
import type { ShieldlineServer } from './realtime/socketTypes';
import { type SystemStatusBroadcaster, startSystemStatus } from './realtime/systemStatus';
import { createRedis } from './redis/redisConnection';
import { registerReportRoutes } from './reports/reportRoutes';
import { supervisorModule } from './supervisor/supervisorRoutes';
import { registerTaskRoutes } from './tasks/taskRoutes';
import { withPositionAdmission } from './units/positionAdmission';
import { registerUnitDutyRoutes } from './units/unitDutyRoutes';
import { createUnitModule, type UnitModule, type UnitModuleOptions } from './units/unitModule';
import { startAbandonedUploadSweeper } from './uploads/abandonedUploads';
import { registerUploadRoutes } from './uploads/uploadRoutes';
import { createWarningNotifier } from './warnings/warningNotices';
import { warningsModule } from './warnings/warningRoutes';
import { scheduleWarningSweep } from './warnings/warningSchedule';

export interface Runtime {
  ctx: AppContext;
  server: http.Server;
  io: ShieldlineServer;
  /** Null on ingest and worker processes: the web processes relay (see startRuntime). */
  relay: Relay | null;
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

const relays = (role: Config['ROLE']) => role === 'all' || role === 'web';

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
  await ensureOrganisation(database.db);
  if (config.DEMO) {
    const seeded = await seedDemo(database.db, {
      password: config.DEMO_PASSWORD,
      deviceKey: config.DEMO_DEVICE_KEY,
    });
    logger.info(seeded, 'demo data ready');
  } else {
    const retired = await retireDemo(database.db);
    if (retired.users || retired.deviceKeys)
      logger.warn(retired, 'DEMO is off: demo accounts disabled and demo device key revoked');
  }

  const redis = createRedis(config.REDIS_URL, 'producer', 'api', config.REDIS_COMMAND_TIMEOUT_MS);
  const adapterRedis = createRedis(config.REDIS_URL, 'blocking', 'socket-adapter');
  const queueRedis = createRedis(config.REDIS_URL, 'producer', 'queues', config.REDIS_COMMAND_TIMEOUT_MS);
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
    loginGuards: {
      throttle: new LoginThrottle({
        freeFailures: config.LOGIN_MAX_FAILURES,
        maxDelayS: config.LOGIN_LOCKOUT_S,
        sourceLimitPerMin: config.LOGIN_SOURCE_LIMIT_PER_MIN,
      }),
      refusals: new ThrottledLoginAudit(database.db),
    },
    endSockets: (whose) =>
      io
        ?.in('sessionId' in whose ? sessionRoom(whose.sessionId) : userRoom(whose.userId))
        .disconnectSockets(true),
    registry: createRegistry(),
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
            registerLinkageFactsRoutes,
            registerOrganisationRoutes,
            registerDepartmentDeliveryRoutes,
            registerEvidenceRoutes,
            // The field app (issue #6): SOS follow-ups, duty, Web Push, evidence uploads.
            registerSosRoutes,
            registerUnitDutyRoutes,
            registerPushRoutes,
            registerUploadRoutes,
            registerCaseRoutes,
            registerLedgerRoutes,
            registerReportRoutes,
            warningsModule(getIo),
            registerClearingRoutes,
            registerCommitteeRoutes,
            queueBoardModule(queues),
          ];
  const unwatchQueues = watchQueues(queues);
  const app = createApp(ctx, modules);
  // Position reports are admitted or shed before Express runs for them (units/positionAdmission.ts).
  const server = http.createServer(withPositionAdmission(units.admission, app));
  let systemStatus: SystemStatusBroadcaster | undefined;
  const alarmReceipts = createAlarmReceipts(redis, config.REDIS_PREFIX);
  const gateway = createSocketGateway(server, ctx, {
    adapterRedis,
    registerHandlers: [
      dispatch.socketHandlers(ctx),
      units.socketHandlers,
      alarmReceipts.register,
      (socket) => systemStatus?.greet(socket),
    ],
  });
  io = gateway;
  const uploadSweeper =
    config.ROLE === 'worker'
      ? null
      : startAbandonedUploadSweeper(database.db, {
          uploadsDir: config.uploadsDir,
          abandonAfterS: config.UPLOAD_ABANDON_AFTER_S,
        });
  const auditAnchoring = startAuditAnchoring(
    database.db,
    config.auditAnchorFile,
    config.AUDIT_ANCHOR_INTERVAL_S,
  );
  const socketWatch = watchSocketSessions(gateway, ctx.authenticator, config.SOCKET_RECHECK_S * 1000);
  // Only processes that hold consoles relay. On PostgreSQL one process at a time holds each relay
  // loop's advisory lock, but every process that runs a relay wakes on every commit and polls
  // 20 times a second for the lock: on the cluster bench that was the ingest and worker
  // processes' idle CPU (docs/PERFORMANCE.md, "Fifth run"). Another web process takes over
  // when one dies (the fault suite kills them in turn).
  relay = !relays(config.ROLE)
    ? undefined
    : startRelay({
        db: database.db,
        databaseKind: database.kind,
        subscribeCommits: (onCommit) => database.listen(OUTBOX_CHANNEL, onCommit),
        maxAttempts: config.RELAY_MAX_ATTEMPTS,
        retryBaseMs: config.RELAY_RETRY_BASE_MS,
        pollMs: config.RELAY_POLL_MS,
        streamBatchMs: config.STREAM_BATCH_MS,
        enqueueTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
        io: gateway,
        queues,
        redisConnections: [queueRedis, adapterRedis],
      });
  systemStatus = startSystemStatus({
    io: gateway,
    db: database.db,
    redisConnections: [redis, queueRedis, adapterRedis],
    heartbeatMs: config.SYSTEM_STATUS_HEARTBEAT_MS,
  });
  const runWorkers = config.ROLE === 'all' || config.ROLE === 'worker';
  const workerRedis = runWorkers ? createRedis(config.REDIS_URL, 'blocking', 'workers') : null;
  const workers = workerRedis
    ? startWorkers(
        {
          config,
          db: database.db,
          redis,
          queues,
          locate: dispatch.locate,
          notifyWarnings: createWarningNotifier(gateway, database.db, config),
        },
        HANDLERS,
        workerRedis,
        { lockDurationMs: config.JOB_LOCK_MS },
      )
    : null;
  if (runWorkers)
    // Redis away at start-up must not stop the process: the sweep is scheduled at the next start,
    // and evaluations after each change still run.
    await scheduleWarningSweep(queues, config.WARNINGS_SWEEP_S).catch((err: unknown) =>
      logger.warn({ err }, 'warning sweep not scheduled'),
    );
  // The end-of-day clearing (日清零) and the nightly outbox prune run where the workers run; a
  // Redis away at start only delays them.
  if (workers)
    void upsertSchedules(queues, config.CLEARING_DAILY_AT, config.REDIS_COMMAND_TIMEOUT_MS).catch(
      (err: unknown) =>
        logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'clearing and outbox-prune schedules not set; retried at next start',
        ),
    );
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await workers?.close();
      systemStatus?.stop();
      await ctx.loginGuards.refusals.stop();
      await auditAnchoring.stop();
      await relay?.stop();
      unwatchQueues();
      arrivals.stop();
      await units.stop();
      socketWatch.stop();
      alarmReceipts.stop();
      uploadSweeper?.stop();
      gateway.disconnectSockets(true);
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      server.closeAllConnections();
      await closeQueues(queues);
      for (const r of [redis, adapterRedis, queueRedis, positionsRedis, workerRedis]) r?.disconnect();
      if (options.ownsDatabase !== false) await database.close();
    })();
    return closing;
  };
  return { ctx, server, io: gateway, relay: relay ?? null, units, url, close };
}
