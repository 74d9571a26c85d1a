import zlib from 'node:zlib';
import yazl from 'yazl';
import { LIMITS } from '@grader/contracts';
import { packageTarGz, packTarGz } from './package-archive-writer';
import { archiveFormatOf, PackageArchiveError, readPackageArchive } from './package-archive';

const files = { 'exercise.yaml': 'slug: x\n', 'solution/query.sql': 'SELECT 1\n' };

function zipOf(entries: Array<{ name: string; text?: string; mode?: number; directory?: boolean }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if (e.directory) zip.addEmptyDirectory(e.name);
    else zip.addBuffer(Buffer.from(e.text ?? ''), e.name, e.mode === undefined ? {} : { mode: e.mode });
  }
  zip.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
  });
}

async function refusal(promise: Promise<unknown>): Promise<PackageArchiveError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PackageArchiveError) return err;
    throw err;
  }
  throw new Error('expected the archive to be refused');
}

describe('reading an uploaded package archive', () => {
  it('knows the archive media types', () => {
    expect(archiveFormatOf('application/gzip')).toBe('tar.gz');
    expect(archiveFormatOf('application/x-tar+gzip; charset=binary')).toBe('tar.gz');
    expect(archiveFormatOf('application/zip')).toBe('zip');
    expect(archiveFormatOf('application/json')).toBeUndefined();
  });

  it('reads a .tar.gz and a .zip into the same map of text files', async () => {
    expect(await readPackageArchive(await packageTarGz(files), 'tar.gz')).toEqual(files);
    expect(await readPackageArchive(await zipOf(Object.entries(files).map(([name, text]) => ({ name, text }))), 'zip')).toEqual(files);
  });

  it('takes an archive of the folder itself: a single top folder holding the manifest is removed, as is "./"', async () => {
    const tar = await packTarGz([
      { header: { name: './', type: 'directory' } },
      { header: { name: './my-exercise/', type: 'directory' } },
      ...Object.entries(files).map(([name, content]) => ({ name: `./my-exercise/${name}`, content })),
    ]);
    expect(await readPackageArchive(tar, 'tar.gz')).toEqual(files);
  });

  it('skips Finder metadata rather than refusing the archive', async () => {
    const zip = await zipOf([...Object.entries(files).map(([name, text]) => ({ name, text })), { name: '__MACOSX/._exercise.yaml', text: '\u0000\u0005' }]);
    expect(await readPackageArchive(zip, 'zip')).toEqual(files);
  });

  it.each([
    ['a symbolic link', { name: 'statement.md', type: 'symlink' as const, linkname: '/etc/passwd' }, 'statement.md', /is a link/],
    ['a hard link', { name: 'statement.md', type: 'link' as const, linkname: 'exercise.yaml' }, 'statement.md', /is a link/],
    ['a character device', { name: 'tty', type: 'character-device' as const }, 'tty', /device, FIFO or socket/],
    ['a FIFO', { name: 'pipe', type: 'fifo' as const }, 'pipe', /device, FIFO or socket/],
  ])('refuses a .tar.gz holding %s, naming the entry', async (_what, header, entry, problem) => {
    const err = await refusal(readPackageArchive(await packTarGz([...Object.entries(files).map(([name, content]) => ({ name, content })), { header }]), 'tar.gz'));
    expect(err.entry).toBe(entry);
    expect(err.problem).toMatch(problem);
  });

  it.each([
    ['goes up a directory', '../evil.sql', /goes up a directory/],
    ['goes up inside a path', 'datasets/../../evil.sql', /goes up a directory/],
    ['is absolute', '/etc/cron.d/evil', /absolute path/],
    ['uses a backslash', 'datasets\\evil.sql', /backslash/],
    ['has a control character', 'evil\u0001.sql', /control character/],
  ])('refuses an entry whose name %s', async (_what, name, problem) => {
    const err = await refusal(readPackageArchive(await packTarGz([{ name, content: 'x' }]), 'tar.gz'));
    expect(err.entry).toBe(name);
    expect(err.problem).toMatch(problem);
  });

  it('refuses a zip entry that is a symbolic link (Unix mode bits)', async () => {
    const err = await refusal(readPackageArchive(await zipOf([{ name: 'exercise.yaml', text: 'slug: x' }, { name: 'statement.md', text: '/etc/passwd', mode: 0o120777 }]), 'zip'));
    expect(err.entry).toBe('statement.md');
    expect(err.problem).toMatch(/is a link/);
  });

  it('refuses a file that is not UTF-8 text', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from([0xff, 0xfe, 0x00, 0xc3]), 'blob.bin');
    zip.end();
    const chunks: Buffer[] = [];
    await new Promise((resolve) => zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', resolve));
    const err = await refusal(readPackageArchive(Buffer.concat(chunks), 'zip'));
    expect(err).toMatchObject({ entry: 'blob.bin', problem: expect.stringMatching(/not UTF-8/) });
  });

  it('refuses a file over the per-file limit before reading it', async () => {
    const big = 'a'.repeat(LIMITS.exercisePackage.fileBytes + 1);
    const err = await refusal(readPackageArchive(await packTarGz([{ name: 'datasets/huge.sql', content: big }]), 'tar.gz'));
    expect(err).toMatchObject({ entry: 'datasets/huge.sql', problem: expect.stringMatching(/larger than/) });
  });

  it('stops a gzip bomb at the unpacked limit', async () => {
    const chunk = 'a'.repeat(LIMITS.exercisePackage.fileBytes - 10);
    const count = Math.ceil(LIMITS.exercisePackage.unpackedBytes / chunk.length) + 1;
    const tar = await packTarGz(Array.from({ length: count }, (_, i) => ({ name: `datasets/part-${i}.sql`, content: chunk })));
    expect(tar.length).toBeLessThan(200 * 1024);
    const err = await refusal(readPackageArchive(tar, 'tar.gz'));
    expect(err.problem).toMatch(/unpacks to more than/);
  });

  it('refuses more entries than the limit', async () => {
    const entries = Array.from({ length: LIMITS.exercisePackage.entries + 1 }, (_, i) => ({ name: `f${i}.txt`, text: 'x' }));
    const err = await refusal(readPackageArchive(await zipOf(entries), 'zip'));
    expect(err.problem).toMatch(/more than \d+ entries/);
  });

  it('refuses bytes that are not the format they were sent as', async () => {
    expect((await refusal(readPackageArchive(Buffer.from('PK not gzip'), 'tar.gz'))).problem).toMatch(/not gzip/);
    expect((await refusal(readPackageArchive(zlib.gzipSync('not a tar archive at all'), 'tar.gz'))).problem).toMatch(/tar|no files/);
    expect((await refusal(readPackageArchive(Buffer.from('PK\u0003\u0004 truncated'), 'zip'))).problem).toMatch(/not a valid zip/);
  });
});
