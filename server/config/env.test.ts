import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';

const root = path.resolve(import.meta.dirname, '../..');

describe('loadConfig', () => {
  it('fills the documented defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.embeddedDatabase).toBe(true);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.SESSION_MAX_AGE_S).toBeGreaterThanOrEqual(12 * 3600);
    expect(config.DEMO).toBe(false);
  });

  it('uses Postgres when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', DEMO: '1' });
    expect(config.embeddedDatabase).toBe(false);
    expect(config.DEMO).toBe(true);
  });

  it('refuses DEMO=1 with NODE_ENV=production (issue #10 item 8)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: '1' })).toThrow(
      /DEMO=1 is refused with NODE_ENV=production/,
    );
    expect(loadConfig({ NODE_ENV: 'production' }).DEMO).toBe(false);
    expect(loadConfig({}).UPLOAD_MAX_BYTES).toBeLessThan(4 * 1024 ** 3);
  });

  it('names every bad setting at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://nope', DEMO_PASSWORD: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/PORT="eighty"/);
    expect(problems.join('\n')).toMatch(/REDIS_URL="http:\/\/nope".*redis:\/\//);
    expect(problems.join('\n')).toMatch(/DEMO_PASSWORD/);
  });

  it('stops start-up with a message naming the bad setting', () => {
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '70000', SESSION_IDLE_TIMEOUT_S: '-5', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT="70000"');
    expect(result.stderr).toContain('SESSION_IDLE_TIMEOUT_S="-5"');
  });
});
