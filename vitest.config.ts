import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@shared': path.resolve(import.meta.dirname, 'shared') };
const env = { NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' };

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files that start servers, browsers or Redis processes must not starve each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit+integration',
          include: [
            'shared/**/*.test.ts',
            'server/**/*.test.ts',
            'workers/**/*.test.ts',
            'simulator/**/*.test.ts',
            'scripts/**/*.test.ts',
            'client/src/**/*.test.{ts,tsx}',
          ],
          environment: 'node',
          env,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          env,
          globalSetup: ['e2e/buildClient.ts'],
          testTimeout: 60_000,
          // One browser at a time on two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
