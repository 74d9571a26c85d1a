import { parseExercisePackage, ExercisePackageError } from './exercise-package';
import { locateInManifest, manifestSyntaxProblem } from './manifest-locations';

const problemsOf = (files: Record<string, string>) => {
  try {
    parseExercisePackage('pkg', files);
  } catch (err) {
    return (err as ExercisePackageError).located;
  }
  throw new Error('expected the package to be refused');
};

describe('where a manifest problem is written', () => {
  const yaml = ['slug: count-rows', 'title: Count', 'tests:', '  - name: first', '    maxScore: two', '  - name: second', ''].join('\n');

  it('points at the value of a nested field (1-based line and column)', () => {
    expect(locateInManifest(yaml, ['tests', 0, 'maxScore'])).toEqual({ line: 5, column: 15 });
    expect(locateInManifest(yaml, ['title'])).toEqual({ line: 2, column: 8 });
  });

  it('points at the nearest enclosing value when the field is missing', () => {
    expect(locateInManifest(yaml, ['tests', 1, 'sql'])).toEqual({ line: 6, column: 5 });
    expect(locateInManifest(yaml, ['kind'])).toEqual({ line: 1, column: 1 });
  });

  it('locates JSON manifests too, read as YAML', () => {
    const json = '{\n  "slug": "x",\n  "tests": [\n    { "name": 3 }\n  ]\n}\n';
    expect(locateInManifest(json, ['tests', 0, 'name'])).toEqual({ line: 4, column: 15 });
  });

  it('says nothing of a text that does not parse', () => {
    expect(locateInManifest('a: [', ['a'])).toBeUndefined();
  });
});

describe('a manifest that does not parse', () => {
  it('is one line naming the YAML problem, its line and column, without the code frame', () => {
    const [problem] = problemsOf({ 'exercise.yaml': 'slug: x\ntitle: [x\nkind: sql-query\n' });
    expect(problem).toMatchObject({ file: 'exercise.yaml', line: expect.any(Number), column: expect.any(Number) });
    expect(problem!.message).toMatch(/^exercise\.yaml is not valid YAML: .+ \(line \d+, column \d+\)$/);
    expect(problem!.message).not.toContain('\n');
  });

  it('turns JSON.parse’s character position into a line and column', () => {
    const text = '{\n  "slug": "x",\n  "title" "y"\n}';
    let err: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e;
    }
    const problem = manifestSyntaxProblem('exercise.json', text, err);
    expect(problem).toMatchObject({ file: 'exercise.json', line: 3, column: 11 });
  });

  it('locates each schema problem of a manifest that parses', () => {
    const problems = problemsOf({ 'exercise.yaml': 'slug: x\nkind: sql-query\ntitle: 1\n' });
    expect(problems.find((p) => p.message.startsWith('exercise.yaml: title'))).toMatchObject({ file: 'exercise.yaml', line: 3, column: 8 });
    // A missing field: the manifest's start, the nearest place that exists.
    expect(problems.find((p) => p.message.startsWith('exercise.yaml: tests'))).toMatchObject({ line: 1, column: 1 });
  });
});
