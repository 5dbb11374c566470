import type { Migration } from 'kysely';
import * as m001 from './001_foundation';
import * as m002 from './002_incidents';
import * as m003 from './003_unit_positions';
import * as m004 from './004_linkage';
import * as m005 from './005_field';
import * as m007 from './007_outbox_dead_letter';
import * as m008 from './008_organisation';
import * as m009 from './009_cases';
import * as m010 from './010_positions';
import * as m011 from './011_security';
import * as m013 from './013_warnings';
import * as m014 from './014_clearing';
import * as m016 from './016_committee';
import * as m017 from './017_outbox_retention';

/** Migrations in the order they apply; names never change once released. */
export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_incidents': m002,
  '003_unit_positions': m003,
  '004_linkage': m004,
  '005_field': m005,
  '007_outbox_dead_letter': m007,
  '008_organisation': m008,
  '009_cases': m009,
  '010_positions': m010,
  '011_security': m011,
  '013_warnings': m013,
  '014_clearing': m014,
  '016_committee': m016,
  '017_outbox_retention': m017,
};
