import fs from 'node:fs';
import path from 'node:path';

/**
 * The Debian mirror this machine's apt uses, so debootstrap fetches from the same place
 * (which is reachable, where deb.debian.org may not be).
 */

export const DEFAULT_MIRROR = 'http://deb.debian.org/debian';

export interface AptSource {
  types: string[];
  uris: string[];
  suites: string[];
}

/** Sources of a deb822 file (*.sources): stanzas separated by blank lines. */
export function parseDeb822(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#')) continue;
      if (/^\s/.test(line) && last) {
        fields.set(last, `${fields.get(last)} ${line.trim()}`);
        continue;
      }
      const m = /^([\w-]+):\s*(.*)$/.exec(line);
      if (m) fields.set((last = m[1]!.toLowerCase()), m[2]!.trim());
    }
    if (fields.get('enabled')?.toLowerCase() === 'no') continue;
    const words = (key: string) => (fields.get(key) ?? '').split(/\s+/).filter(Boolean);
    if (fields.has('uris')) sources.push({ types: words('types'), uris: words('uris'), suites: words('suites') });
  }
  return sources;
}

/** Sources of a one-line-style file (sources.list, *.list): `deb [options] URI suite components`. */
export function parseOneLine(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').replace(/\[[^\]]*\]/, ' ').trim();
    const [type, uri, suite] = line.split(/\s+/);
    if (type && uri && suite) sources.push({ types: [type], uris: [uri], suites: [suite] });
  }
  return sources;
}

/** The first plain http(s) URI of a binary-package source for `suite`, if any. */
export function pickMirror(sources: readonly AptSource[], suite: string): string | undefined {
  for (const s of sources) {
    if (!s.types.includes('deb') || !s.suites.includes(suite)) continue;
    const uri = s.uris.find((u) => /^https?:\/\//.test(u));
    if (uri) return uri.replace(/\/+$/, '');
  }
  return undefined;
}

/** Reads /etc/apt's sources (or another root, for tests) and picks the mirror for `suite`. */
export function findDebianMirror(suite: string, aptDir = '/etc/apt'): string {
  const sources: AptSource[] = [];
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const partsDir = path.join(aptDir, 'sources.list.d');
  let parts: string[] = [];
  try {
    parts = fs.readdirSync(partsDir).sort();
  } catch {
    // no sources.list.d
  }
  for (const name of parts) {
    if (name.endsWith('.sources')) sources.push(...parseDeb822(read(path.join(partsDir, name))));
    else if (name.endsWith('.list')) sources.push(...parseOneLine(read(path.join(partsDir, name))));
  }
  sources.push(...parseOneLine(read(path.join(aptDir, 'sources.list'))));
  return pickMirror(sources, suite) ?? DEFAULT_MIRROR;
}
