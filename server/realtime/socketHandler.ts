import type { Ack, AckCallback } from '@shared/events/envelope';
import { CLIENT_EVENT_SCHEMAS, type ClientToServerEvents } from '@shared/events/socketEvents';
import type { z } from 'zod';
import { assertCan, type Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { errors, toErrorBody } from '../http/errors';
import { logger } from '../observability/logger';
import type { ShieldlineSocket } from './socketTypes';

type EventName = keyof ClientToServerEvents;
type Payload<E extends EventName> = z.output<(typeof CLIENT_EVENT_SCHEMAS)[E]>;
type Result<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends
  | AckCallback<infer T>
  | undefined
  ? T
  : never;

/**
 * The socket twin of defineRoute: every client event is checked against a permission and its
 * zod schema, and answered through the ack with `{data}` or the same error body HTTP uses.
 * A handler that throws never takes the connection down.
 */
export function onClientEvent<E extends EventName>(
  socket: ShieldlineSocket,
  event: E,
  permission: Permission,
  handler: (payload: Payload<E>, principal: Principal) => Promise<Result<E>>,
  /** A check of who is asking that a permission cannot express; runs before the payload is read. */
  admit?: (principal: Principal) => void,
): void {
  const schema = CLIENT_EVENT_SCHEMAS[event];
  const listener = async (raw: unknown, ack?: unknown) => {
    const reply = (response: Ack<Result<E>>) => {
      if (typeof ack === 'function') ack(response);
    };
    try {
      assertCan(socket.data.principal, permission);
      admit?.(socket.data.principal);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw errors.validation(parsed.error);
      const data = await handler(parsed.data as Payload<E>, socket.data.principal);
      reply({ data });
    } catch (err) {
      const { body, reportable } = toErrorBody(err);
      if (reportable) logger.error({ err, event }, 'socket event failed');
      reply(body);
    }
  };
  // socket.io's typed `on` cannot express a listener generic over the event name.
  (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(
    event,
    (raw: unknown, ack?: unknown) => void listener(raw, ack),
  );
}
