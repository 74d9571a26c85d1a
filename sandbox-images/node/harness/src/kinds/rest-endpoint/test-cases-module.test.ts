import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTestCases, TestCasesDefect } from './test-cases-module';

describe("loading the instructor's tests module", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rest-cases-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds each case by id, and the module may require its neighbours', () => {
    const cases = loadTestCases(
      'tests/cases.js',
      {
        'tests/cases.js': "const { book } = require('./helpers');\nmodule.exports = { 'lists-books': async () => book };",
        'tests/helpers.js': "module.exports = { book: 'Dune' };",
        'solution/app.js': '',
      },
      dir,
    );
    expect(typeof cases.get('lists-books')).toBe('function');
  });

  it('calls a missing case an exercise defect that names what the module has', () => {
    const cases = loadTestCases('cases.js', { 'cases.js': "module.exports = { 'a': async () => {} };" }, dir);
    expect(() => cases.get('b')).toThrow(new TestCasesDefect('the tests module cases.js has no test case "b" (it exports "a")'));
    expect(() => cases.get('toString')).toThrow(TestCasesDefect);
  });

  it('calls a module that throws while loading an exercise defect', () => {
    expect(() => loadTestCases('cases.js', { 'cases.js': 'throw new Error("broken")' }, dir)).toThrow(/the tests module cases.js failed to load: Error: broken/);
  });

  it('refuses a package path that climbs out', () => {
    expect(() => loadTestCases('cases.js', { '../cases.js': '' }, dir)).toThrow(/goes up/);
  });
});
