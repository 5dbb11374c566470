import { routes } from '@shared/api/routes';
import { Snapshot } from '@shared/api/snapshot';
import { isTaskStepBack, type TaskStatus } from '@shared/domain/task';
import { createAlarmReporter } from '@shared/events/alarmReporter';
import { ResumeResponse } from '@shared/events/socketEvents';
import type { StreamEvent } from '@shared/events/streamEvent';
import { io as connect, type Socket } from 'socket.io-client';
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
    socket.on('stream:v1:event', (event: StreamEvent) => {
      if (this.held) this.held.push(event);
      else this.apply(event);
    });
    // Confirms alarms as the console does, so the fault runs carry the same receipt traffic.
    const alarms = createAlarmReporter((report) => socket.emit('console:v1:applied', report));
    socket.on('alarm:v1:distress', (alarm: { seq: number }) => alarms.sounded(alarm.seq));
    socket.on('connect', () => void this.resume());
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
