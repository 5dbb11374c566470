import { z } from 'zod';

/** WGS-84 position as reported by a device; accuracy is the radius in metres. */
export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000).optional(),
});
export type GeoPoint = z.infer<typeof GeoPoint>;
