import { z } from 'zod';
import { Uuid } from '../domain/ids';
import { Warning, WarningModel, WarningSettings, WarningStatus } from '../domain/warning';

export const WarningListQuery = z.object({
  /** Default: the open ones (active and acknowledged). */
  status: z.enum([...WarningStatus.options, 'open', 'all']).default('open'),
  model: WarningModel.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const WarningList = z.object({ warnings: z.array(Warning) });

export const WarningIdParams = z.object({ id: Uuid });

/** A person acknowledges or resolves with a note (第三十六条: who looked, and what they found). */
export const WarningNoteRequest = z.object({ note: z.string().trim().min(1).max(2000) });

export const WarningSettingsView = z.object({
  settings: WarningSettings,
  /** 0: the built-in defaults (local policy), never changed by an administrator. */
  version: z.number().int().min(0),
  changedBy: z.string().nullable(),
  changedAt: z.iso.datetime({ offset: true }).nullable(),
  defaults: WarningSettings,
});

export const WarningSettingsRequest = z.object({ settings: WarningSettings });
