import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot, startChild } from './processes.ts';

/** One entry of Vite's build manifest (dist/.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface BundleSizes {
  /** JavaScript the browser must load before the console can render: the entry and its static imports. */
  shellKiB: number;
  shellFiles: string[];
  /** The lazily loaded dashboard (charts), minus what the shell already loaded; null when the build has none. */
  dashboardKiB: number | null;
  dashboardFiles: string[];
}

const kib = (bytes: number) => bytes / 1024;

/** The chunk keys a chunk statically pulls in (itself included), transitively. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

/**
 * Gzip sizes of the shell and of the dashboard chunk from a Vite build made with `--manifest`.
 * The dashboard chunk is the lazily imported module whose source path names the dashboard
 * (`isDashboard`), together with the chunks it alone imports (recharts).
 */
export function measureBundle(distDir: string, isDashboard: (src: string) => boolean): BundleSizes {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const gzipKiB = (keys: Iterable<string>) => {
    let total = 0;
    for (const key of keys) {
      const file = manifest[key]!.file;
      if (file.endsWith('.js')) total += gzipSync(readFileSync(join(distDir, file))).length;
    }
    return kib(total);
  };
  const files = (keys: Iterable<string>) =>
    [...keys].map((key) => manifest[key]!.file).filter((f) => f.endsWith('.js'));

  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  if (entries.length === 0) throw new Error(`no entry chunk in the manifest of ${distDir}`);
  const shell = new Set<string>();
  for (const entry of entries) staticClosure(manifest, entry, shell);

  const dashboardEntries = Object.keys(manifest).filter(
    (key) => manifest[key]!.isDynamicEntry && isDashboard(manifest[key]!.src ?? key),
  );
  const dashboard = new Set<string>();
  for (const entry of dashboardEntries) staticClosure(manifest, entry, dashboard);
  for (const key of shell) dashboard.delete(key);

  return {
    shellKiB: gzipKiB(shell),
    shellFiles: files(shell),
    dashboardKiB: dashboardEntries.length > 0 ? gzipKiB(dashboard) : null,
    dashboardFiles: files(dashboard),
  };
}

/** The dashboard's lazily loaded module lives in the metrics feature (STYLE.md's feature folders). */
export const isWebDashboard = (src: string) => /features\/(metrics|dashboards?)\//.test(src);

/** Builds a Vite app (its own vite.config, with a manifest) into a fresh temporary directory. */
export async function viteBuild(appDir: string): Promise<{ outDir: string; remove: () => void }> {
  const outDir = mkdtempSync(join(tmpdir(), 'gateway-console-build-'));
  const remove = () => rmSync(outDir, { recursive: true, force: true });
  // The Vite the app itself depends on, resolved from the app's folder.
  const vitePackage = createRequire(join(repoRoot, appDir, 'index.html')).resolve('vite/package.json');
  const vite = join(dirname(vitePackage), 'bin', 'vite.js');
  const build = startChild(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'],
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    { cwd: join(repoRoot, appDir), env: { NODE_ENV: 'production' } },
  );
  const code = await new Promise<number | null>((resolve) => build.process.once('exit', resolve));
  if (code !== 0) {
    remove();
    throw new Error(`vite build of ${appDir} failed (${code}):\n${build.output()}`);
  }
  return { outDir, remove };
}

/** Builds a Vite app into a temporary directory and measures its bundle. */
export async function buildAndMeasure(
  appDir: string,
  isDashboard: (src: string) => boolean,
): Promise<BundleSizes> {
  const { outDir, remove } = await viteBuild(appDir);
  try {
    return measureBundle(outDir, isDashboard);
  } finally {
    remove();
  }
}

/** Budgets CI enforces (deterministic, unlike timings). */
export const bundleBudgets = { shellKiB: 100, dashboardKiB: 250 } as const;
