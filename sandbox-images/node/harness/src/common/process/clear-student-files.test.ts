import { chmodSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clearStudentFiles } from './clear-student-files';

describe('clearStudentFiles', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'clear-student-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("empties the student's home but keeps the home itself", () => {
    const home = path.join(root, 'home');
    mkdirSync(path.join(home, '.cache', 'deep'), { recursive: true });
    writeFileSync(path.join(home, 'notes.txt'), 'x');
    clearStudentFiles({ studentHome: home, sharedDirs: [], studentUid: -1 });
    expect(readdirSync(home)).toEqual([]);
  });

  it('removes a tree deeper than a path may be long, built by renaming one tree into another', () => {
    const home = path.join(root, 'home');
    const part = 'd'.repeat(200);
    const deep = (top: string) => {
      let p = top;
      while (p.length - top.length < 3_600) p = path.join(p, part);
      mkdirSync(p, { recursive: true });
      return p;
    };
    const a = deep(path.join(home, 'a'));
    deep(path.join(home, 'b'));
    renameSync(path.join(home, 'b'), path.join(a, 'moved'));
    clearStudentFiles({ studentHome: home, sharedDirs: [], studentUid: -1 });
    expect(readdirSync(home)).toEqual([]);
  });

  it("removes only the student's entries from a shared directory", () => {
    const shared = path.join(root, 'tmp');
    mkdirSync(path.join(shared, 'mine'), { recursive: true });
    writeFileSync(path.join(shared, 'file'), 'x');
    clearStudentFiles({ studentHome: path.join(root, 'none'), sharedDirs: [shared], studentUid: -1 });
    expect(readdirSync(shared).sort()).toEqual(['file', 'mine']);
    clearStudentFiles({ studentHome: path.join(root, 'none'), sharedDirs: [shared], studentUid: process.getuid!() });
    expect(readdirSync(shared)).toEqual([]);
  });

  it('removes a planted link without touching what it points to', () => {
    const home = path.join(root, 'home');
    const precious = path.join(root, 'precious');
    mkdirSync(home);
    mkdirSync(precious);
    writeFileSync(path.join(precious, 'keep.txt'), 'x');
    symlinkSync(precious, path.join(home, 'link'));
    clearStudentFiles({ studentHome: home, sharedDirs: [], studentUid: -1 });
    expect(readdirSync(home)).toEqual([]);
    expect(readdirSync(precious)).toEqual(['keep.txt']);
  });

  it('removes a directory the student made read-only', () => {
    const home = path.join(root, 'home');
    mkdirSync(path.join(home, 'locked'), { recursive: true });
    writeFileSync(path.join(home, 'locked', 'file'), 'x');
    chmodSync(path.join(home, 'locked'), 0o500);
    clearStudentFiles({ studentHome: home, sharedDirs: [], studentUid: -1 });
    expect(readdirSync(home)).toEqual([]);
  });
});
