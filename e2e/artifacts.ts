import path from 'node:path';

/** Everything the end-to-end tests write (screenshots, traces): ignored by git. */
export const ARTIFACTS = path.resolve(import.meta.dirname, '../test-artifacts');

/**
 * The README's pictures as the last run took them. Tests never write into docs/: `npm run
 * screenshots` runs the end-to-end tests and copies these over `docs/screenshots/` on purpose.
 */
export const README_SHOTS = path.join(ARTIFACTS, 'readme');
