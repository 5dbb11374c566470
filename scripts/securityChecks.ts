/**
 * `npm run security`: the checks CI runs beside the tests.
 * 1. Secret scan of every tracked file (secretlint's recommended rules), after proving on a
 *    planted key that the scanner does find secrets, so a broken scanner cannot pass silently.
 * 2. Dependency audit of production dependencies: fails on a high or critical advisory that is
 *    not in security/audit-allowlist.json. Where the registry has no audit endpoint (this
 *    machine's mirror answers 405), it says so and does not pretend to have checked.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
let failed = false;

function secretScan(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretlint-'));
  fs.copyFileSync(path.join(root, '.secretlintrc.json'), path.join(dir, '.secretlintrc.json'));
  // A fresh random value, so the tree itself holds nothing key-shaped.
  // Letters and digits only: the rule's pattern does not take every base64 string ('+', '/' at the edges).
  const fake = randomBytes(60)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 40);
  fs.writeFileSync(path.join(dir, 'planted.env'), `aws_secret_access_key=${fake}\n`);
  const probe = spawnSync(bin('secretlint'), ['planted.env'], { cwd: dir, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  if (probe.status !== 1 || !probe.stdout.includes('AWSSecretAccessKey')) {
    console.error('secret scan: the scanner did not flag a planted key; it is not working', probe.stderr);
    failed = true;
    return;
  }
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !f.endsWith('.png') && fs.existsSync(path.join(root, f)));
  const scan = spawnSync(bin('secretlint'), files, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (scan.status !== 0) {
    console.error(scan.stdout, scan.stderr);
    console.error(`secret scan: secrets found in tracked files (${files.length} scanned)`);
    failed = true;
  } else {
    console.log(`secret scan: ${files.length} tracked files, no secrets (planted key was caught)`);
  }
}

const AuditReport = z.object({
  vulnerabilities: z
    .record(
      z.string(),
      z.object({
        severity: z.string(),
        via: z.array(
          z.union([z.string(), z.object({ url: z.string().optional(), title: z.string().optional() })]),
        ),
      }),
    )
    .default({}),
});
const Allowlist = z.object({ accepted: z.record(z.string(), z.string()) });

function dependencyAudit(): void {
  const allow = Allowlist.parse(
    JSON.parse(fs.readFileSync(path.join(root, 'security/audit-allowlist.json'), 'utf8')),
  );
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8' });
  let report: z.infer<typeof AuditReport>;
  try {
    const raw: unknown = JSON.parse(run.stdout || '{}');
    if (typeof raw === 'object' && raw !== null && 'error' in raw) throw new Error('no report');
    report = AuditReport.parse(raw);
  } catch {
    console.warn(
      'dependency audit: NOT CHECKED — the registry did not answer the audit request ' +
        `(${(run.stderr.match(/\d{3} [A-Za-z ]+/) ?? ['no answer'])[0].trim()}); run \`npm run security\` where the public registry is reachable`,
    );
    return;
  }
  const serious = Object.entries(report.vulnerabilities).filter(([, v]) =>
    ['high', 'critical'].includes(v.severity),
  );
  const unaccepted = serious.filter(([, v]) =>
    v.via.every(
      (via) => typeof via === 'string' || !Object.keys(allow.accepted).some((id) => via.url?.includes(id)),
    ),
  );
  for (const [name, v] of unaccepted) console.error(`dependency audit: ${v.severity} advisory in ${name}`);
  if (unaccepted.length) failed = true;
  else
    console.log(`dependency audit: no unaccepted high or critical advisories (${serious.length} accepted)`);
}

secretScan();
dependencyAudit();
process.exit(failed ? 1 : 0);
