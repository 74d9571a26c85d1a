import { holdsMarker, markerIndex } from './taint-forms';

const marker = 'zqbcdfghjk';

it('spreads no ordinary word: only a generated marker is looked for with filler between its letters', () => {
  expect(markerIndex("SELECT 'c#u#s#t#o#m#e#r'", ['customer'])).toBe(-1);
  expect(markerIndex(`SELECT '${[...marker].join('#')}'`, [marker])).toBe(8);
});
const hex = Buffer.from(marker).toString('hex');
const codes = [...marker].map((c) => c.charCodeAt(0));

describe('a taint marker in a statement', () => {
  it.each([
    ['as it is, in any case', `SELECT 1 WHERE name = 'x${marker.toUpperCase()}'`],
    ['as a blob literal', `SELECT 1 WHERE name = CAST(X'${hex}' AS TEXT)`],
    ['as a blob literal in capitals, inside a longer input', `SELECT 1 WHERE name = CAST(x'41${hex.toUpperCase()}42' AS TEXT)`],
    ['as char(…) of its code points', `SELECT 1 WHERE name = char(${codes.join(', ')})`],
    ['as char(…) joined with ||', `SELECT 1 WHERE name = ${codes.map((c) => `char(${c})`).join(' || ')}`],
    ['as one-letter literals joined with ||', `SELECT 1 WHERE name = ${[...marker].map((c) => `'${c}'`).join(' || ')}`],
    ['as blob pieces joined with ||', `SELECT 1 WHERE name = ${[...hex.match(/../g)!].map((h) => `X'${h}'`).join('||')}`],
    ['spread with a control character between its letters, joined again by replace()', `SELECT 1 WHERE name = replace('${[...marker].join('\x01')}', char(1), '')`],
    ['spread with three characters between its letters', `SELECT 1 WHERE name = replace('${[...marker].join('#@!')}', '#@!', '')`],
  ])('is found %s', (_how, sql) => {
    expect(holdsMarker(sql, marker)).toBe(true);
    expect(markerIndex(sql, ['', marker])).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['a statement with parameters', 'SELECT id FROM users WHERE username = ? AND password_hash = ?'],
    ['another blob', "SELECT X'7a71' || 'bcd'"],
    ['the marker split by a comment (deliberate: judged on behaviour)', "SELECT 'zq'/**/||'bcdfghjk'"],
    ['its letters spread wider than four apart', `SELECT replace('${[...marker].join('....')}', '....', '')`],
    ['its letters out of order', "SELECT 'qzbcdfghjk'"],
  ])('is not found in %s', (_how, sql) => {
    expect(holdsMarker(sql, marker)).toBe(false);
  });

  it('points at the marker where it is written as it is', () => {
    expect(markerIndex(`abc ${marker}`, [marker])).toBe(4);
  });
});

describe('a numeric marker (nine digits, for an id)', () => {
  it.each([
    ['pasted as a number', 'UPDATE users SET email = ? WHERE id = 912345678'],
    ['pasted in quotes', "UPDATE users SET email = ? WHERE id = '912345678'"],
    ['at the end of the text', 'DELETE FROM users WHERE id=912345678'],
  ])('is found %s', (_how, sql) => {
    expect(holdsMarker(sql, '912345678')).toBe(true);
  });

  it.each([
    ['inside a longer number', 'SELECT 19123456780'],
    ['as the start of a longer number', 'SELECT 9123456789'],
    ['a statement with parameters', 'UPDATE users SET email = ? WHERE id = ?'],
  ])('is not found %s', (_how, sql) => {
    expect(holdsMarker(sql, '912345678')).toBe(false);
  });
});
