import { type AlarmReporter, createAlarmReporter } from '@shared/events/alarmReporter';
import { onDistressAlarm } from '@shared/events/distressAlarm';
import { onStreamEvent } from '@shared/events/onStreamEvent';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/events/socketEvents';
import type { StreamEvent } from '@shared/events/streamEvent';
import { io, type Socket } from 'socket.io-client';
import type { ShieldlineApi } from './apiClient';

export interface FeedHandlers {
  onEvent(event: StreamEvent): void;
  /** After every connection; `recovered` when socket.io replayed what was missed itself. */
  onConnected(recovered: boolean): void;
  onDisconnected(reason: string): void;
}

export interface Feed {
  close(): void;
}

const RETRY_MS = 3000;

/**
 * The dispatcher console's socket, as the simulator's eyes: assignments and incidents as they
 * happen. socket.io reconnects by itself after a network drop or a server restart; a
 * handshake refused for an expired session logs in again and retries.
 */
export function openFeed(api: ShieldlineApi, handlers: FeedHandlers): Feed {
  let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let alarms: AlarmReporter | null = null;

  const later = (fn: () => void) => {
    clearTimeout(retry);
    retry = setTimeout(fn, RETRY_MS);
  };

  async function open(): Promise<void> {
    const cookie = await api.sessionCookie();
    if (closed) return;
    if (!cookie) {
      later(() => void open());
      return;
    }
    if (socket) {
      // Refused by the server's middleware: socket.io does not retry that by itself.
      socket.io.opts.extraHeaders = { cookie };
      socket.connect();
      return;
    }
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = io(api.baseUrl, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    socket = s;
    const reporter = createAlarmReporter((report) => s.emit('console:v1:applied', report));
    alarms = reporter;
    s.on('connect', () => handlers.onConnected(s.recovered));
    s.on('disconnect', (reason) => handlers.onDisconnected(reason));
    s.on('connect_error', () => {
      if (s.active || closed) return; // a network error: socket.io is already retrying
      api.forgetSession();
      later(() => void open());
    });
    onStreamEvent(s, (event) => handlers.onEvent(event));
    // Confirm alarms like a console does, so this connection is not shown as lagging.
    onDistressAlarm(s, (alarm) => reporter.sounded(alarm.seq));
  }

  void open();
  return {
    close() {
      closed = true;
      clearTimeout(retry);
      alarms?.stop();
      socket?.close();
    },
  };
}
