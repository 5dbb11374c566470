import { EvidenceList } from '@shared/api/evidence';
import { TimelineEntry } from '@shared/api/snapshot';
import { TaskList, WatchAddresses } from '@shared/api/task';
import { Incident } from '@shared/domain/incident';
import { DepartmentTask } from '@shared/domain/task';
import { z } from 'zod';
import { request } from '../api/http';

/** The routes a department's inbox uses (server/tasks, server/evidence, server/incidents). */

const taskPath = (id: string, action = '') =>
  `/api/v1/tasks/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
const incidentPath = (id: string, action = '') =>
  `/api/v1/incidents/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export const departmentApi = {
  /** My department's tasks, newest first (the server decides which department). */
  tasks: (limit = 200) => request('GET', `/api/v1/tasks?limit=${limit}`, TaskList),
  task: (id: string) => request('GET', taskPath(id), DepartmentTask),
  acknowledge: (id: string) => request('POST', taskPath(id, 'acknowledge'), DepartmentTask),
  progress: (id: string, note: string) =>
    request('POST', taskPath(id, 'progress'), DepartmentTask, { body: { note } }),
  done: (id: string, note?: string) =>
    request('POST', taskPath(id, 'done'), DepartmentTask, { body: note ? { note } : {} }),
  watchAddresses: (id: string) => request('GET', taskPath(id, 'watch-addresses'), WatchAddresses),
  incident: (id: string) => request('GET', incidentPath(id), Incident),
  timeline: (id: string) =>
    request('GET', incidentPath(id, 'timeline'), z.object({ entries: z.array(TimelineEntry) })),
  evidence: (incidentId: string) => request('GET', incidentPath(incidentId, 'evidence'), EvidenceList),
  evidenceBodyUrl: (captureId: string) => `/api/v1/evidence/${encodeURIComponent(captureId)}/body`,
};
