import fs from 'node:fs';
import path from 'node:path';
import type { Recipe } from './base-recipe';
import { ProvisionError, tail } from './errors';
import { findExecutable, run, tryRun } from './exec';

/**
 * Making and disposing of the base image's root filesystem. Every path inside it is
 * resolved without following symbolic links: the rootfs holds absolute links
 * (var/lock -> /run/lock, ...) that would point into the host.
 */

/**
 * `root/rel`, refusing it when a directory on the way is a symbolic link (or missing,
 * unless `allowMissing`). The last segment itself is not checked.
 */
export function insideRoot(root: string, rel: string, allowMissing = false): string | undefined {
  const segments = rel.split('/').filter(Boolean);
  let current = root;
  for (const seg of segments.slice(0, -1)) {
    current = path.join(current, seg);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(current);
    } catch {
      if (allowMissing) return undefined;
      throw new ProvisionError(`${current} does not exist`);
    }
    if (!st.isDirectory()) throw new ProvisionError(`${current} is not a plain directory (symbolic link?)`);
  }
  return path.join(current, segments.at(-1) ?? '');
}

/** Whether a file name matches a pattern segment with `*` wildcards. */
export function matchSegment(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}

/** Deletes the paths a `remove` pattern names (a missing directory matches nothing). Returns how many. */
export function removeMatching(root: string, pattern: string): number {
  const full = insideRoot(root, pattern, true);
  if (!full) return 0;
  const dir = path.dirname(full);
  const last = path.basename(full);
  let names: string[];
  try {
    if (!fs.lstatSync(dir).isDirectory()) return 0;
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let count = 0;
  for (const name of names.filter((n) => matchSegment(last, n))) {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    count++;
  }
  return count;
}

/** Replaces a file by an empty regular file (a symbolic link is replaced, not followed). */
export function emptyFile(root: string, rel: string): void {
  const full = insideRoot(root, rel, true);
  if (!full || !fs.existsSync(path.dirname(full))) return;
  fs.rmSync(full, { force: true });
  fs.writeFileSync(full, '');
}

/** Mount points at or below `dir`, deepest first, from the text of /proc/self/mountinfo. */
export function mountsUnder(mountinfo: string, dir: string): string[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const points = mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => p !== undefined)
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8))))
    .filter((p) => p === dir || p.startsWith(prefix));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

function readMountinfo(): string {
  try {
    return fs.readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return ''; // not Linux
  }
}

/** Removes a rootfs directory, first unmounting anything a failed debootstrap left mounted in it. */
export async function disposeRootfs(dir: string): Promise<void> {
  if (!fs.existsSync(dir)) return;
  for (const m of mountsUnder(readMountinfo(), dir)) await tryRun('umount', ['--lazy', m]);
  if (mountsUnder(readMountinfo(), dir).length) {
    throw new ProvisionError(`cannot unmount what is mounted under ${dir}: remove it by hand`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** debootstrap into `dir`; on failure, the error carries the tail of debootstrap's own log. */
export async function debootstrap(debootstrapPath: string, recipe: Recipe, dir: string, mirror: string): Promise<void> {
  const args = [`--variant=${recipe.variant}`];
  if (recipe.include.length) args.push(`--include=${recipe.include.join(',')}`);
  args.push(recipe.suite, dir, mirror);
  const result = await tryRun(debootstrapPath, args);
  if (result.code === 0) return;
  const logFile = path.join(dir, 'debootstrap', 'debootstrap.log');
  const logText = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
  throw new ProvisionError(
    `debootstrap ${recipe.suite} from ${mirror} failed (exit code ${result.code})`,
    tail(`${result.stdout}\n${result.stderr}\n${logText}`),
  );
}

/** Copies the Node binary running this process into the rootfs as /usr/local/bin/node. */
export function installHostNode(root: string, nodeBinary: string = process.execPath): void {
  const target = insideRoot(root, 'usr/local/bin/node')!;
  fs.copyFileSync(nodeBinary, target);
  fs.chmodSync(target, 0o755);
}

/** Adds the recipe's user and group, as the official node images have (`node`, 1000:1000). */
export async function addUser(root: string, user: NonNullable<Recipe['user']>): Promise<void> {
  const chroot = findExecutable('chroot') ?? 'chroot';
  await run(chroot, [root, 'groupadd', '--gid', String(user.gid), user.name]);
  await run(chroot, [
    root,
    'useradd',
    '--uid',
    String(user.uid),
    '--gid',
    String(user.gid),
    '--shell',
    '/bin/bash',
    '--create-home',
    user.name,
  ]);
}

/** Everything after debootstrap: Node, the user, trimming. */
export async function customizeRootfs(root: string, recipe: Recipe): Promise<void> {
  installHostNode(root);
  if (recipe.user) await addUser(root, recipe.user);
  for (const pattern of recipe.remove) removeMatching(root, pattern);
  for (const file of recipe.emptyFiles) emptyFile(root, file);
}
