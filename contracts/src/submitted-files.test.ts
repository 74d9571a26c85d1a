import { pathProblem, SubmittedFiles } from './submitted-files';

describe('submitted file names', () => {
  it.each(['query.sql', 'src/app.ts', 'a/b/c-d_e.f.js', '.env.example'])('accepts %s', (p) => {
    expect(pathProblem(p)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['../etc/passwd', /goes up/],
    ['src/../../x', /goes up/],
    ['./query.sql', /"\." segment/],
    ['/etc/passwd', /absolute/],
    ['C:/windows', /absolute/],
    ['\\\\server\\share', /absolute/],
    ['query\u0000.sql', /control character/],
    ['new\nline.sql', /control character/],
    ['src//app.ts', /may only use/],
    ['src/', /may only use/],
    ['with space.sql', /may only use/],
    ['x'.repeat(201), /longer than/],
  ])('rejects %j', (p, reason) => {
    expect(pathProblem(p)).toMatch(reason);
  });

  it('requires at least one file and at most the limit', () => {
    expect(SubmittedFiles.safeParse({}).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}.sql`, '']));
    expect(SubmittedFiles.safeParse(many).success).toBe(false);
    expect(SubmittedFiles.safeParse({ 'query.sql': 'SELECT 1' }).success).toBe(true);
  });

  it('names each bad file name and why', () => {
    const parsed = SubmittedFiles.safeParse({ '../x.sql': '', 'ok.sql': '' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['../x.sql'], message: 'file name "../x.sql" goes up a directory (..)' })]);
  });

  it('refuses a file over the size limit', () => {
    expect(SubmittedFiles.safeParse({ 'query.sql': 'x'.repeat(64 * 1024 + 1) }).success).toBe(false);
  });
});
