import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashContext } from './context-hash';
import type { ProvisionContext } from './context';
import { ProvisionError } from './errors';
import { done, type Progress, type StepOutcome } from './progress';

/** Written into web/dist beside the bundle: the inputs' hash it was built from. */
const STAMP = '.source-hash';

/**
 * What the bundle depends on: web/src, the workspace's manifest, the lock file (the exact
 * library versions) and esbuild's version. Any change there means a rebuild.
 */
export function webSourceHash(repoRoot: string): string {
  const esbuildVersion = (require('esbuild') as typeof import('esbuild')).version;
  return createHash('sha256')
    .update('grader-web-v1\0')
    .update(hashContext(path.join(repoRoot, 'web', 'src')).hash)
    .update(fs.readFileSync(path.join(repoRoot, 'web', 'package.json')))
    .update(fs.readFileSync(path.join(repoRoot, 'package-lock.json')))
    .update(esbuildVersion)
    .digest('hex');
}

/** Bundles web/src into web/dist with esbuild, unless the bundle there was built from the same inputs. */
export async function ensureWebBundle(ctx: ProvisionContext, progress: Progress): Promise<StepOutcome<void>> {
  const webDir = path.join(ctx.repoRoot, 'web');
  const dist = path.join(webDir, 'dist');
  const hash = webSourceHash(ctx.repoRoot);
  const stamp = path.join(dist, STAMP);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === hash) return done(`web app bundle up to date (${hash.slice(0, 12)})`);

  progress('bundling the web app (web/src → web/dist)');
  const esbuild = require('esbuild') as typeof import('esbuild');
  // Built beside dist and swapped in, so a running server never serves half a bundle.
  const staging = path.join(webDir, `.dist-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const result = await esbuild.build({
      entryPoints: { app: path.join(webDir, 'src', 'main.ts') },
      outdir: staging,
      bundle: true,
      format: 'esm',
      target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
      minify: true,
      sourcemap: 'linked',
      legalComments: 'linked',
      logLevel: 'silent',
      metafile: true,
    });
    fs.copyFileSync(path.join(webDir, 'src', 'index.html'), path.join(staging, 'index.html'));
    fs.writeFileSync(path.join(staging, STAMP), `${hash}\n`);
    const bytes = Object.entries(result.metafile.outputs)
      .filter(([file]) => !file.endsWith('.map'))
      .reduce((sum, [, out]) => sum + out.bytes, 0);
    fs.rmSync(dist, { recursive: true, force: true });
    fs.renameSync(staging, dist);
    return done(`web app bundled into web/dist (${Math.round(bytes / 1024)} KiB)`);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors ?? [];
    throw new ProvisionError(
      'esbuild could not bundle web/src',
      errors.slice(0, 10).map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)),
    );
  }
}
