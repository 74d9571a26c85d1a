import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A fingerprint of a docker build context: every entry's relative path, type, mode and
 * content (a symbolic link's target, not what it points to), in a fixed order.
 */

export interface ContextDigest {
  hash: string;
  /** Files and symbolic links, relative with `/` separators: what goes into the build tar. */
  files: string[];
  bytes: number;
}

/** Entries of a directory, recursively, sorted by code unit (stable across locales). */
function walk(root: string, rel: string, visit: (rel: string, st: fs.Stats) => void): void {
  const names = fs.readdirSync(path.join(root, rel)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const childRel = rel ? `${rel}/${name}` : name;
    const st = fs.lstatSync(path.join(root, childRel));
    visit(childRel, st);
    if (st.isDirectory()) walk(root, childRel, visit);
  }
}

export function hashContext(dir: string): ContextDigest {
  const hash = createHash('sha256').update('grader-context-v1\0');
  const files: string[] = [];
  let bytes = 0;
  walk(dir, '', (rel, st) => {
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isDirectory()) {
      hash.update(`d\0${rel}\0${mode}\0`);
    } else if (st.isSymbolicLink()) {
      hash.update(`l\0${rel}\0${fs.readlinkSync(path.join(dir, rel))}\0`);
      files.push(rel);
    } else if (st.isFile()) {
      const content = createHash('sha256').update(fs.readFileSync(path.join(dir, rel))).digest('hex');
      hash.update(`f\0${rel}\0${mode}\0${content}\0`);
      files.push(rel);
      bytes += st.size;
    }
    // sockets, fifos, devices: not part of a build context
  });
  return { hash: hash.digest('hex'), files, bytes };
}

/** The hash an image built from a context carries: the context's plus the base image's id. */
export function imageHash(contextHash: string, baseImageId: string): string {
  return createHash('sha256').update(`${contextHash}\0${baseImageId}`).digest('hex');
}
