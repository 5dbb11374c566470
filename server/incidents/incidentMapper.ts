import { Incident } from '@shared/domain/incident';
import type { Selectable } from 'kysely';
import type { IncidentsTable } from '../db/schema';

export type IncidentRow = Selectable<IncidentsTable>;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const isoRequired = (d: Date | string): string => new Date(d).toISOString();

export function toIncident(row: IncidentRow): Incident {
  return Incident.parse({
    id: row.id,
    reference: row.reference,
    category: row.category,
    status: row.status,
    priority: row.priority,
    source: row.source,
    position:
      row.lat === null || row.lng === null
        ? null
        : { lat: row.lat, lng: row.lng, ...(row.accuracy_m === null ? {} : { accuracyM: row.accuracy_m }) },
    address: row.address,
    occurredAt: isoRequired(row.occurred_at),
    officers: row.officers,
    injured: row.injured,
    vehicleInvolved: row.vehicle_involved,
    onRoad: row.on_road,
    ongoing: row.ongoing,
    mediaAttention: row.media_attention,
    contentUrls: row.content_urls,
    description: row.description,
    raisedByUserId: row.raised_by_user_id,
    raisedByUnitId: row.raised_by_unit_id,
    acknowledgedByUserId: row.acknowledged_by_user_id,
    intervals: {
      raisedAt: isoRequired(row.raised_at),
      acknowledgedAt: iso(row.acknowledged_at),
      firstEnRouteAt: iso(row.first_en_route_at),
      firstOnSceneAt: iso(row.first_on_scene_at),
      controlledAt: iso(row.controlled_at),
    },
    unackedStep: row.unacked_step,
    pagedUnitIds: row.paged_unit_ids,
    checkInDueAt: iso(row.checkin_due_at),
    updatedAt: isoRequired(row.updated_at),
    version: row.version,
  });
}
