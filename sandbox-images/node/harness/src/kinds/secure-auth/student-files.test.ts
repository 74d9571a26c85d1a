import { chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STUDENT } from '../../container-layout';
import { findInStudentFiles } from './student-files';

const asRoot = process.getuid?.() === 0;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'student-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function studentFile(relative: string, text: string): string {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chownSync(file, STUDENT.uid, STUDENT.gid);
  return file;
}

(asRoot ? describe : describe.skip)("searching the student's files for a password kept outside the database", () => {
  it('finds it in a file the app wrote, at any depth', () => {
    const file = studentFile('.cache/npm/passwords.json', '{"ada@example.com":"Y29ycmVjdCBob3JzZQ=="}');
    expect(findInStudentFiles([dir], ['correct horse', 'Y29ycmVjdCBob3JzZQ=='], [], 1024 * 1024)).toBe(file);
  });

  it('leaves out the paths it is told to skip (the database), files of other users and what a link points to', () => {
    const database = studentFile('app.db', 'correct horse');
    const outside = path.join(os.tmpdir(), `not-the-students-${process.pid}`);
    writeFileSync(outside, 'correct horse');
    symlinkSync(outside, path.join(dir, 'link'));
    writeFileSync(path.join(dir, 'root-owned'), 'correct horse');
    try {
      expect(findInStudentFiles([dir], ['correct horse'], [database], 1024 * 1024)).toBeUndefined();
    } finally {
      rmSync(outside, { force: true });
    }
  });
});
