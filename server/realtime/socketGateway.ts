import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { AppContext } from '../context';
import { AppError, errors } from '../http/errors';
import { acknowledgeIncident } from '../incidents/incidentCommands';
import { streamEventFor } from '../incidents/incidentMinimise';
import { socketsConnected } from '../observability/metrics';
import { readStream } from '../outbox/streamReader';
import { roomsForPrincipal } from './rooms';
import { limitSocketEvents, syncRecoveredRooms } from './socketGuards';
import { onClientEvent } from './socketHandler';
import type { ShieldlineServer, ShieldlineSocket } from './socketTypes';

export interface GatewayOptions {
  /** A connection the adapter may block on (XREAD), separate from the fail-fast producer one. */
  adapterRedis: Redis;
  registerHandlers?: Array<(socket: ShieldlineSocket) => void>;
}

/** Browsers always send Origin on a WebSocket handshake; a foreign one is refused (CSWSH). */
function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  publicOrigin: string | undefined,
): boolean {
  if (!origin) return true;
  if (publicOrigin) return origin === publicOrigin;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The largest message a client may send. Every client event is a few hundred bytes (an id, a
 * position, a sequence); socket.io's default of 1 MB would let one socket make the server buffer
 * and parse a megabyte per message. A larger message closes the connection (socket.io's rule).
 */
export const SOCKET_MAX_MESSAGE_BYTES = 64 * 1024;

export function createSocketGateway(
  server: http.Server,
  ctx: AppContext,
  options: GatewayOptions,
): ShieldlineServer {
  const io: ShieldlineServer = new Server(server, {
    adapter: createAdapter(options.adapterRedis, {
      // The stream, the pub/sub channels and the recovery sessions all carry the prefix, so
      // deployments (and test runs) sharing one Redis never hear each other's broadcasts.
      streamName: `${ctx.config.REDIS_PREFIX}:socket.io`,
      channelPrefix: `${ctx.config.REDIS_PREFIX}:socket.io`,
      sessionKeyPrefix: `${ctx.config.REDIS_PREFIX}:sio:session:`,
      maxLen: 100_000,
    }),
    // Short gaps (a Wi-Fi blip) are bridged by socket.io itself; longer ones by sync:v1:resume.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    serveClient: false,
    maxHttpBufferSize: SOCKET_MAX_MESSAGE_BYTES,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  io.use((socket, next) => {
    const { headers } = socket.handshake;
    if (!originAllowed(headers.origin, headers.host, ctx.config.PUBLIC_ORIGIN)) {
      next(new Error('origin not allowed'));
      return;
    }
    const authToken =
      typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    ctx.authenticator
      .fromHeaders({
        cookie: headers.cookie,
        authorization: headers.authorization ?? (authToken ? `Bearer ${authToken}` : undefined),
      })
      .then((principal) => {
        if (!principal) throw errors.unauthenticated();
        socket.data.principal = principal;
        socket.data.rooms = roomsForPrincipal(principal);
        next();
      })
      .catch((err: unknown) => {
        next(new Error(err instanceof AppError ? err.message : 'authentication failed'));
      });
  });

  io.on('connection', (socket) => {
    socketsConnected.inc();
    socket.on('disconnect', () => socketsConnected.dec());
    if (socket.recovered) syncRecoveredRooms(socket);
    else void socket.join(socket.data.rooms);
    limitSocketEvents(socket, {
      perSecond: ctx.config.SOCKET_EVENTS_PER_S,
      burst: ctx.config.SOCKET_EVENT_BURST,
    });

    onClientEvent(socket, 'sync:v1:resume', 'stream:read', async ({ sinceSeq }, principal) => {
      const replay = await readStream(ctx.db, sinceSeq, socket.data.rooms);
      return { ...replay, events: replay.events.map((e) => streamEventFor(principal, e)) };
    });
    onClientEvent(
      socket,
      'incident:v1:acknowledge',
      'incidents:acknowledge',
      async ({ incidentId }, principal) => {
        const incident = await acknowledgeIncident(ctx.db, principal, incidentId, null);
        return incident;
      },
    );
    for (const register of options.registerHandlers ?? []) register(socket);
  });
  return io;
}
