import { z } from 'zod';
import { DepartmentId } from './department';

/** bureau (区局), department (室/大队 of the 机关), brigade (大队), squadron (中队), station (派出所). */
export const ORG_UNIT_KINDS = ['bureau', 'department', 'brigade', 'squadron', 'station'] as const;
export const OrgUnitKind = z.enum(ORG_UNIT_KINDS);
export type OrgUnitKind = z.infer<typeof OrgUnitKind>;

export const OrgUnitId = z.string().regex(/^[a-z0-9_-]{2,60}$/, 'lower-case letters, digits, _ and - only');

/** A jurisdiction area as a ring of [lng, lat], open or closed. */
export const JurisdictionArea = z
  .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
  .min(3)
  .max(2000);
export type JurisdictionArea = z.infer<typeof JurisdictionArea>;

export const OrgUnitInput = z
  .object({
    id: OrgUnitId,
    parentId: OrgUnitId.nullable(),
    name: z.string().trim().min(1).max(100),
    kind: OrgUnitKind,
    /** The linkage department whose inbox carries the unit's tasks (stations: local_station). */
    departmentId: DepartmentId.nullable(),
    /** Where the unit sits (a station's seat): the nearest station takes a scene no drawn area covers. */
    position: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).nullable(),
    area: JurisdictionArea.nullable().default(null),
    /** The area was drawn roughly (demo data), not taken from the bureau's official boundaries. */
    areaApproximate: z.boolean().default(false),
    township: z.string().trim().max(50).nullable().default(null),
    sort: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type OrgUnitInput = z.input<typeof OrgUnitInput>;

export const OrgUnit = z.object({
  id: OrgUnitId,
  parentId: OrgUnitId.nullable(),
  name: z.string(),
  kind: OrgUnitKind,
  departmentId: DepartmentId.nullable(),
  position: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  area: JurisdictionArea.nullable(),
  areaApproximate: z.boolean(),
  township: z.string().nullable(),
  sort: z.number().int(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

/** Why a scene went to a station: inside its drawn area, or the nearest station when none covers it. */
export const JurisdictionMatch = z.object({
  unit: OrgUnit,
  by: z.enum(['area', 'nearest']),
  distanceM: z.number().optional(),
});
export type JurisdictionMatch = z.infer<typeof JurisdictionMatch>;
