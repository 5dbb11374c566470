/**
 * A static check of the Dockerfile, because no Docker engine runs where the tests and CI do (and
 * Debian has no hadolint). It reads the instructions the way Docker does (comments, line
 * continuations, stages) and refuses what would build a wrong image:
 * - the console is built in a stage with the dev dependencies installed (vite is one), that is
 *   not with NODE_ENV=production or --omit=dev in force at its `npm ci`;
 * - the last stage, the runtime, installs the production dependencies only (`npm ci --omit=dev`),
 *   copies no node_modules from another stage, builds nothing, takes the console from the build
 *   stage, runs as a user other than root, and starts with a command whose packages are runtime
 *   dependencies;
 * - every source file the runtime copies imports only runtime dependencies, and its relative and
 *   `@shared/` imports stay within what the runtime copies;
 * - images are pinned to a tag, and `.dockerignore` keeps node_modules, .git and local data out.
 *
 * `npx tsx scripts/checkDockerfile.ts` prints the problems and exits 1 if there are any.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

/** Instructions grouped by stage: comments dropped, backslash continuations joined. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let logical = lines[i] ?? '';
    if (/^\s*(#|$)/.test(logical)) continue;
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) {
      i++;
      const next = lines[i] ?? '';
      if (/^\s*#/.test(next)) continue;
      logical = `${logical.replace(/\\\s*$/, '').trimEnd()} ${next.trim()}`;
    }
    const match = /^\s*(\S+)\s*(.*)$/.exec(logical);
    if (!match) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    const args = (match[2] ?? '').trim();
    if (keyword === 'FROM') {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      stages.push({
        image: from?.[1] ?? args,
        name: from?.[2] ?? String(stages.length),
        instructions: [{ keyword, args, line: start }],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (stage) stage.instructions.push({ keyword, args, line: start });
  }
  return stages;
}

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface CheckInput {
  dockerfile: string;
  dockerignore: string | null;
  packageJson: PackageJson;
  /** The repository, to read the sources the runtime stage copies; null skips that part. */
  root: string | null;
}

/** `npm ci`/`npm install` commands in a RUN, with whether they leave the dev dependencies out. */
function npmInstalls(run: string): Array<{ omitsDev: boolean; inlineProduction: boolean }> {
  return run
    .split(/&&|;|\|\|/)
    .map((command) => command.trim())
    .filter((command) => /(^|\s)npm\s+(ci|install|i)(\s|$)/.test(command))
    .map((command) => ({
      omitsDev: /--omit[= ]dev|--production|--only[= ]prod/.test(command),
      inlineProduction: /NODE_ENV=production\s+npm/.test(command),
    }));
}

const buildsConsole = (run: string) => /npm\s+run\s+build|vite\s+build/.test(run);

/** The stage chain a stage starts from (`FROM build AS test` inherits build's ENV), oldest first. */
function lineage(stages: Stage[], stage: Stage): Stage[] {
  const parent = stages.find((s) => s.name === stage.image && s !== stage);
  return parent ? [...lineage(stages, parent), stage] : [stage];
}

function setsProduction(instruction: Instruction): boolean {
  return (
    (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') &&
    /(^|\s)NODE_ENV[= ]"?production"?(\s|$)/.test(instruction.args)
  );
}

function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('@shared/'))
    return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? null);
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  if (fs.statSync(dir).isFile()) return [dir];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const IMPORT =
  /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

export function checkDockerfile(input: CheckInput): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(input.dockerfile);
  const at = (i: Instruction) => `line ${i.line}`;
  const runtimeDeps = new Set(Object.keys(input.packageJson.dependencies ?? {}));
  const devDeps = new Set(Object.keys(input.packageJson.devDependencies ?? {}));

  if (stages.length < 2) {
    problems.push('not a multi-stage build: the console must be built in a stage of its own');
    if (stages.length === 0) return problems;
  }
  for (const stage of stages) {
    const isStage = stages.some((s) => s.name === stage.image && s !== stage);
    if (!isStage && (!/:[^/]+$/.test(stage.image) || stage.image.endsWith(':latest'))) {
      problems.push(`stage ${stage.name}: image ${stage.image} is not pinned to a tag`);
    }
  }

  // Every stage that builds the console must have the dev dependencies at that point.
  const builders: Stage[] = [];
  for (const stage of stages) {
    const chain = lineage(stages, stage).flatMap((s) => s.instructions);
    let production = false;
    let devInstalled = false;
    for (const instruction of chain) {
      if (setsProduction(instruction)) production = true;
      if (instruction.keyword !== 'RUN') continue;
      for (const install of npmInstalls(instruction.args)) {
        if (!install.omitsDev && !install.inlineProduction && !production) devInstalled = true;
      }
      if (stage.instructions.includes(instruction) && buildsConsole(instruction.args)) {
        builders.push(stage);
        if (!devInstalled) {
          problems.push(
            `stage ${stage.name}, ${at(instruction)}: builds the console without the dev dependencies ` +
              '(vite is one): install them with `npm ci` before NODE_ENV=production or without --omit=dev',
          );
        }
      }
    }
  }
  if (builders.length === 0) problems.push('no stage builds the console (`npm run build`)');

  const runtime = stages.at(-1);
  if (!runtime || stages.length < 2) return problems;
  const own = runtime.instructions;
  const chain = lineage(stages, runtime).flatMap((s) => s.instructions);
  if (builders.includes(runtime)) {
    problems.push(
      `runtime stage ${runtime.name} builds the console itself, so it carries the dev dependencies`,
    );
  }
  // NODE_ENV=production makes npm ci leave the dev dependencies out too, but only from where it is set.
  let productionEnv = false;
  let installs = 0;
  for (const instruction of chain) {
    if (setsProduction(instruction)) productionEnv = true;
    if (instruction.keyword !== 'RUN') continue;
    for (const install of npmInstalls(instruction.args)) {
      installs++;
      if (!install.omitsDev && !install.inlineProduction && !productionEnv) {
        problems.push(
          `runtime stage ${runtime.name}, ${at(instruction)}: npm ci installs the dev dependencies (add --omit=dev)`,
        );
      }
    }
  }
  if (installs === 0)
    problems.push(`runtime stage ${runtime.name}: installs no dependencies (npm ci --omit=dev)`);
  if (!productionEnv) problems.push(`runtime stage ${runtime.name}: NODE_ENV=production is not set`);

  const copies = own.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
  const fromStage = copies.filter((i) => /--from=/.test(i.args));
  for (const copy of fromStage) {
    if (/node_modules/.test(copy.args)) {
      problems.push(
        `runtime stage, ${at(copy)}: copies node_modules from another stage (dev dependencies with it)`,
      );
    }
  }
  const builderNames = new Set(builders.map((s) => s.name));
  const takesConsole = fromStage.some((copy) => {
    const from = /--from=(\S+)/.exec(copy.args)?.[1] ?? '';
    return builderNames.has(from) && /dist\/client/.test(copy.args);
  });
  if (!takesConsole)
    problems.push('runtime stage: does not copy the built console (dist/client) from the build stage');

  const users = chain.filter((i) => i.keyword === 'USER');
  const user = users.at(-1)?.args.split(':')[0];
  if (!user || user === 'root' || user === '0') problems.push('runtime stage: runs as root (add USER node)');

  const cmd = [...chain].reverse().find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  if (!cmd) {
    problems.push('runtime stage: no CMD');
  } else {
    let argv: unknown = null;
    try {
      argv = JSON.parse(cmd.args);
    } catch {
      problems.push(`${at(cmd)}: CMD in shell form; use the exec form so the server gets SIGTERM`);
    }
    if (Array.isArray(argv)) {
      // `node --import tsx …`, `npx tsx …`: the named packages must be installed in the runtime.
      const strings = argv.filter((a): a is string => typeof a === 'string');
      const named = strings.flatMap((arg, i) => {
        if (i > 0 && (strings[i - 1] === '--import' || strings[i - 1] === '--require')) return [arg];
        if (i > 0 && strings[i - 1] === 'npx') return [arg];
        return [];
      });
      for (const name of named) {
        const pkg = packageOf(name);
        if (pkg && !runtimeDeps.has(pkg)) {
          problems.push(`${at(cmd)}: CMD needs ${pkg}, which is not a runtime dependency`);
        }
      }
    }
  }

  // What the runtime copies from the context must run with the runtime dependencies alone.
  const contextSources = copies
    .filter((i) => !/--from=/.test(i.args))
    .flatMap((i) => {
      const parts = i.args
        .split(/\s+/)
        .filter((p) => !p.startsWith('--'))
        .slice(0, -1);
      return parts.map((p) => p.replace(/^\.\//, '').replace(/\/$/, ''));
    });
  if (contextSources.includes('.')) {
    problems.push('runtime stage: copies the whole context (`COPY . .`); copy what the server runs');
  }
  const root = input.root;
  if (root && !contextSources.includes('.')) {
    const copied = new Set(contextSources);
    // Folders .dockerignore keeps out of the context (test suites beside the code) never reach the image.
    const ignoredDirs = (input.dockerignore ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim().replace(/^\//, '').replace(/\/$/, ''))
      .filter((l) => l.includes('/') && !/[*!?]/.test(l));
    for (const source of contextSources) {
      for (const file of sourceFiles(path.join(root, source))) {
        const relative = path.relative(root, file);
        if (ignoredDirs.some((d) => relative === d || relative.startsWith(`${d}/`))) continue;
        const text = fs.readFileSync(file, 'utf8');
        for (const match of text.matchAll(IMPORT)) {
          const specifier = match[1] ?? match[2] ?? '';
          if (/^\s*import\s+type\s/.test(match[0]) || /^\s*export\s+type\s/.test(match[0])) continue;
          if (specifier.startsWith('@shared/')) {
            if (!copied.has('shared') || !copied.has('tsconfig.json')) {
              problems.push(
                `${relative}: imports ${specifier}, but the runtime lacks shared/ or tsconfig.json`,
              );
            }
            continue;
          }
          if (specifier.startsWith('.')) {
            const target = path.relative(root, path.resolve(path.dirname(file), specifier));
            const top = target.split(path.sep)[0] ?? '';
            if (!copied.has(top) && !copied.has(target)) {
              problems.push(
                `${relative}: imports ${specifier} (${top}/), which the runtime stage does not copy`,
              );
            }
            continue;
          }
          const pkg = packageOf(specifier);
          if (pkg && devDeps.has(pkg) && !runtimeDeps.has(pkg)) {
            problems.push(`${relative}: imports ${pkg}, a dev dependency the runtime image does not have`);
          }
        }
      }
    }
  }

  if (input.dockerignore === null) {
    problems.push('no .dockerignore: node_modules, .git and local data would go into the build context');
  } else {
    const entries = new Set(
      input.dockerignore
        .split(/\r?\n/)
        .map((l) => l.trim().replace(/^\//, '').replace(/\/$/, ''))
        .filter((l) => l && !l.startsWith('#')),
    );
    for (const required of ['node_modules', '.git', 'data', 'dist', '.env']) {
      if (!entries.has(required)) problems.push(`.dockerignore does not exclude ${required}`);
    }
  }
  return problems;
}

export function checkRepository(root: string): string[] {
  const read = (file: string) =>
    fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : null;
  return checkDockerfile({
    dockerfile: read('Dockerfile') ?? '',
    dockerignore: read('.dockerignore'),
    packageJson: JSON.parse(read('package.json') ?? '{}'),
    root,
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const problems = checkRepository(path.resolve(import.meta.dirname, '..'));
  if (problems.length > 0) {
    console.error(`Dockerfile: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('Dockerfile: multi-stage build, runtime stage without dev dependencies: ok');
}
