import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * A runtime's metadata, `sandbox-images/<runtime>/runtime.json`, beside its image recipe
 * (Dockerfile, prepare-context.ts): what it is, the exercise kinds its harness grades, and its
 * self-test, exercises whose reference solution must get full marks in the built image
 * (`sandbox-images/runtimes.test.ts` grades them for real).
 */
export const RuntimeMetadata = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** The runtime whose image this one is built on (its harness, runners and packages), else the Debian base. */
  extends: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
  summary: z.string().min(1),
  /** What student code in this image may be written in. */
  languages: z.array(z.string()).min(1),
  /** The exercise kinds this runtime's harness grades. */
  kinds: z.array(z.string()).min(1),
  /** Exercise slugs (under exercises/) whose reference solution must score full marks here. */
  selfTest: z.array(z.string()).min(1),
});
export type RuntimeMetadata = z.infer<typeof RuntimeMetadata>;

const IMAGES_DIR = __dirname;

/** Every runtime folder (one with a runtime.json), with its metadata checked; throws on a malformed file. */
export function listRuntimes(imagesDir: string = IMAGES_DIR): Array<RuntimeMetadata & { dir: string }> {
  return fs
    .readdirSync(imagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(imagesDir, entry.name, 'runtime.json')))
    .map((entry) => {
      const dir = path.join(imagesDir, entry.name);
      const metadata = RuntimeMetadata.parse(JSON.parse(fs.readFileSync(path.join(dir, 'runtime.json'), 'utf8')));
      if (metadata.name !== entry.name) throw new Error(`${dir}/runtime.json names the runtime ${metadata.name}, not its folder's name`);
      return { ...metadata, dir };
    });
}
