import type { WarningEvidence, WarningModel, WarningRef, WarningSettings } from '@shared/domain/warning';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** What a model found true right now about one subject. */
export interface Finding {
  model: WarningModel;
  subject: string;
  /** The facts of this firing; a person's resolution holds until they change. */
  fingerprint: string;
  evidence: WarningEvidence;
  refs: WarningRef[];
}

export interface ModelInput {
  db: Kysely<DB>;
  settings: WarningSettings;
  now: Date;
}

/** One model: everything it finds true now (it is asked again and again, so it must be cheap and pure). */
export type WarningModelFn = (input: ModelInput) => Promise<Finding[]>;

export function since(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

export const iso = (d: Date | string) => new Date(d).toISOString();
