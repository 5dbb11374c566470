import type { Migration } from 'kysely';
import * as m001 from './001_foundation';
import * as m002 from './002_incidents';
import * as m003 from './003_unit_positions';
import * as m004 from './004_linkage';
import * as m005 from './005_field';
import * as m010 from './010_positions';

/** Migrations in the order they apply; names never change once released. */
export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_incidents': m002,
  '003_unit_positions': m003,
  '004_linkage': m004,
  '005_field': m005,
  '010_positions': m010,
};
