import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptyFile, insideRoot, matchSegment, mountsUnder, removeMatching } from './rootfs';

describe('rootfs paths', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rootfs-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'host-'));
    fs.mkdirSync(path.join(root, 'usr/share/doc/pkg'), { recursive: true });
    fs.writeFileSync(path.join(root, 'usr/share/doc/pkg/README'), 'x');
    fs.writeFileSync(path.join(root, 'usr/share/doc/keep.txt'), 'x');
    fs.mkdirSync(path.join(root, 'var'));
    fs.writeFileSync(path.join(outside, 'precious'), 'host file');
    // Like var/lock -> /run/lock in a real rootfs: an absolute link to the host.
    fs.symlinkSync(outside, path.join(root, 'var', 'lock'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('matches * wildcards in one segment', () => {
    expect(matchSegment('*.deb', 'a_1.0.deb')).toBe(true);
    expect(matchSegment('*.deb', 'a.debx')).toBe(false);
    expect(matchSegment('*', '.hidden')).toBe(true);
    expect(matchSegment('a.b', 'axb')).toBe(false);
  });
  it('removes what a pattern names', () => {
    expect(removeMatching(root, 'usr/share/doc/*')).toBe(2);
    expect(fs.readdirSync(path.join(root, 'usr/share/doc'))).toEqual([]);
    expect(removeMatching(root, 'usr/share/man/*')).toBe(0);
  });
  it('never follows a symbolic link out of the rootfs', () => {
    expect(() => removeMatching(root, 'var/lock/*')).toThrow(/symbolic link/);
    expect(fs.readFileSync(path.join(outside, 'precious'), 'utf8')).toBe('host file');
    expect(() => insideRoot(root, 'var/lock/x')).toThrow(/symbolic link/);
  });
  it('empties a file, replacing a symbolic link rather than writing through it', () => {
    fs.mkdirSync(path.join(root, 'etc'));
    fs.symlinkSync(path.join(outside, 'precious'), path.join(root, 'etc', 'resolv.conf'));
    emptyFile(root, 'etc/resolv.conf');
    expect(fs.lstatSync(path.join(root, 'etc', 'resolv.conf')).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(root, 'etc', 'resolv.conf'), 'utf8')).toBe('');
    expect(fs.readFileSync(path.join(outside, 'precious'), 'utf8')).toBe('host file');
    emptyFile(root, 'missing/dir/file'); // nothing to do
  });
  it('finds mounts under a directory, deepest first, decoding escapes', () => {
    const mountinfo = [
      '22 1 8:1 / / rw - ext4 /dev/vda rw',
      '40 22 0:5 / /work/.build/base-rootfs/proc rw - proc proc rw',
      '41 40 0:6 / /work/.build/base-rootfs/proc/sys/fs/binfmt_misc rw - binfmt_misc x rw',
      '42 22 0:7 / /work/.build/base-rootfs-other rw - tmpfs x rw',
      '43 22 0:8 / /work/.build/base-rootfs/a\\040b rw - tmpfs x rw',
    ].join('\n');
    expect(mountsUnder(mountinfo, '/work/.build/base-rootfs')).toEqual([
      '/work/.build/base-rootfs/proc/sys/fs/binfmt_misc',
      '/work/.build/base-rootfs/proc',
      '/work/.build/base-rootfs/a b',
    ]);
  });
});
