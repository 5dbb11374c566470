import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The fuzz suite's long form (`npm run test:fuzz`): FUZZ_RUNS cases per route (10,000 unless
 * set), the routes split into FUZZ_PARTS parts run side by side, each a vitest run on a runtime of
 * its own (its own database and Redis prefix), so that one part's writes can never be taken for
 * another's. A case is latency-bound (a request, a state mark), so parts overlap well even on two
 * cores. Each part's output goes to a log file and its summary to the terminal; the exit code is
 * non-zero if any part failed. `FUZZ_SEED`, `FUZZ_DB` pass through.
 */
const parts = Number(process.env.FUZZ_PARTS ?? 3);
const runs = process.env.FUZZ_RUNS ?? '10000';
const logDir =
  process.env.FUZZ_LOG_DIR ?? path.join(process.env.TMPDIR ?? '/tmp', `shieldline-fuzz-${process.pid}`);
mkdirSync(logDir, { recursive: true });

function runPart(part: number): Promise<number> {
  const log = path.join(logDir, `part-${part}-of-${parts}.log`);
  const out = createWriteStream(log);
  const child = spawn('npx', ['vitest', 'run', 'server/fuzz'], {
    env: {
      ...process.env,
      FUZZ_RUNS: runs,
      FUZZ_PART: `${part}/${parts}`,
      FUZZ_DB: process.env.FUZZ_DB ?? 'postgres',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  console.log(`part ${part}/${parts}: ${log}`);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

const started = Date.now();
const codes = await Promise.all(Array.from({ length: parts }, (_, i) => runPart(i + 1)));
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
for (const [i, code] of codes.entries())
  console.log(`part ${i + 1}/${parts}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
console.log(`fuzz long form: ${runs} cases per route in ${parts} parts, ${minutes} min; logs in ${logDir}`);
process.exit(codes.every((c) => c === 0) ? 0 : 1);
