import { checkSubmittedText } from './submitted-text';

describe('submitted text', () => {
  it('removes a leading byte-order mark and says so', () => {
    const checked = checkSubmittedText({ 'query.sql': '\uFEFFSELECT 1', 'other.sql': 'SELECT 2' });
    expect(checked.files).toEqual({ 'query.sql': 'SELECT 1', 'other.sql': 'SELECT 2' });
    expect(checked.notices).toEqual(['query.sql: the byte-order mark at the start of the file was removed.']);
    expect(checked.problems).toEqual([]);
  });

  it('keeps a byte-order mark that is not at the start (it is an ordinary character there)', () => {
    expect(checkSubmittedText({ 'a.js': "const s = '\uFEFF';" }).files['a.js']).toBe("const s = '\uFEFF';");
  });

  it('accepts tabs, line breaks of every convention, form feeds and any printable Unicode', () => {
    const checked = checkSubmittedText({ 'a.py': 'def f():\r\n\treturn "é 😀"\n\f\n' });
    expect(checked.problems).toEqual([]);
    expect(checked.notices).toEqual([]);
  });

  it('refuses a NUL, naming the file, the line and the column', () => {
    const checked = checkSubmittedText({ 'query.sql': 'SELECT 1\n-- end\u0000' });
    expect(checked.problems).toEqual([{ file: 'query.sql', message: expect.stringMatching(/^line 2, column 7: U\+0000 \(NUL\); remove it/) }]);
  });

  it.each([
    ['escape', '\u001b[31m', 'U+001B (ESC)'],
    ['vertical tab', 'a\u000bb', 'U+000B (vertical tab)'],
    ['delete', 'a\u007f', 'U+007F (DEL)'],
    ['a C1 control', 'a\u0085', 'U+0085 (a control character)'],
    ['a lone high surrogate', 'a\ud800b', 'U+D800 (a lone surrogate'],
    ['a lone low surrogate', 'a\udc00', 'U+DC00 (a lone surrogate'],
  ])('refuses %s', (_name, text, said) => {
    expect(checkSubmittedText({ 'app.js': text }).problems[0]?.message).toContain(said);
  });

  it('counts columns after a removed byte-order mark as the student sees them', () => {
    expect(checkSubmittedText({ 'q.sql': '\uFEFFab\u0000' }).problems[0]?.message).toMatch(/^line 1, column 3:/);
  });

  it('lists the first three places and counts the rest', () => {
    const message = checkSubmittedText({ 'q.sql': '\u0001\u0002\u0003\u0004\u0005' }).problems[0]?.message;
    expect(message).toMatch(/column 1.*column 2.*column 3.* and 2 more; remove them/);
  });
});
