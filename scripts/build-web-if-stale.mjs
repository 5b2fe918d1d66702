// Builds the web app unless apps/web/dist is newer than everything it is built from, so starting the
// console does not spend seconds rebuilding what install (or the last start) already built.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sources = [
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'packages/contract/src',
  'pnpm-lock.yaml',
];

function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = newest('apps/web/dist/index.html');
if (built > 0 && built >= Math.max(...sources.map(newest))) {
  console.log('Web app is up to date (apps/web/dist).');
} else {
  // The web package's `build` script, without another pnpm process in between.
  execFileSync('node_modules/.bin/vite', ['build'], { cwd: 'apps/web', stdio: 'inherit' });
}
