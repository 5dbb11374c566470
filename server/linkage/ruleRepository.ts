import { LinkageRuleSet, LinkageRuleSetInput } from '@shared/domain/linkageRule';
import type { z } from 'zod';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import { DEFAULT_RULE_SET } from './defaultRules';

type RuleSetRow = {
  version: number;
  rule_set: Record<string, unknown>;
  created_at: Date | string;
  created_by: string;
};

function toRuleSet(row: RuleSetRow): LinkageRuleSet {
  const body = LinkageRuleSetInput.parse(row.rule_set);
  return LinkageRuleSet.parse({
    version: row.version,
    ...body,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
  });
}

async function latest(db: Database): Promise<RuleSetRow | undefined> {
  return db
    .selectFrom('linkage_rule_sets')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The rule set in force: the highest version. A database without any gets the defaults as
 * version 1 (ON CONFLICT: several processes may race to write them; all read the same row).
 */
export async function currentRuleSet(db: Database): Promise<LinkageRuleSet> {
  const row = await latest(db);
  if (row) return toRuleSet(row);
  await db
    .insertInto('linkage_rule_sets')
    .values({
      version: 1,
      rule_set: JSON.stringify(LinkageRuleSetInput.parse(DEFAULT_RULE_SET)),
      created_by: 'system:defaults',
    })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  const seeded = await latest(db);
  if (!seeded) throw new Error('linkage rules could not be seeded');
  return toRuleSet(seeded);
}

/** Saves a new version; refuses (409) when someone saved another since the editor loaded basedOnVersion. */
export async function replaceRuleSet(
  db: Database,
  principal: Principal,
  basedOnVersion: number,
  input: z.output<typeof LinkageRuleSetInput>,
  requestId: string | null,
): Promise<LinkageRuleSet> {
  const current = await currentRuleSet(db);
  if (current.version !== basedOnVersion)
    throw errors.conflict(`the rules are at version ${current.version} now; reload and edit again`);
  const actor = actorOf(principal);
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('linkage_rule_sets')
      .values({ version: basedOnVersion + 1, rule_set: JSON.stringify(input), created_by: actor })
      .onConflict((oc) => oc.column('version').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) throw errors.conflict('someone saved the rules at the same moment; reload and edit again');
    await appendAudit(trx, {
      actor,
      action: 'linkage_rules.replace',
      target: `linkage_rules:${inserted.version}`,
      outcome: 'success',
      requestId,
      details: { from: basedOnVersion, to: inserted.version, rules: input.rules.map((r) => r.id) },
    });
    return inserted;
  });
  return toRuleSet(row);
}
