import { z } from 'zod';
import { InfringementCategory } from '../domain/category';

/**
 * What the field app (the officer's phone) sends besides alerts and assignment answers:
 * SOS follow-ups, going on and off duty, and a Web Push subscription.
 */

/** After an SOS fires, its category can be made more precise (it is raised as violent_attack). */
export const SosRefineRequest = z.object({
  category: InfringementCategory,
  injured: z.boolean().optional(),
});
export type SosRefineRequest = z.infer<typeof SosRefineRequest>;

/** A mistaken SOS, cancelled on the phone within its countdown: recorded as a false activation. */
export const SosCancelRequest = z.object({
  /** Seconds between the SOS firing and the cancel, measured on the phone (for the record). */
  afterS: z.number().min(0).max(3600).optional(),
});
export type SosCancelRequest = z.infer<typeof SosCancelRequest>;

export const DutyRequest = z.object({ onDuty: z.boolean() });
export type DutyRequest = z.infer<typeof DutyRequest>;

/** The browser's PushSubscription.toJSON(). */
export const PushSubscriptionRequest = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: z.string().min(16).max(200),
    auth: z.string().min(8).max(100),
  }),
});
export type PushSubscriptionRequest = z.infer<typeof PushSubscriptionRequest>;

export const VapidPublicKey = z.object({
  /** URL-safe base64 of the uncompressed P-256 public key, for PushManager.subscribe. */
  publicKey: z.string(),
  enabled: z.boolean(),
});
export type VapidPublicKey = z.infer<typeof VapidPublicKey>;

/** What a Web Push to a field phone carries; no names or addresses (it passes through outside services). */
export const FieldPushPayload = z.object({
  type: z.literal('assignment'),
  assignmentId: z.uuid(),
  incidentId: z.uuid(),
  reference: z.string(),
});
export type FieldPushPayload = z.infer<typeof FieldPushPayload>;
