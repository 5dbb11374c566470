import { Snapshot } from '@shared/api/snapshot';
import { AlertRaiser } from './alertRaiser';
import { ShieldlineApi } from './apiClient';
import { openFeed } from './dispatcherFeed';
import { distanceM } from './geo';
import { type SimLog, stderrLog } from './log';
import type { MissionTiming } from './mission';
import { type SimulatorConfig, type SimulatorInput, SimulatorOptions } from './options';
import { PositionReporter } from './positionReporter';
import { createRand } from './random';
import { Responder } from './responder';
import { emptyStats, LatencyWindow, type SimStats, summaryLine } from './stats';
import { World } from './world';

export interface Simulator {
  /** Stops moving, reporting, raising and answering; settles when nothing is in flight. */
  stop(): Promise<void>;
  /** Counters since start. */
  stats(): SimStats;
  /** Settles once stopped (by stop() or after --duration). */
  done: Promise<void>;
  config: SimulatorConfig;
}

export interface SimulatorHooks {
  log?: SimLog;
}

/** Movement and answers are worked out this often; reports leave spread across the ticks. */
const TICK_MS = 50;
/** Units and open assignments are reloaded this often, and after every reconnection. */
const RESYNC_MS = 5 * 60_000;
const RETRY_SYNC_MS = 5000;
const NOTICE_EVERY_MS = 30_000;

/**
 * Drives a Shieldline server through its real API: the units move around 赣县区 and report
 * positions, alerts arrive every so often, dispatched units answer and drive to the scene.
 * Throws at once when the options are invalid; everything after that is retried, not thrown.
 */
export function startSimulator(input: SimulatorInput = {}, hooks: SimulatorHooks = {}): Simulator {
  const config = SimulatorOptions.parse(input);
  const log = hooks.log ?? stderrLog;
  const info = (message: string) => log('info', message);
  const rand = createRand(config.seed);
  const abort = new AbortController();
  const stats = emptyStats();
  const latency = new LatencyWindow();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const track = (p: Promise<unknown>) => {
    const settled = p
      .catch((err: unknown) => log('warn', `unexpected: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  };

  const lastNotice = new Map<string, number>();
  /** A warning that would repeat every tick is said once per NOTICE_EVERY_MS. */
  const notice = (key: string, message: string) => {
    const now = Date.now();
    if (stopped || now - (lastNotice.get(key) ?? 0) < NOTICE_EVERY_MS) return;
    lastNotice.set(key, now);
    log('warn', message);
  };

  const timing: MissionTiming = {
    acceptAfterS: config.acceptAfter,
    enRouteAfterS: config.enRouteAfter,
    onSceneS: config.onScene,
    arriveM: config.arriveM,
  };
  const api = new ShieldlineApi(
    config.url.replace(/\/+$/, ''),
    { username: config.username, password: config.password, deviceKey: config.deviceKey },
    abort.signal,
    (message) => notice(message, message),
  );
  const world = new World({
    maxUnits: config.units,
    respond: config.respond,
    timing,
    rand,
    onDispatched(unit, incident) {
      const away = unit.mission?.scene
        ? `, ${(distanceM(unit.position, unit.mission.scene) / 1000).toFixed(1)} km away`
        : '';
      info(`${unit.callSign} dispatched to ${incident?.reference ?? 'an incident'}${away}`);
    },
    onMissionEnded: (unit, why) => info(`${unit.callSign} ${why}; back on patrol`),
  });
  const rate = config.rate ?? Math.max(1, config.units / 2);
  const reporter = new PositionReporter(
    api,
    { rate, concurrency: config.concurrency },
    stats,
    latency,
    rand,
    {
      onUnreachable: (message) => !stopped && log('warn', `server unreachable (${message}); retrying`),
      onReachable: () => info('server reachable again'),
      onUnknownUnit: (unit) => {
        notice('unknown-unit', `the server does not know unit ${unit.callSign}; reloading units`);
        void sync();
      },
      onRefused: (status, message) => notice(`refused-${status}`, `position refused: ${message}`),
    },
    track,
  );
  const alertEveryS =
    config.alertsPerMin === undefined
      ? config.alertEvery
      : config.alertsPerMin > 0
        ? 60 / config.alertsPerMin
        : 0;
  const raiser = new AlertRaiser(
    api,
    { meanIntervalS: alertEveryS, maxOpen: config.maxOpen },
    rand,
    Date.now(),
  );
  const responder = new Responder(api, world, { answerAs: config.answerAs, timing }, stats, info, track);

  let syncing = false;
  let syncAgain = false;
  let announced = -1;
  let syncRetry: NodeJS.Timeout | undefined;

  /** Loads the snapshot: which units exist, what is open, which crews are out. */
  async function sync(): Promise<void> {
    if (stopped) return;
    if (syncing) {
      syncAgain = true;
      return;
    }
    syncing = true;
    clearTimeout(syncRetry);
    world.beginSync();
    const result = await api.asDispatcher('GET', '/api/v1/snapshot', Snapshot);
    syncing = false;
    if (stopped) return;
    const now = Date.now();
    if (!result.ok) {
      world.abandonSync(now);
      if (result.status !== 0) notice('snapshot', `snapshot not loaded: ${result.message}`);
      syncRetry = setTimeout(() => void sync(), RETRY_SYNC_MS);
    } else {
      world.applySnapshot(result.data, now);
      const units = [...world.units.values()];
      reporter.schedule(units, now);
      stats.units = units.length;
      if (units.length !== announced) {
        announced = units.length;
        const short = units.length < config.units ? ` (the server has only ${units.length})` : '';
        const alerts = alertEveryS > 0 ? `an alert every ~${Math.round(alertEveryS)} s` : 'no alerts';
        info(
          `driving ${units.length} units${short} at ${Math.min(rate, units.length).toFixed(1)} reports/s, ${alerts}`,
        );
      }
    }
    if (syncAgain) {
      syncAgain = false;
      void sync();
    }
  }

  let connectedOnce = false;
  const feed = openFeed(api, {
    onEvent: (event) => world.onEvent(event, Date.now()),
    onConnected(recovered) {
      if (connectedOnce) info(`stream reconnected${recovered ? ' (nothing missed)' : ''}`);
      connectedOnce = true;
      if (!recovered) void sync();
    },
    onDisconnected(reason) {
      if (!stopped) log('warn', `stream disconnected (${reason}); reconnecting`);
    },
  });

  function raiseAlert(): void {
    track(
      raiser.raise(world.somePatrolPosition(), abort.signal).then((outcome) => {
        if (outcome.kind === 'failed') {
          stats.alertsFailed++;
          if (!stopped) log('warn', `alert not raised: ${outcome.message}`);
          return;
        }
        stats.alertsRaised++;
        const { incident, request } = outcome;
        world.learnIncident(incident);
        const extras = [
          request.injured ? 'officer injured' : '',
          request.contentUrls?.length ? `${request.contentUrls.length} URLs` : '',
          request.onRoad ? 'on the road' : '',
        ].filter(Boolean);
        info(
          `alert ${incident.reference}: ${incident.category}${extras.length ? ` (${extras.join(', ')})` : ''}`,
        );
      }),
    );
  }

  let last = Date.now();
  let summaryAt = last + config.statsEvery * 1000;
  let summaryFrom = { ...stats };
  const ticker = setInterval(() => {
    const now = Date.now();
    const dtS = Math.min(5, (now - last) / 1000);
    last = now;
    for (const unit of world.units.values()) {
      unit.advance(now, dtS, rand, config.speedFactor);
      if (config.respond) responder.tick(unit, now);
    }
    reporter.tick(world.units.values(), world.units.size, now);
    stats.openIncidents = world.openIncidents();
    const alert = raiser.due(now, stats.openIncidents);
    if (alert.capChanged === 'capped')
      info(`${stats.openIncidents} incidents open: no new alerts until some are closed`);
    if (alert.due) raiseAlert();
    if (config.statsEvery > 0 && now >= summaryAt) {
      info(summaryLine(stats, summaryFrom, (now - summaryAt) / 1000 + config.statsEvery, latency.take()));
      summaryFrom = { ...stats };
      summaryAt = now + config.statsEvery * 1000;
    }
  }, TICK_MS);
  const resync = setInterval(() => void sync(), RESYNC_MS);
  void sync();

  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      stopped = true;
      clearInterval(ticker);
      clearInterval(resync);
      clearTimeout(syncRetry);
      clearTimeout(deadline);
      feed.close();
      abort.abort();
      await Promise.allSettled([...inFlight]);
      api.close();
      resolveDone();
    })();
    return stopping;
  };
  const deadline = config.duration > 0 ? setTimeout(() => void stop(), config.duration * 1000) : undefined;

  return { stop, stats: () => ({ ...stats }), done, config };
}
