import fs from 'node:fs';
import path from 'node:path';

/** Every production file of the package, recursively. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the contracts package', () => {
  it('imports nothing but zod and its own files, so that the browser can import it', () => {
    const offending = sourceFiles(__dirname).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]/gm)]
        .map((m) => (m[1] ?? m[2] ?? m[3])!)
        .filter((spec) => spec !== 'zod' && !spec.startsWith('./') && !spec.startsWith('../'))
        .map((spec) => `${path.relative(__dirname, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
