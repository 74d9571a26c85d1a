import zlib from 'node:zlib';
import * as tar from 'tar-stream';

/** One entry to pack: a file with its text, or any other tar header (tests build hostile archives with these). */
export type TarEntry = { name: string; content: string } | { header: tar.Header | (Partial<tar.Header> & { name: string }) };

/** A .tar.gz of the given entries, built in memory: how `npm run exercise -- push` uploads a folder. */
export async function packTarGz(entries: Iterable<TarEntry>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      const callback = (err?: Error | null) => (err ? reject(err) : resolve());
      if ('content' in entry) pack.entry({ name: entry.name, mode: 0o644 }, entry.content, callback);
      else pack.entry(entry.header, callback); // links, folders and devices have no body and finish by themselves
    });
  }
  pack.finalize();
  await done;
  return zlib.gzipSync(Buffer.concat(chunks));
}

/** The files of a package, as a .tar.gz. */
export function packageTarGz(files: Record<string, string>): Promise<Buffer> {
  return packTarGz(
    Object.keys(files)
      .sort()
      .map((name) => ({ name, content: files[name]! })),
  );
}
