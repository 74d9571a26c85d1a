import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST_SCHEMA_FILE, manifestJsonSchema, manifestJsonSchemaText } from './manifest-json-schema';

const REPO_ROOT = path.resolve(__dirname, '../..');

describe('the manifest JSON Schema', () => {
  it('is committed exactly as the zod schema generates it (regenerate: npm run exercise -- schema)', () => {
    const committed = fs.readFileSync(path.join(REPO_ROOT, MANIFEST_SCHEMA_FILE), 'utf8');
    expect(committed).toBe(manifestJsonSchemaText());
  });

  it('describes what an author writes: one branch per kind, defaulted fields optional', () => {
    const schema = manifestJsonSchema() as { oneOf: Array<{ properties: { kind: { const: string } }; required: string[] }> };
    const kinds = schema.oneOf.map((branch) => branch.properties.kind.const);
    expect(kinds).toEqual(expect.arrayContaining(['sql-query', 'rest-endpoint']));
    for (const branch of schema.oneOf) {
      expect(branch.required).toEqual(expect.arrayContaining(['slug', 'title', 'kind', 'files', 'solution', 'maxScore', 'tests']));
      expect(branch.required).not.toContain('runtime');
      expect(branch.required).not.toContain('statement');
    }
  });

  it('is referenced by every catalogue exercise.yaml', () => {
    const exercises = path.join(REPO_ROOT, 'exercises');
    for (const name of fs.readdirSync(exercises)) {
      const manifest = path.join(exercises, name, 'exercise.yaml');
      if (!fs.existsSync(manifest)) continue;
      expect(fs.readFileSync(manifest, 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/docs\/exercise\.schema\.json$/m);
    }
  });
});
