/**
 * `npm run screenshots [-- e2e/console.test.ts …]`: refreshes the README's pictures in
 * docs/screenshots/ on purpose. The end-to-end tests take them into test-artifacts/readme/
 * (ignored by git) on every run; this runs those tests and, only if they all pass, copies the
 * pictures over the tracked ones, so a failing UI is never documented.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { README_SHOTS } from '../e2e/artifacts';

const root = path.resolve(import.meta.dirname, '..');
const docs = path.join(root, 'docs/screenshots');
const files = process.argv.slice(2);

fs.rmSync(README_SHOTS, { recursive: true, force: true });
const run = spawnSync(path.join(root, 'node_modules/.bin/vitest'), ['run', '--project', 'e2e', ...files], {
  cwd: root,
  stdio: 'inherit',
});
if (run.status !== 0) {
  console.error('\nThe end-to-end tests failed: docs/screenshots/ left as it was.');
  process.exit(run.status ?? 1);
}

const taken = fs.existsSync(README_SHOTS)
  ? fs.readdirSync(README_SHOTS).filter((f) => f.endsWith('.png'))
  : [];
fs.mkdirSync(docs, { recursive: true });
for (const name of taken) {
  const target = path.join(docs, name);
  const fresh = fs.readFileSync(path.join(README_SHOTS, name));
  const changed = !fs.existsSync(target) || !fresh.equals(fs.readFileSync(target));
  if (changed) fs.writeFileSync(target, fresh);
  console.log(`${changed ? 'updated  ' : 'unchanged'} docs/screenshots/${name}`);
}
const stale = fs.readdirSync(docs).filter((f) => f.endsWith('.png') && !taken.includes(f));
if (stale.length > 0 && files.length === 0) {
  console.error(`No test takes these any more; remove them or the README's references: ${stale.join(', ')}`);
  process.exit(1);
}
console.log(
  `\n${taken.length} picture(s) refreshed; review with git diff --stat docs/screenshots and commit.`,
);
