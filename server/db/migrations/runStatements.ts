import { type Kysely, sql } from 'kysely';

/**
 * PGlite's extended protocol takes one statement per query, so a migration's SQL is split
 * on the blank-line-free ";\n" boundaries here and run one statement at a time. Function
 * bodies are dollar-quoted and may hold semicolons, so those are kept whole.
 */
export async function runStatements(db: Kysely<unknown>, scripts: string[]): Promise<void> {
  for (const script of scripts) {
    for (const statement of splitSql(script)) {
      await sql.raw(statement).execute(db);
    }
  }
}

export function splitSql(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of script.split('\n')) {
    if (/^\s*--/.test(line)) continue;
    current += `${line}\n`;
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inDollar = !inDollar;
    if (!inDollar && /;\s*$/.test(line)) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
