import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The console under test is the production build the server serves, built fresh for each run. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(
    path.join(root, 'node_modules/.bin/vite'),
    ['build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
