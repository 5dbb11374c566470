/**
 * npx tsx bench/profileSlices.ts FILE.cpuprofile [FROM_S TO_S]... — where a `--cpu-prof` profile
 * spends its time, per window of seconds since the profile started: the top functions by self
 * time and the share by package (node_modules/<name>, the project's own code, GC, idle), so the
 * idle and loaded phases of one bench run can be read apart.
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, ...bounds] = process.argv.slice(2);
if (!file) throw new Error('usage: profileSlices FILE.cpuprofile [FROM_S TO_S]...');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

function bucketOf(node: Node): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)')
    return functionName;
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return url.split('/')[0] ?? url;
  if (url.includes('/server/') || url.includes('/shared/') || url.includes('/workers/')) return 'shieldline';
  return url ? 'other' : `(native) ${functionName || '(anonymous)'}`;
}

const windows: Array<[number, number]> = [];
for (let i = 0; i + 1 < bounds.length; i += 2) windows.push([Number(bounds[i]), Number(bounds[i + 1])]);
if (windows.length === 0) windows.push([0, Number.POSITIVE_INFINITY]);

for (const [from, to] of windows) {
  const self = new Map<string, number>();
  const buckets = new Map<string, number>();
  let t = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    const s = t / 1e6;
    if (s < from || s >= to) return;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|shared|workers)\//, '$1/')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const b = bucketOf(node);
    buckets.set(b, (buckets.get(b) ?? 0) + dt);
  });
  const pct = (v: number) => `${((100 * v) / Math.max(total, 1)).toFixed(1).padStart(5)} %`;
  console.log(`\n== ${from}–${to} s: ${(total / 1000).toFixed(1)} s sampled`);
  console.log('-- by package');
  for (const [k, v] of [...buckets].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`${pct(v)}  ${k}`);
  console.log('-- top functions (self)');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 22)) console.log(`${pct(v)}  ${k}`);
}
