import type { DepartmentId } from '@shared/domain/department';
import type { Incident } from '@shared/domain/incident';
import type { StreamEvent } from '@shared/events/streamEvent';
import type { Principal } from '../auth/principal';

/**
 * What a department sees of an incident, on every channel (snapshot, incident route, live
 * events, resync) exactly as its webhook carries it: where, when, what kind and how serious,
 * but not the involved officers, the free-text description, nor — except for 网安, whose task
 * they are — the URLs of the offending content. The officers' details reach a department only
 * through its task's restricted details, which are audited.
 */
export function minimiseForDepartment(incident: Incident, departmentId: string): Incident {
  return {
    ...incident,
    officers: [],
    description: '',
    contentUrls: departmentId === ('cyber' satisfies DepartmentId) ? incident.contentUrls : [],
  };
}

/** The department whose view of incidents a principal gets, or null for a full view. */
export function minimisedDepartmentOf(principal: Principal): string | null {
  if (principal.kind !== 'user') return null;
  const { user } = principal;
  return user.role === 'department_staff' && user.departmentId ? user.departmentId : null;
}

export function incidentFor(principal: Principal, incident: Incident): Incident {
  const departmentId = minimisedDepartmentOf(principal);
  return departmentId ? minimiseForDepartment(incident, departmentId) : incident;
}

export function streamEventFor(principal: Principal, event: StreamEvent): StreamEvent {
  const departmentId = minimisedDepartmentOf(principal);
  if (!departmentId || event.topic !== 'incident') return event;
  return { ...event, data: minimiseForDepartment(event.data, departmentId) };
}
