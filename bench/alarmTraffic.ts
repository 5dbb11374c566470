/**
 * What distress alarms cost on Redis between server processes (docs/PERFORMANCE.md, "Fan-out").
 * Two server processes on a private redis-server and a test PostgreSQL, CONSOLES console sockets
 * on each, ALARMS distress alerts; Redis MONITOR records every command that touches the socket.io
 * adapter's stream and channels or the lagging-consoles hash, by kind, with its argument bytes.
 * A published message or stream entry is then delivered to each subscribed process (not counted
 * here: MONITOR sees requests only). Consoles confirm alarms with `console:v1:applied`.
 *
 *   npx tsx bench/alarmTraffic.ts            # CONSOLES=50 per process, ALARMS=10
 */
import { routes } from '@shared/api/routes';
import { onDistressAlarm } from '@shared/events/distressAlarm';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { raiseAlert } from '../server/testing/alerts';
import { createTestDatabase } from '../server/testing/databases';
import { TestRedisServer } from '../server/testing/redisServer';
import { ServerProcess } from '../server/testing/serverProcess';
import { loginAs, waitFor } from '../server/testing/testRuntime';

const CONSOLES = Number(process.env.CONSOLES ?? 50);
const ALARMS = Number(process.env.ALARMS ?? 10);

type Tally = Map<string, { commands: number; bytes: number }>;

function kindOf(args: string[], prefix: string): string | null {
  const [command = '', key = ''] = args;
  const cmd = command.toLowerCase();
  const joined = args.join(' ');
  if (key.includes('consoles:lagging')) return `lagging ${cmd}`;
  if (cmd === 'multi' || cmd === 'exec') return null;
  if (!joined.includes(`${prefix}:socket.io`)) return null;
  if (cmd === 'xread' || cmd === 'ping') return null;
  // The alarm rides on the consoles' copy of its incident event (server/outbox/emitToRooms.ts).
  const what = /"alarm":"/.test(joined)
    ? 'alarm, on its stream event'
    : joined.includes('stream:v1:event')
      ? 'stream event'
      : 'other';
  if (cmd === 'publish') return `publish ${key.endsWith('#/#') ? 'to all' : 'to one process'} (${what})`;
  return `${cmd} (${what})`;
}

async function main(): Promise<void> {
  const redis = await TestRedisServer.start();
  const database = await createTestDatabase('postgres');
  const prefix = 'bench';
  const env = {
    DATABASE_URL: database.url ?? '',
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    // No re-alarms while measuring: only the alarms this script raises.
    UNACKED_LADDER_S: '600,1200,1800',
    LOG_LEVEL: 'error',
  };
  const servers = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
  const sockets: Socket[] = [];
  const monitor = new Redis(redis.url);
  try {
    let confirmations = 0;
    for (const server of servers) {
      const cookie = await loginAs(server.url, 'dispatcher1');
      for (let i = 0; i < CONSOLES; i++) {
        const socket = connect(server.url, {
          transports: ['websocket'],
          extraHeaders: { cookie },
          forceNew: true,
        });
        onDistressAlarm(socket, (alarm) => {
          confirmations++;
          socket.emit('console:v1:applied', { alarmSeqs: [alarm.seq] });
        });
        sockets.push(socket);
      }
    }
    await waitFor(() => sockets.every((s) => s.connected), 60_000);
    const supervisor = await loginAs(servers[0]!.url, 'supervisor1');

    const tally: Tally = new Map();
    const mon = await monitor.monitor();
    mon.on('monitor', (_time: string, args: string[]) => {
      const kind = kindOf(args, prefix);
      if (!kind) return;
      const t = tally.get(kind) ?? { commands: 0, bytes: 0 };
      t.commands++;
      t.bytes += args.reduce((n, a) => n + Buffer.byteLength(String(a)), 0);
      tally.set(kind, t);
    });
    const started = Date.now();
    for (let i = 0; i < ALARMS; i++) {
      await raiseAlert(servers[i % 2]!.url);
      await new Promise((r) => setTimeout(r, 300));
    }
    await waitFor(() => confirmations >= ALARMS * CONSOLES * 2, 60_000);
    // The confirmation deadline (5 s) and the write after it.
    await new Promise((r) => setTimeout(r, 6500));
    const res = await fetch(`${servers[0]!.url}${routes.supervisor.consoles.path}`, {
      headers: { cookie: supervisor },
    });
    const body: { consoles: Array<{ lagging: unknown }> } = await res.json();
    mon.disconnect();

    console.log(
      `${ALARMS} alarms, ${CONSOLES} consoles on each of 2 processes, ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${body.consoles.filter((c) => c.lagging).length} of ${body.consoles.length} consoles lagging`,
    );
    console.log('kind | commands | per alarm | argument bytes | per alarm');
    for (const [kind, t] of [...tally].sort()) {
      console.log(
        `${kind} | ${t.commands} | ${(t.commands / ALARMS).toFixed(1)} | ${t.bytes} | ${Math.round(t.bytes / ALARMS)}`,
      );
    }
  } finally {
    for (const s of sockets) s.close();
    monitor.disconnect();
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    await database.close();
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
