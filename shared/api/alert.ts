import { z } from 'zod';
import { ApplicationCategory, InfringementCategory, isApplicationCategory } from '../domain/category';
import { GeoPoint } from '../domain/geo';
import { IsoDateTime } from '../domain/ids';
import { AlertSource, InvolvedOfficer } from '../domain/incident';

/** What an emergency button, the 110 system, a camera or a person sends to raise an alert. */
export const CreateAlertRequest = z
  .object({
    category: InfringementCategory,
    position: GeoPoint.optional(),
    address: z.string().trim().min(1).max(300).optional(),
    occurredAt: IsoDateTime.optional(),
    source: AlertSource,
    officers: z.array(InvolvedOfficer).max(50).default([]),
    injured: z.boolean().default(false),
    vehicleInvolved: z.boolean().default(false),
    onRoad: z.boolean().default(false),
    ongoing: z.boolean().default(true),
    contentUrls: z
      .array(z.url({ protocol: /^https?$/ }).max(2048))
      .max(20)
      .default([]),
    description: z.string().max(4000).default(''),
  })
  .refine((a) => a.position !== undefined || a.address !== undefined, {
    message: 'give a position, an address, or both',
    path: ['position'],
  })
  .refine((a) => !isApplicationCategory(a.category), {
    message:
      'not an alarm: a disciplinary dispute, malicious complaint or smear is an application to 维权办 (POST /api/v1/applications)',
    path: ['category'],
  })
  .refine((a) => a.source !== 'application', {
    message: 'applications are filed at POST /api/v1/applications, not raised as alerts',
    path: ['source'],
  });
export type CreateAlertRequest = z.input<typeof CreateAlertRequest>;
export type CreateAlert = z.output<typeof CreateAlertRequest>;

/**
 * A rights-protection application (第十二条): an officer, a relative or the officer's unit asks
 * 维权办 to act on a matter that is not an emergency at a scene. It goes to 维权办's queue as a
 * task and never to the dispatch consoles.
 */
export const CreateApplicationRequest = z
  .object({
    category: ApplicationCategory,
    description: z.string().trim().min(10).max(4000),
    officers: z.array(InvolvedOfficer).max(50).default([]),
    contentUrls: z
      .array(z.url({ protocol: /^https?$/ }).max(2048))
      .max(20)
      .default([]),
    occurredAt: IsoDateTime.optional(),
  })
  .strict();
export type CreateApplicationRequest = z.input<typeof CreateApplicationRequest>;
