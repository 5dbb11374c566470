import { z } from 'zod';
import { InfringementCategory } from '../domain/category';
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
  });
export type CreateAlertRequest = z.input<typeof CreateAlertRequest>;
export type CreateAlert = z.output<typeof CreateAlertRequest>;
