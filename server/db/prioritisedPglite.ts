import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { isBackground } from './queryPriority';

/**
 * Local policy: the longest background work waits for the connection while requests keep
 * coming, so a steady flow of requests cannot starve the linkage workers.
 */
export const BACKGROUND_MAX_WAIT_MS = 250;

interface Waiter {
  since: number;
  grant: () => void;
}

/**
 * PGlite has one connection, and its dialect hands it out first come, first served: an alert's
 * transaction queued behind every linkage job, delivery and history write that asked first. Here
 * the connection goes to whoever waits in the foreground (requests) before background work
 * (queryPriority.ts), unless the oldest background waiter has waited `BACKGROUND_MAX_WAIT_MS`.
 * A background transaction that holds the connection keeps it to the end: a request waits for at
 * most one of those.
 */
export class PrioritisedPgliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    return new PrioritisedDriver(super.createDriver());
  }
}

class PrioritisedDriver implements Driver {
  private busy = false;
  private readonly foreground: Waiter[] = [];
  private readonly background: Waiter[] = [];

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) {
      const lane = isBackground() ? this.background : this.foreground;
      await new Promise<void>((grant) => lane.push({ since: Date.now(), grant }));
    }
    this.busy = true;
    try {
      // Free by now: this gate lets one caller through at a time, so the inner queue stays empty.
      return await this.inner.acquireConnection();
    } catch (err) {
      this.handOn();
      throw err;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.handOn();
    }
  }

  private handOn(): void {
    const next = this.next();
    if (next) next.grant();
    else this.busy = false;
  }

  private next(): Waiter | undefined {
    const oldestBackground = this.background[0];
    if (oldestBackground && Date.now() - oldestBackground.since >= BACKGROUND_MAX_WAIT_MS)
      return this.background.shift();
    return this.foreground.shift() ?? this.background.shift();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
