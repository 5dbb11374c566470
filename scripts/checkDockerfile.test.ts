import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDockerfile, checkRepository, parseDockerfile } from './checkDockerfile';

const root = path.resolve(import.meta.dirname, '..');
const packageJson = {
  dependencies: { tsx: '^4', express: '^5' },
  devDependencies: { vite: '~8', vitest: '^4' },
};
const dockerignore = 'node_modules\n.git\ndist\ndata\n.env\n';

const GOOD = `# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev \\
  # the cache is not needed at run time
  && npm cache clean --force
COPY server ./server
COPY --from=build /app/dist/client ./dist/client
USER node
CMD ["node", "--import", "tsx", "server/main.ts"]
`;

/** A repository of one source file under server/, for the import checks. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-dockerfile-'));
function repoWith(source: string): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'repo-'));
  fs.mkdirSync(path.join(dir, 'server'));
  fs.writeFileSync(path.join(dir, 'server', 'main.ts'), source);
  // Tests may import anything: they are not in the image.
  fs.writeFileSync(path.join(dir, 'server', 'main.test.ts'), "import { it } from 'vitest';\n");
  return dir;
}
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const check = (dockerfile: string, options: { ignore?: string | null; root?: string | null } = {}) =>
  checkDockerfile({
    dockerfile,
    dockerignore: options.ignore === undefined ? dockerignore : options.ignore,
    packageJson,
    root: options.root === undefined ? repoWith("import express from 'express';\n") : options.root,
  });

describe('the static Dockerfile check (no Docker engine here)', () => {
  it("passes the repository's own Dockerfile and .dockerignore", () => {
    expect(checkRepository(root)).toEqual([]);
  });

  it('reads stages, comments and continued lines as Docker does', () => {
    const stages = parseDockerfile(GOOD);
    expect(stages.map((s) => [s.name, s.image])).toEqual([
      ['build', 'node:20-bookworm-slim'],
      ['runtime', 'node:20-bookworm-slim'],
    ]);
    const run = stages[1]?.instructions.find((i) => i.args.includes('--omit=dev'));
    expect(run).toEqual({ keyword: 'RUN', args: 'npm ci --omit=dev && npm cache clean --force', line: 13 });
    expect(check(GOOD)).toEqual([]);
  });

  it('refuses the old single-stage file: NODE_ENV=production before npm ci, then a vite build', () => {
    const old = `FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
USER node
CMD ["npx", "tsx", "server/main.ts"]
`;
    const problems = check(old);
    expect(problems).toContain('not a multi-stage build: the console must be built in a stage of its own');
    expect(problems.join('\n')).toMatch(/line 7: builds the console without the dev dependencies/);
  });

  it('refuses a build stage where production mode leaves vite out', () => {
    const viaEnv = GOOD.replace(
      'WORKDIR /app\nCOPY package.json',
      'WORKDIR /app\nENV NODE_ENV=production\nCOPY package.json',
    );
    expect(check(viaEnv).join('\n')).toMatch(
      /stage build, line \d+: builds the console without the dev dependencies/,
    );
    const viaFlag = GOOD.replace('RUN npm ci\n', 'RUN npm ci --omit=dev\n');
    expect(check(viaFlag).join('\n')).toMatch(/stage build, line 7: builds the console without/);
  });

  it('refuses a runtime stage that carries or needs the dev dependencies', () => {
    // NODE_ENV=production set before it makes a plain npm ci omit them too; set after, it does not.
    expect(check(GOOD.replace('npm ci --omit=dev', 'npm ci'))).toEqual([]);
    const late = GOOD.replace('ENV NODE_ENV=production\n', '')
      .replace('npm ci --omit=dev', 'npm ci')
      .replace('USER node', 'ENV NODE_ENV=production\nUSER node');
    expect(check(late)).toEqual([
      'runtime stage runtime, line 12: npm ci installs the dev dependencies (add --omit=dev)',
    ]);
    expect(check(GOOD.replace('ENV NODE_ENV=production\n', ''))).toEqual([
      'runtime stage runtime: NODE_ENV=production is not set',
    ]);
    const copiesModules = GOOD.replace(
      'COPY server ./server',
      'COPY --from=build /app/node_modules ./node_modules',
    );
    expect(check(copiesModules).join('\n')).toMatch(/copies node_modules from another stage/);
    expect(check(GOOD.replace('COPY server ./server', 'COPY . .')).join('\n')).toMatch(
      /copies the whole context/,
    );
    expect(check(GOOD, { root: repoWith("import { defineConfig } from 'vite';\n") })).toEqual([
      'server/main.ts: imports vite, a dev dependency the runtime image does not have',
    ]);
    expect(check(GOOD, { root: repoWith("import type { UserConfig } from 'vite';\n") })).toEqual([]);
    expect(check(GOOD.replace('"--import", "tsx"', '"--import", "vitest"')).join('\n')).toMatch(
      /CMD needs vitest, which is not a runtime dependency/,
    );
  });

  it('passes test helpers in a folder .dockerignore keeps out of the context', () => {
    const repo = repoWith("import express from 'express';\n");
    fs.mkdirSync(path.join(repo, 'server', 'fuzz'));
    fs.writeFileSync(
      path.join(repo, 'server', 'fuzz', 'values.ts'),
      "import { defineConfig } from 'vite';\n",
    );
    expect(check(GOOD, { root: repo })).toEqual([
      'server/fuzz/values.ts: imports vite, a dev dependency the runtime image does not have',
    ]);
    expect(check(GOOD, { root: repo, ignore: `${dockerignore}server/fuzz\n` })).toEqual([]);
  });

  it('refuses sources whose imports reach outside what the runtime copies', () => {
    expect(check(GOOD, { root: repoWith("import { x } from '../bench/alerts';\n") })).toEqual([
      'server/main.ts: imports ../bench/alerts (bench/), which the runtime stage does not copy',
    ]);
    expect(check(GOOD, { root: repoWith("import { x } from '@shared/domain/x';\n") })).toEqual([
      'server/main.ts: imports @shared/domain/x, but the runtime lacks shared/ or tsconfig.json',
    ]);
  });

  it('wants the built console, a non-root user, an exec-form CMD, pinned images and a .dockerignore', () => {
    expect(check(GOOD.replace('COPY --from=build /app/dist/client ./dist/client\n', ''))).toContain(
      'runtime stage: does not copy the built console (dist/client) from the build stage',
    );
    expect(check(GOOD.replace('USER node\n', ''))).toContain('runtime stage: runs as root (add USER node)');
    expect(
      check(GOOD.replace('CMD ["node", "--import", "tsx", "server/main.ts"]', 'CMD npm start')).join('\n'),
    ).toMatch(/CMD in shell form/);
    expect(check(GOOD.replaceAll('node:20-bookworm-slim', 'node')).join('\n')).toMatch(
      /image node is not pinned/,
    );
    expect(check(GOOD, { ignore: null })).toEqual([
      'no .dockerignore: node_modules, .git and local data would go into the build context',
    ]);
    expect(check(GOOD, { ignore: 'node_modules\n' })).toEqual([
      '.dockerignore does not exclude .git',
      '.dockerignore does not exclude data',
      '.dockerignore does not exclude dist',
      '.dockerignore does not exclude .env',
    ]);
  });
});
