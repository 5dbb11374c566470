/**
 * `npx tsx scripts/accessMatrixDraft.ts`: probes a fresh server with every role and prints the
 * rows of docs/ACCESS.md as the server behaves today, for rows the document lacks. Review each
 * printed row against the intended rights before pasting it: the document is the intent, the
 * printout only the current behaviour.
 */
import {
  CALLERS,
  type Caller,
  credentialsFor,
  type Outcome,
  probeRoute,
  readMatrix,
} from '../server/testing/accessProbe';
import { openApiOperations } from '../server/testing/openApiOperations';
import { startTestRuntime } from '../server/testing/testRuntime';

const SYMBOL: Record<Outcome, string> = { allowed: '✓', forbidden: '✗', unauthenticated: '✗' };

const rt = await startTestRuntime('pglite');
try {
  const known = new Set(readMatrix('Routes').map((r) => r.key));
  const creds = Object.fromEntries(
    await Promise.all(CALLERS.map(async (c) => [c, await credentialsFor(rt.url, c)] as const)),
  ) as Record<Caller, Awaited<ReturnType<typeof credentialsFor>>>;
  for (const op of await openApiOperations(rt.url)) {
    const key = `${op.method} ${op.path}`;
    if (known.has(key) || op.path === '/api/v1/auth/logout') continue;
    const cells: string[] = [];
    for (const caller of CALLERS)
      cells.push(SYMBOL[await probeRoute(rt.url, op.method, op.path, creds[caller])]);
    console.log(`| \`${key}\` | ${cells.join(' | ')} |`);
  }
} finally {
  await rt.close();
}
