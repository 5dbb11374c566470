import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': path.resolve(import.meta.dirname, 'shared') } },
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'workers/**/*.test.ts',
      'client/src/**/*.test.{ts,tsx}',
    ],
    environment: 'node',
    env: { NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files that start servers or Redis processes must not starve each other.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
