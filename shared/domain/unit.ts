import { z } from 'zod';
import { DepartmentId } from './department';
import { GeoPoint } from './geo';
import { IsoDateTime, Uuid } from './ids';

export const UNIT_KINDS = [
  'patrol_car',
  'motorcycle',
  'foot_patrol',
  'traffic',
  'swat',
  'investigation',
] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

export const UNIT_STATUSES = ['available', 'assigned', 'en_route', 'on_scene', 'out_of_service'] as const;
export const UnitStatus = z.enum(UNIT_STATUSES);
export type UnitStatus = z.infer<typeof UnitStatus>;

export const CallSign = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and - only');

export const UnitPosition = GeoPoint.extend({ at: IsoDateTime });
export type UnitPosition = z.infer<typeof UnitPosition>;

export const Unit = z.object({
  id: Uuid,
  callSign: CallSign,
  departmentId: DepartmentId,
  kind: UnitKind,
  status: UnitStatus,
  position: UnitPosition.nullable(),
});
export type Unit = z.infer<typeof Unit>;
