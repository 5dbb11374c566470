import type { ClientToServerEvents, ServerToClientEvents } from '@shared/events/socketEvents';
import type { Server, Socket } from 'socket.io';
import type { Principal } from '../auth/principal';

export interface SocketData {
  principal: Principal;
  rooms: string[];
}

export type ShieldlineServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type ShieldlineSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
