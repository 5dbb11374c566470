import { z } from 'zod';
import { JurisdictionMatch, OrgUnit, OrgUnitId, OrgUnitInput } from '../../domain/organisation';
import { defineContract } from '../contract';

export const OrgUnitList = z.object({ units: z.array(OrgUnit) });
export const JurisdictionQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});
export const MembershipRequest = z.object({ orgUnitId: OrgUnitId.nullable() }).strict();

/** The bureau as data: its organisation tree and jurisdiction areas (issue #11). */
export const organisationRoutes = {
  list: defineContract({
    method: 'get',
    path: '/api/v1/organisation',
    summary: 'The organisation tree: departments, 大队, 中队 and 派出所 with their jurisdiction areas.',
    tags: ['organisation'],
    permission: 'stream:read',
    response: OrgUnitList,
  }),
  saveUnit: defineContract({
    method: 'put',
    path: '/api/v1/organisation/units/:id',
    summary:
      'Create or replace one unit of the tree (admin): name, parent, kind, department, seat, jurisdiction polygon.',
    tags: ['organisation'],
    permission: 'users:manage',
    params: z.object({ id: OrgUnitId }),
    body: OrgUnitInput,
    response: OrgUnit,
  }),
  jurisdiction: defineContract({
    method: 'get',
    path: '/api/v1/organisation/jurisdiction',
    summary:
      'The 派出所 with jurisdiction over a point: the one whose drawn area holds it, else the nearest station.',
    tags: ['organisation'],
    permission: 'stream:read',
    query: JurisdictionQuery,
    response: JurisdictionMatch.nullable(),
  }),
  setMembership: defineContract({
    method: 'put',
    path: '/api/v1/users/:id/org-unit',
    summary:
      'Put a user (an officer) in a unit of the tree (admin); protective measures go to the officer’s own unit.',
    tags: ['organisation'],
    permission: 'users:manage',
    params: z.object({ id: z.uuid() }),
    body: MembershipRequest,
  }),
};
