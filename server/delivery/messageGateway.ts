import type { Config } from '../config/env';
import { logger } from '../observability/logger';

export interface OutgoingMessage {
  /** An SMS number or IM account; a placeholder like duty:traffic when none is configured. */
  to: string;
  text: string;
  taskId: string;
  event: string;
}

/**
 * An SMS/IM provider. A real one (the bureau's SMS platform, an intranet IM) implements send;
 * a throw is a failed attempt and the delivery job retries it.
 */
export interface MessageGateway {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/** Writes each message to the log: for development, drills, and until a provider is wired. */
export class LoggingGateway implements MessageGateway {
  readonly name = 'log';
  async send(message: OutgoingMessage): Promise<void> {
    logger.info({ gateway: this.name, ...message }, 'message gateway send');
  }
}

const gateways = new Map<Config['MESSAGE_GATEWAY'], MessageGateway>();

export function messageGateway(config: Pick<Config, 'MESSAGE_GATEWAY'>): MessageGateway {
  let gateway = gateways.get(config.MESSAGE_GATEWAY);
  if (!gateway) {
    gateway = new LoggingGateway();
    gateways.set(config.MESSAGE_GATEWAY, gateway);
  }
  return gateway;
}
