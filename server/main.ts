import type { ChildProcess } from 'node:child_process';
import { ConfigError, DEFAULT_DEMO_DEVICE_KEY, DEFAULT_DEMO_PASSWORD, loadConfig } from './config/env';
import { logger } from './observability/logger';
import { ensureRedis, RedisUnavailableError } from './redis/privateRedis';
import { startRuntime } from './runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const privateRedis: ChildProcess | null = config.REDIS_AUTOSTART
    ? await ensureRedis(config.REDIS_URL, config.dataDir, true)
    : null;
  const runtime = await startRuntime(config);
  const { port } = new URL(runtime.url);
  const simulate = config.DEMO && config.SIMULATE && config.ROLE !== 'worker' && config.NODE_ENV !== 'test';
  logger.info(
    { url: runtime.url, role: config.ROLE, database: runtime.ctx.databaseKind },
    'Shieldline is up',
  );
  if (config.DEMO) {
    process.stdout.write(
      [
        '',
        `  Shieldline console: http://localhost:${port}/`,
        // Printed only when it is the published default: a password of one's own stays out of logs.
        `  Demo logins (password ${config.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD ? `"${config.DEMO_PASSWORD}"` : 'as set in DEMO_PASSWORD'}): dispatcher1, supervisor1, admin,`,
        '    rights_office, cyber, traffic (department staff), GX-P01 (field officer)',
        `  Demo device key for alert sources: ${config.DEMO_DEVICE_KEY === DEFAULT_DEMO_DEVICE_KEY ? config.DEMO_DEVICE_KEY : 'as set in DEMO_DEVICE_KEY'}`,
        ...(simulate
          ? ['  Simulator: the demo units drive around, an alert every ~90 s (SIMULATE=0 stops it)']
          : []),
        '',
      ].join('\n'),
    );
  }
  // The demo's units move, report and answer through the real API of this process.
  const simulator = simulate
    ? (await import('../simulator/simulator')).startSimulator(
        {
          url: runtime.url,
          password: config.DEMO_PASSWORD,
          deviceKey: config.DEMO_DEVICE_KEY,
          statsEvery: 300,
        },
        { log: (level, message) => logger[level]({ component: 'simulator' }, message) },
      )
    : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await simulator?.stop();
    await runtime.close();
    privateRedis?.kill('SIGTERM');
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof RedisUnavailableError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `Shieldline failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
