import { z } from 'zod';
import { OutboxHealth } from '../api/deliveryHealth';
import { AssignmentResponse } from '../api/dispatch';
import type { Assignment } from '../domain/assignment';
import { GeoPoint } from '../domain/geo';
import { IsoDateTime, Uuid } from '../domain/ids';
import type { Incident } from '../domain/incident';
import { Warning } from '../domain/warning';
import type { AckCallback } from './envelope';
import { StreamEvent } from './streamEvent';

/** Names carry a version so that clients and servers can be upgraded one at a time. */

export const ResumeRequest = z.object({ sinceSeq: z.number().int().min(0) });
export type ResumeRequest = z.infer<typeof ResumeRequest>;

export const ResumeResponse = z.object({
  events: z.array(StreamEvent),
  /** false when the gap was too long to replay: the client must reload its snapshot. */
  complete: z.boolean(),
  headSeq: z.number().int().min(0),
});
export type ResumeResponse = z.infer<typeof ResumeResponse>;

/** Several stream events in one packet, in seq order (server/outbox/streamBatches.ts says which). */
export const StreamBatch = z.object({ events: z.array(StreamEvent).min(1) });
export type StreamBatch = z.infer<typeof StreamBatch>;

export const IncidentRef = z.object({ incidentId: Uuid });
export type IncidentRef = z.infer<typeof IncidentRef>;

export const PositionReport = GeoPoint.extend({ at: IsoDateTime.optional() });
export type PositionReport = z.infer<typeof PositionReport>;

export const PositionBatch = z.object({
  positions: z.array(
    z.object({
      unitId: Uuid,
      lat: z.number(),
      lng: z.number(),
      accuracyM: z.number().optional(),
      at: IsoDateTime,
    }),
  ),
  /**
   * The sending process's number for this batch. A console confirms the last one it applied
   * (`console:v1:positions`); one that has not confirmed the last few is sent no more until it
   * does (server/units/positionFlow.ts), so positions never pile up ahead of an alert.
   */
  n: z.number().int().positive().optional(),
});
export type PositionBatch = z.infer<typeof PositionBatch>;

/** A console confirms the position batches it applied at most this often. */
export const POSITIONS_CONFIRM_MS = 1000;

/** The last position batch (its `n`) a console applied. */
export const PositionsApplied = z.object({ n: z.number().int().positive() });
export type PositionsApplied = z.infer<typeof PositionsApplied>;

/** A console reports the alarms it sounded at most this often. */
export const ALARM_REPORT_MIN_MS = 250;
/** Seqs in one report; more wait for the next one. */
export const ALARM_REPORT_MAX_SEQS = 200;

/**
 * The distress alarms a console has sounded since its last report, by the alarm's `seq`: sent at
 * once when an alarm arrives but at most once per `ALARM_REPORT_MIN_MS`, so many alarms at once
 * cost one message, not a packet per alarm. The server marks a console that was sent an alarm and
 * did not name it in time as lagging. Explicit seqs rather than "applied up to": the console
 * applies stream records by their own sequences, so a higher seq does not prove a lower one.
 */
export const AlarmsSounded = z.object({
  alarmSeqs: z.array(z.number().int().positive()).min(1).max(ALARM_REPORT_MAX_SEQS),
});
export type AlarmsSounded = z.infer<typeof AlarmsSounded>;

/**
 * Whether what the console shows is still being delivered: sent by each server process to its
 * own sockets (not through Redis, which may be what is down), at least every `heartbeatMs` and at
 * once when something changes. A console that hears neither this nor events for a few heartbeats
 * knows its picture is stale.
 */
export const SystemStatus = z.object({
  at: z.iso.datetime({ offset: true }),
  redis: z.enum(['up', 'down']),
  database: z.enum(['up', 'down']),
  outbox: OutboxHealth,
  /** Age of the oldest change not yet delivered (0 when none). */
  relayLagMs: z.number().min(0),
  heartbeatMs: z.number().int().positive(),
});
export type SystemStatus = z.infer<typeof SystemStatus>;

/**
 * A warning fired, changed, or was ended (第三十五条 预警): sent to the warnings room (supervisors,
 * 维权办, admins) after the change committed. Not sequenced: a console reloads the list from
 * GET /api/v1/warnings when it (re)connects, and this only keeps it live in between.
 */
export const WarningChangeEvent = z.object({
  kind: z.enum(['fired', 'updated', 'cleared', 'acknowledged', 'resolved']),
  warning: Warning,
});
export type WarningChangeEvent = z.infer<typeof WarningChangeEvent>;

export interface ServerToClientEvents {
  /** An incident change that sounds the distress alarm carries `alarm` on the consoles' copy. */
  'stream:v1:event': (event: StreamEvent) => void;
  /** Lower-priority stream events (linkage tasks), coalesced; applied exactly as if sent one by one. */
  'stream:v1:batch': (batch: StreamBatch) => void;
  'units:v1:positions': (batch: PositionBatch) => void;
  'system:v1:status': (status: SystemStatus) => void;
  'warnings:v1:changed': (change: WarningChangeEvent) => void;
}

export interface ClientToServerEvents {
  'sync:v1:resume': (request: ResumeRequest, ack: AckCallback<ResumeResponse>) => void;
  'incident:v1:acknowledge': (request: IncidentRef, ack: AckCallback<Incident>) => void;
  'unit:v1:position': (
    report: PositionReport,
    ack?: AckCallback<{ accepted: boolean; reason?: string }>,
  ) => void;
  'assignment:v1:respond': (request: AssignmentResponse, ack: AckCallback<Assignment>) => void;
  /** Sent without an ack (that would be the round trip this replaces); a probe may ask for one. */
  'console:v1:applied': (report: AlarmsSounded, ack?: AckCallback<{ confirmed: number }>) => void;
  /** Sent without an ack, at most every POSITIONS_CONFIRM_MS; a probe may ask for one. */
  'console:v1:positions': (report: PositionsApplied, ack?: AckCallback<{ n: number }>) => void;
}

/** Every client-to-server event with the schema its payload must pass. */
export const CLIENT_EVENT_SCHEMAS = {
  'sync:v1:resume': ResumeRequest,
  'incident:v1:acknowledge': IncidentRef,
  'unit:v1:position': PositionReport,
  'assignment:v1:respond': AssignmentResponse,
  'console:v1:applied': AlarmsSounded,
  'console:v1:positions': PositionsApplied,
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;
