import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseLogFormat } from './logFormat';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
// One info line from the real logger module, then exit at once (pino must flush the pretty worker on exit).
const program = `import { logger } from './server/observability/logger'; logger.info({ unit: 'GX-P01' }, 'first-run line'); process.exit(0);`;

/** Runs the program with stdout a pipe, or a pseudo-terminal made by util-linux `script`. */
function runLogger(env: Record<string, string>, terminal: boolean): string {
  const childEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', ...env };
  const result = terminal
    ? spawnSync('script', ['-qec', `${tsx} -e "${program}"`, '/dev/null'], {
        cwd: root,
        env: childEnv,
        encoding: 'utf8',
        timeout: 30_000,
      })
    : spawnSync(tsx, ['-e', program], { cwd: root, env: childEnv, encoding: 'utf8', timeout: 30_000 });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('log format', () => {
  it('is readable in a terminal and JSON elsewhere, unless LOG_FORMAT says', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat('auto', true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
    // loadConfig() refuses the bad value at start-up; the logger, created before, just stays automatic.
    expect(chooseLogFormat('yaml', false)).toBe('json');
  });

  it('writes one JSON object a line into a pipe', () => {
    const out = runLogger({}, false);
    const line = JSON.parse(out.trim().split('\n').at(-1) ?? '');
    expect(line).toMatchObject({ level: 30, msg: 'first-run line', unit: 'GX-P01', service: 'shieldline' });
  }, 60_000);

  it('writes readable lines to a terminal, and JSON there too with LOG_FORMAT=json', () => {
    const pretty = runLogger({}, true);
    expect(pretty).toMatch(/\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*: .*first-run line/);
    expect(pretty).toMatch(/unit.*: "GX-P01"/);
    expect(pretty).not.toContain('"msg"');

    const json = runLogger({ LOG_FORMAT: 'json' }, true);
    expect(json).toContain('"msg":"first-run line"');
  }, 90_000);
});
