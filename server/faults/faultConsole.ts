import { routes } from '@shared/api/routes';
import { Snapshot } from '@shared/api/snapshot';
import { isTaskStepBack, type TaskStatus } from '@shared/domain/task';
import { createAlarmReporter } from '@shared/events/alarmReporter';
import { onDistressAlarm } from '@shared/events/distressAlarm';
import { onStreamEvent } from '@shared/events/onStreamEvent';
import { ResumeResponse, SystemStatus } from '@shared/events/socketEvents';
import type { StreamEvent } from '@shared/events/streamEvent';
import { io as connect, type Socket } from 'socket.io-client';
import { deliveryBroken, staleAfterMs } from '../../client/src/console/deliveryWatchdog';
import { CATCH_UP_PAGES, type CatchUp, catchUpDue, catchUpStart } from '../../client/src/realtime/catchUp';
import {
  advanceCursor,
  cursorAt,
  isFresh,
  resumeSeq,
  type StreamCursor,
} from '../../client/src/realtime/streamCursor';

/**
 * A dispatcher's console as the fault suite sees it: snapshot, then live events applied by the
 * real console's rule (the client's stream cursor: newer than the version held of the same
 * record), and on every (re)connect a resume from where the stream stood a reorder window ago.
 * It records what the invariants need: which incidents it holds and at which version, and any
 * sequence delivered twice with different content.
 */
export class FaultConsole {
  readonly incidents = new Set<string>();
  /** The version of each incident held, which must end equal to the database's. */
  readonly versions = new Map<string, number>();
  private cursor: StreamCursor = cursorAt(0);
  private readonly eventIdBySeq = new Map<number, number>();
  /** Live events held while a resume or snapshot is in flight, as the console holds them. */
  private held: StreamEvent[] | null = null;
  /**
   * Events skipped because a newer version of their record was applied first (they overtook
   * each other between web processes); harmless, since each event carries the whole record.
   */
  superseded = 0;
  /** The status of each linkage task held, and every step back seen (there must be none). */
  private readonly taskStatus = new Map<string, TaskStatus>();
  readonly taskStepsBack: string[] = [];

  get tasksSeen(): number {
    return this.taskStatus.size;
  }
  conflicting = 0;
  redelivered = 0;
  private socket: Socket | null = null;
  /**
   * The console's delivery watchdog: told that delivery is broken (Redis or the database down, a
   * backlog), or hearing nothing for three heartbeats, it counts its picture as stale and resumes
   * once delivery works again, as the real console does (console/deliveryWatchdog.ts).
   */
  private stale = false;
  private lastHeardAt = Date.now();
  private system: SystemStatus | null = null;
  private watchdogTimer: ReturnType<typeof setInterval> | null = null;
  /** Resumes the watchdog asked for. */
  recoveries = 0;
  /** The console's periodic catch-up (realtime/catchUp.ts), and the events it found missing. */
  private catchUp: CatchUp = catchUpStart();
  private catchingUp = false;
  caughtUp = 0;

  constructor(
    readonly name: string,
    private readonly baseUrl: () => string,
    private readonly cookie: string,
  ) {}

  async start(): Promise<void> {
    this.held = [];
    await this.loadSnapshot();
    const socket = connect(this.baseUrl(), {
      transports: ['websocket'],
      extraHeaders: { cookie: this.cookie },
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    });
    this.socket = socket;
    onStreamEvent(socket, (event: StreamEvent) => {
      if (this.held) this.held.push(event);
      else this.apply(event);
    });
    // Confirms alarms as the console does, so the fault runs carry the same receipt traffic.
    const alarms = createAlarmReporter((report) => socket.emit('console:v1:applied', report));
    onDistressAlarm(socket, (alarm) => alarms.sounded(alarm.seq));
    socket.on('connect', () => {
      this.catchUp = catchUpStart();
      void this.resume();
    });
    socket.onAny(() => {
      this.lastHeardAt = Date.now();
    });
    socket.on('system:v1:status', (raw: unknown) => {
      const parsed = SystemStatus.safeParse(raw);
      if (parsed.success) this.system = parsed.data;
      this.checkDelivery();
    });
    this.watchdogTimer = setInterval(() => this.checkDelivery(), 1000);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }

  /** Cuts the transport as a network failure would; socket.io reconnects on its own. */
  dropConnection(): void {
    this.socket?.io.engine?.close();
  }

  describe(): string {
    return `last seq ${this.cursor.lastSeq}, snapshot seq ${this.cursor.baseSeq}, holding ${this.held?.length ?? 'nothing'}, superseded ${this.superseded}`;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  stop(): void {
    if (this.watchdogTimer) clearInterval(this.watchdogTimer);
    this.socket?.disconnect();
  }

  private apply(event: StreamEvent): void {
    const known = this.eventIdBySeq.get(event.seq);
    if (known !== undefined) {
      if (known !== event.eventId) this.conflicting += 1;
      this.redelivered += 1;
      return;
    }
    if (!isFresh(this.cursor, event)) {
      if (event.seq > this.cursor.baseSeq) this.superseded += 1;
      return;
    }
    this.eventIdBySeq.set(event.seq, event.eventId);
    this.cursor = advanceCursor(this.cursor, [event], Date.now());
    if (event.topic === 'incident') {
      this.incidents.add(event.data.id);
      this.versions.set(event.data.id, event.data.version);
    }
    if (event.topic === 'task') this.seeTask(event.data.id, event.data.status, event.seq);
  }

  private checkDelivery(): void {
    const silent = Date.now() - this.lastHeardAt > staleAfterMs(this.system);
    if (deliveryBroken(this.system) || silent) {
      this.stale = true;
      return;
    }
    if (this.stale && this.socket?.connected) {
      this.stale = false;
      this.recoveries += 1;
      void this.resume();
      return;
    }
    void this.catchUpNow();
  }

  private async catchUpNow(): Promise<void> {
    const socket = this.socket;
    if (this.catchingUp || this.held || !socket?.connected) return;
    const due = catchUpDue(this.catchUp, this.cursor, Date.now());
    if (!due.ask) {
      this.catchUp = due.catchUp;
      return;
    }
    this.catchingUp = true;
    try {
      // Paged as the console pages; too much for that and it reloads its snapshot.
      let from = due.from;
      for (let page = 0; ; page++) {
        if (page === CATCH_UP_PAGES) {
          this.catchUp = catchUpStart();
          this.held ??= [];
          await this.loadSnapshot();
          this.release();
          return;
        }
        const answer: unknown = await socket
          .timeout(10_000)
          .emitWithAck('sync:v1:resume', { sinceSeq: from });
        const parsed = ResumeResponse.safeParse((answer as { data?: unknown }).data);
        if (!parsed.success) return;
        for (const event of [...parsed.data.events].sort((a, b) => a.seq - b.seq)) {
          if (!this.eventIdBySeq.has(event.seq) && isFresh(this.cursor, event)) this.caughtUp += 1;
          this.apply(event);
        }
        if (parsed.data.complete) break;
        from = parsed.data.headSeq;
      }
      this.catchUp = { from: due.next, at: Date.now() };
    } catch {
      // Asked again at the next tick.
    } finally {
      this.catchingUp = false;
    }
  }

  private seeTask(id: string, status: TaskStatus, seq: number): void {
    const before = this.taskStatus.get(id);
    if (before && isTaskStepBack(before, status))
      this.taskStepsBack.push(`${id}: ${before} → ${status} at seq ${seq}`);
    this.taskStatus.set(id, status);
  }

  private async resume(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.held ??= [];
    try {
      const answer: unknown = await socket
        .timeout(10_000)
        .emitWithAck('sync:v1:resume', { sinceSeq: resumeSeq(this.cursor, Date.now()) });
      const parsed = ResumeResponse.safeParse((answer as { data?: unknown }).data);
      if (!parsed.success || !parsed.data.complete) await this.loadSnapshot();
      else for (const event of [...parsed.data.events].sort((a, b) => a.seq - b.seq)) this.apply(event);
    } catch {
      // The server went away again mid-resume; the next connect resumes once more.
    } finally {
      this.release();
    }
  }

  private release(): void {
    const held = (this.held ?? []).sort((a, b) => a.seq - b.seq);
    this.held = null;
    for (const event of held) this.apply(event);
  }

  private async loadSnapshot(): Promise<void> {
    try {
      const res = await fetch(`${this.baseUrl()}${routes.console.snapshot.path}`, {
        headers: { cookie: this.cookie },
      });
      if (!res.ok) return;
      const snapshot = Snapshot.parse(await res.json());
      for (const incident of snapshot.incidents) {
        this.incidents.add(incident.id);
        this.versions.set(incident.id, incident.version);
      }
      for (const task of snapshot.tasks) this.seeTask(task.id, task.status, snapshot.headSeq);
      this.cursor = cursorAt(Math.max(this.cursor.baseSeq, snapshot.headSeq));
    } catch {
      // Retried by the next resume.
    }
  }
}
