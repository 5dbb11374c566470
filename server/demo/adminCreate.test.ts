import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords';
import { type DatabaseHandle, openDatabase } from '../db/database';
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind } from '../testing/databases';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'server/demo/adminCreate.cli.ts');

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<RunResult> {
  const baseEnv = { ...process.env };
  delete baseEnv.DATABASE_URL;
  delete baseEnv.DATA_DIR;
  delete baseEnv.ADMIN_PASSWORD;
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, env: { ...baseEnv, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe.each(DATABASE_KINDS)('admin:create against %s', (kind: DatabaseKind) => {
  let target: Record<string, string>;
  let open: () => Promise<DatabaseHandle>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (kind === 'pglite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-admin-'));
      target = { DATA_DIR: dir };
      open = () => openDatabase({ dataDir: dir });
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    } else {
      const handle = await createTestDatabase('postgres');
      target = { DATABASE_URL: handle.url! };
      open = async () => handle;
      cleanup = () => handle?.close();
    }
  });
  afterAll(async () => cleanup?.());

  it('creates an admin, refuses a duplicate and rejects bad input', async () => {
    const created = await runCli(['--username', 'chief'], {
      ...target,
      ADMIN_PASSWORD: 'correct horse battery',
    });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/created admin "chief"/);

    const fromStdin = await runCli(['--username=deputy'], target, 'from stdin 12345\n');
    expect(fromStdin.code).toBe(0);

    const duplicate = await runCli(['--username', 'chief'], target, 'another password\n');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);

    const badName = await runCli(['--username', 'bad name!'], {
      ...target,
      ADMIN_PASSWORD: 'long enough pw',
    });
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/invalid username/);

    const shortPassword = await runCli(['--username', 'other'], target, 'short\n');
    expect(shortPassword.code).toBe(2);
    expect(shortPassword.stderr).toMatch(/invalid password/);

    const noName = await runCli([], { ...target, ADMIN_PASSWORD: 'long enough pw' });
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/--username is required/);

    const handle = await open();
    try {
      const users = await handle.db.selectFrom('users').selectAll().orderBy('username').execute();
      expect(users.map((u) => [u.username, u.role])).toEqual([
        ['chief', 'admin'],
        ['deputy', 'admin'],
      ]);
      expect(await verifyPassword(users[0]!.password_hash, 'correct horse battery')).toBe(true);
      expect(await verifyPassword(users[1]!.password_hash, 'from stdin 12345')).toBe(true);
      const departments = await handle.db.selectFrom('departments').select('id').execute();
      expect(departments).toHaveLength(10);
    } finally {
      if (kind === 'pglite') await handle.close();
    }
  }, 120_000);
});
