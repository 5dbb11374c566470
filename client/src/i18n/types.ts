import type { CLOSE_OUTCOMES } from '@shared/api/dispatch';
import type { AssignmentStatus } from '@shared/domain/assignment';
import type { InfringementCategory } from '@shared/domain/category';
import type { DepartmentId } from '@shared/domain/department';
import type { AlertSource, UnackedStep } from '@shared/domain/incident';
import type { IncidentStatus } from '@shared/domain/incidentStatus';
import type { Role } from '@shared/domain/role';
import type { TaskEscalationStep, TaskKind, TaskStatus } from '@shared/domain/task';
import type {
  LinkageReason,
  SystemComponent,
  TimelineDetailKey,
  TimelineKind,
} from '@shared/domain/timeline';
import type { UnitKind, UnitStatus } from '@shared/domain/unit';
import type { ConnectionState } from '../console/consoleState';

/**
 * Every label the domain needs, keyed by the shared enums: a category, status or kind added in
 * shared/ without a label here fails the typecheck in both languages.
 */
export interface DomainLabels {
  category: Record<InfringementCategory, string>;
  categoryShort: Record<InfringementCategory, string>;
  categoryGlyph: Record<InfringementCategory, string>;
  department: Record<DepartmentId, string>;
  incidentStatus: Record<IncidentStatus, string>;
  unitStatus: Record<UnitStatus, string>;
  unitKind: Record<UnitKind, string>;
  taskKind: Record<TaskKind, string>;
  taskStatus: Record<TaskStatus, string>;
  assignmentStatus: Record<AssignmentStatus, string>;
  source: Record<AlertSource, string>;
  unackedStep: Record<UnackedStep, string>;
  timelineKind: Record<TimelineKind, string>;
  timelineDetail: Record<TimelineDetailKey, string>;
  linkageReason: Record<LinkageReason, string>;
  systemComponent: Record<SystemComponent, string>;
  taskEscalationStep: Record<TaskEscalationStep, string>;
  role: Record<Role, string>;
  outcome: Record<(typeof CLOSE_OUTCOMES)[number], string>;
  connection: Record<ConnectionState, string>;
  priority: Record<'1' | '2' | '3' | '4', string>;
}

/** The same tree with every leaf widened to string: the English file must have exactly these keys. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
