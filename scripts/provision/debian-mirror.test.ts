import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MIRROR, findDebianMirror, parseDeb822, parseOneLine, pickMirror } from './debian-mirror';

const DEB822 = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
`;

describe('apt sources', () => {
  it('parses deb822 stanzas, skipping comments', () => {
    expect(parseDeb822(DEB822)).toEqual([
      { types: ['deb'], uris: ['http://deb.debian.org/debian'], suites: ['bookworm', 'bookworm-updates'] },
      { types: ['deb'], uris: ['http://deb.debian.org/debian-security'], suites: ['bookworm-security'] },
    ]);
  });
  it('skips disabled stanzas', () => {
    expect(parseDeb822('Enabled: no\nTypes: deb\nURIs: http://x/debian\nSuites: bookworm\n')).toEqual([]);
  });
  it('parses one-line sources with options and comments', () => {
    const text = '# deb http://old/debian bookworm main\ndeb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian/ bookworm main\ndeb-src http://src/debian bookworm main\n';
    expect(parseOneLine(text)).toEqual([
      { types: ['deb'], uris: ['http://mirror.example/debian/'], suites: ['bookworm'] },
      { types: ['deb-src'], uris: ['http://src/debian'], suites: ['bookworm'] },
    ]);
  });
  it('picks the binary source of the exact suite, without a trailing slash', () => {
    const sources = [
      { types: ['deb-src'], uris: ['http://src/debian'], suites: ['bookworm'] },
      { types: ['deb'], uris: ['http://security/debian-security'], suites: ['bookworm-security'] },
      { types: ['deb'], uris: ['cdrom:[x]/', 'https://m.example/debian/'], suites: ['bookworm'] },
    ];
    expect(pickMirror(sources, 'bookworm')).toBe('https://m.example/debian');
    expect(pickMirror(sources, 'trixie')).toBeUndefined();
  });
  it('reads sources.list.d and sources.list, with a default', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apt-'));
    try {
      expect(findDebianMirror('bookworm', dir)).toBe(DEFAULT_MIRROR);
      fs.writeFileSync(path.join(dir, 'sources.list'), 'deb http://list.example/debian bookworm main\n');
      expect(findDebianMirror('bookworm', dir)).toBe('http://list.example/debian');
      fs.mkdirSync(path.join(dir, 'sources.list.d'));
      fs.writeFileSync(path.join(dir, 'sources.list.d', 'debian.sources'), DEB822);
      fs.writeFileSync(path.join(dir, 'sources.list.d', 'other.list.disabled'), 'deb http://no/debian bookworm main\n');
      expect(findDebianMirror('bookworm', dir)).toBe('http://deb.debian.org/debian');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
