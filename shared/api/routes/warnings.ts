import { Warning } from '../../domain/warning';
import { defineContract } from '../contract';
import {
  WarningIdParams,
  WarningList,
  WarningListQuery,
  WarningNoteRequest,
  WarningSettingsRequest,
  WarningSettingsView,
} from '../warnings';

const tags = ['warnings'] as const;

export const warningRoutes = {
  list: defineContract({
    method: 'get',
    path: '/api/v1/warnings',
    summary:
      'Early warnings (第三十五条, 第三十六条): by default the open ones, each with its model, evidence and the records it points to. Supervisors, 维权办 and admins.',
    tags,
    permission: 'warnings:read',
    query: WarningListQuery,
    response: WarningList,
  }),
  acknowledge: defineContract({
    method: 'post',
    path: '/api/v1/warnings/:id/acknowledge',
    summary: 'A person takes up an active warning, with a note (audited).',
    tags,
    permission: 'warnings:handle',
    params: WarningIdParams,
    body: WarningNoteRequest,
    response: Warning,
  }),
  resolve: defineContract({
    method: 'post',
    path: '/api/v1/warnings/:id/resolve',
    summary:
      'A person resolves an open warning with a note (audited); the same subject fires again only on new facts.',
    tags,
    permission: 'warnings:handle',
    params: WarningIdParams,
    body: WarningNoteRequest,
    response: Warning,
  }),
  settings: defineContract({
    method: 'get',
    path: '/api/v1/warnings/settings',
    summary: 'The warning thresholds in force (local policy) and the defaults.',
    tags,
    permission: 'warnings:read',
    response: WarningSettingsView,
  }),
  updateSettings: defineContract({
    method: 'put',
    path: '/api/v1/warnings/settings',
    summary: 'An administrator changes the warning thresholds (a new version, audited); evaluation follows.',
    tags,
    permission: 'warnings:configure',
    body: WarningSettingsRequest,
    response: WarningSettingsView,
  }),
};
