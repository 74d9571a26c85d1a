import { promisify } from 'node:util';
import zlib from 'node:zlib';
import * as tar from 'tar-stream';
import yauzl from 'yauzl';
import { ARCHIVE_MEDIA_TYPES, LIMITS, pathProblem, type ArchiveFormat } from '@grader/contracts';
import { MANIFEST_FILES } from './exercise-package';

/**
 * Reads an uploaded exercise package (.tar.gz or .zip) into memory as package path → text,
 * the map parseExercisePackage takes. Nothing is ever written to disk, so no entry can
 * plant a file, and entries that only make sense on a disk are refused outright rather than
 * skipped: links (symbolic or hard), devices and FIFOs, absolute paths and `..`. Every limit
 * is checked against the sizes the archive declares before a byte of the entry is read, and
 * again while reading (a gzip or zip bomb stops at the limit, not at the end of memory).
 */

/** Why an archive was refused; `entry` names the offending entry when there is one. */
export class PackageArchiveError extends Error {
  constructor(
    readonly entry: string | undefined,
    readonly problem: string,
  ) {
    super(entry === undefined ? `the archive ${problem}` : `entry ${JSON.stringify(entry)} ${problem}`);
    this.name = 'PackageArchiveError';
  }
}

const limits = LIMITS.exercisePackage;
const gunzip = promisify(zlib.gunzip);

export function archiveFormatOf(mediaType: string | undefined): ArchiveFormat | undefined {
  const type = mediaType?.split(';')[0]?.trim().toLowerCase();
  return type === undefined ? undefined : ARCHIVE_MEDIA_TYPES[type];
}

export async function readPackageArchive(bytes: Buffer, format: ArchiveFormat): Promise<Record<string, string>> {
  const collector = new EntryCollector();
  if (format === 'tar.gz') {
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new PackageArchiveError(undefined, 'is not gzip-compressed (it was sent as a .tar.gz)');
    await readTarGz(bytes, collector);
  } else {
    if (bytes.subarray(0, 2).toString('latin1') !== 'PK') throw new PackageArchiveError(undefined, 'is not a zip archive (it was sent as one)');
    await readZip(bytes, collector);
  }
  return collector.finish();
}

type EntryKind = 'file' | 'directory' | 'link' | 'special';

/** Applies the same rules to the entries of either format. */
class EntryCollector {
  private readonly files: Record<string, string> = {};
  private entries = 0;
  private total = 0;

  /** Checks an entry from its header alone; returns the package path to read it into, or undefined to skip it. */
  admit(rawName: string, kind: EntryKind, declaredSize: number): string | undefined {
    if (++this.entries > limits.entries) throw new PackageArchiveError(undefined, `has more than ${limits.entries} entries`);
    const name = rawName.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
    if (rawName.startsWith('/') || /^[A-Za-z]:/.test(rawName)) throw new PackageArchiveError(rawName, 'is an absolute path');
    if (rawName.includes('\\')) throw new PackageArchiveError(rawName, 'contains a backslash; use "/" between folder names');
    if (rawName.split('/').includes('..')) throw new PackageArchiveError(rawName, 'goes up a directory (..)');
    if (kind === 'link') throw new PackageArchiveError(rawName, 'is a link (symbolic or hard); a package holds regular files only');
    if (kind === 'special') throw new PackageArchiveError(rawName, 'is a device, FIFO or socket; a package holds regular files only');
    if (name === '' || name === '.') return undefined; // the archive's own top folder
    // Finder and Explorer metadata: never part of an exercise, and binary.
    if (name.split('/').some((segment) => segment === '__MACOSX' || segment === '.DS_Store' || segment.startsWith('._'))) return undefined;
    const problem = pathProblem(name);
    if (problem) throw new PackageArchiveError(rawName, problem);
    if (kind === 'directory') return undefined;
    if (declaredSize > limits.fileBytes) throw new PackageArchiveError(rawName, `is larger than ${limits.fileBytes} bytes`);
    if (this.total + declaredSize > limits.unpackedBytes) throw new PackageArchiveError(undefined, `unpacks to more than ${limits.unpackedBytes} bytes`);
    if (name in this.files) throw new PackageArchiveError(rawName, 'appears twice');
    return name;
  }

  add(name: string, rawName: string, bytes: Buffer): void {
    // Declared sizes were checked; these guard against an archive whose headers lie.
    if (bytes.length > limits.fileBytes) throw new PackageArchiveError(rawName, `is larger than ${limits.fileBytes} bytes`);
    this.total += bytes.length;
    if (this.total > limits.unpackedBytes) throw new PackageArchiveError(undefined, `unpacks to more than ${limits.unpackedBytes} bytes`);
    try {
      this.files[name] = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new PackageArchiveError(rawName, 'is not UTF-8 text; a package holds text files only');
    }
  }

  /** The files, with a single top folder removed when the manifest is inside it (an archive of the folder rather than of its content). */
  finish(): Record<string, string> {
    const paths = Object.keys(this.files);
    if (paths.length === 0) throw new PackageArchiveError(undefined, 'holds no files');
    if (MANIFEST_FILES.some((m) => m in this.files)) return this.files;
    const top = paths[0]!.split('/')[0]!;
    const prefix = `${top}/`;
    if (!paths.every((p) => p.startsWith(prefix)) || !MANIFEST_FILES.some((m) => `${prefix}${m}` in this.files)) return this.files;
    return Object.fromEntries(paths.map((p) => [p.slice(prefix.length), this.files[p]!]));
  }
}

async function readTarGz(bytes: Buffer, collector: EntryCollector): Promise<void> {
  let archive: Buffer;
  try {
    // Tar adds a 512-byte header and up to 511 bytes of padding per entry, and 1 KiB at the end.
    archive = await gunzip(bytes, { maxOutputLength: limits.unpackedBytes + (limits.entries + 1) * 1024 + 10 * 1024 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new PackageArchiveError(undefined, `unpacks to more than ${limits.unpackedBytes} bytes`);
    }
    throw new PackageArchiveError(undefined, `is not valid gzip: ${(err as Error).message}`);
  }
  const extract = tar.extract();
  extract.end(archive);
  try {
    for await (const entry of extract) {
      const { name: rawName, type, size } = entry.header;
      const kind: EntryKind =
        type === 'file' ? 'file' : type === 'directory' ? 'directory' : type === 'link' || type === 'symlink' ? 'link' : 'special';
      const name = collector.admit(rawName, kind, size ?? 0);
      if (name === undefined) {
        entry.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      let read = 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        read += chunk.length;
        if (read > limits.fileBytes) throw new PackageArchiveError(rawName, `is larger than ${limits.fileBytes} bytes`);
        chunks.push(chunk);
      }
      collector.add(name, rawName, Buffer.concat(chunks));
    }
  } catch (err) {
    if (err instanceof PackageArchiveError) throw err;
    throw new PackageArchiveError(undefined, `is not a valid tar archive: ${(err as Error).message}`);
  } finally {
    extract.destroy();
  }
}

/** Unix file type bits of a zip entry made on Unix (the upper half of its external attributes). */
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function zipEntryKind(entry: yauzl.Entry, name: string): EntryKind {
  const fileType = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (fileType === S_IFLNK) return 'link';
  if (fileType !== 0 && fileType !== S_IFREG && fileType !== S_IFDIR) return 'special';
  return fileType === S_IFDIR || name.endsWith('/') ? 'directory' : 'file';
}

async function readZip(bytes: Buffer, collector: EntryCollector): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    // decodeStrings off: we decode and judge the names ourselves, with our messages.
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, file) => (err ? reject(err) : resolve(file))),
    );
  } catch (err) {
    throw new PackageArchiveError(undefined, `is not a valid zip archive: ${(err as Error).message}`);
  }
  if (zip.entryCount > limits.entries) throw new PackageArchiveError(undefined, `has more than ${limits.entries} entries`);

  const readEntry = async (entry: yauzl.Entry): Promise<void> => {
    let rawName: string;
    try {
      rawName = new TextDecoder('utf-8', { fatal: true }).decode(entry.fileNameRaw);
    } catch {
      throw new PackageArchiveError(entry.fileNameRaw.toString('latin1'), 'has a name that is not UTF-8');
    }
    const name = collector.admit(rawName, zipEntryKind(entry, rawName), entry.uncompressedSize);
    if (name === undefined) return;
    if (entry.isEncrypted()) throw new PackageArchiveError(rawName, 'is encrypted');
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, (err, s) => (err ? reject(new PackageArchiveError(rawName, `cannot be read: ${err.message}`)) : resolve(s))),
    );
    const chunks: Buffer[] = [];
    let read = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        read += chunk.length;
        if (read > limits.fileBytes) throw new PackageArchiveError(rawName, `is larger than ${limits.fileBytes} bytes`);
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof PackageArchiveError) throw err;
      throw new PackageArchiveError(rawName, `cannot be read: ${(err as Error).message}`);
    }
    collector.add(name, rawName, Buffer.concat(chunks));
  };

  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => readEntry(entry).then(() => zip.readEntry(), reject));
      zip.once('end', resolve);
      zip.once('error', (err: Error) => reject(err instanceof PackageArchiveError ? err : new PackageArchiveError(undefined, `is not a valid zip archive: ${err.message}`)));
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
