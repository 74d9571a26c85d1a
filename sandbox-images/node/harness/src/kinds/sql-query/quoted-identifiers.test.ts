import { quotedIdentifiers } from './quoted-identifiers';

const names = (sql: string, dialect: 'sqlite' | 'postgres') => [...quotedIdentifiers(sql, dialect)].sort();

describe('quotedIdentifiers', () => {
  it('finds double-quoted names in both dialects, with "" unescaped', () => {
    const sql = 'SELECT c.name AS "Customer", COUNT(*) AS "say ""hi""" FROM customers c';
    expect(names(sql, 'sqlite')).toEqual(['Customer', 'say "hi"']);
    expect(names(sql, 'postgres')).toEqual(['Customer', 'say "hi"']);
  });

  it('finds SQLite\'s backquoted and bracketed names, and an alias written as a string', () => {
    expect(names("SELECT 1 AS `Orders`, 2 AS [Total_Cents], 3 AS 'Name', 'Ada' AS who", 'sqlite')).toEqual(['Name', 'Orders', 'Total_Cents']);
  });

  it('finds nothing in a query whose names are all unquoted', () => {
    expect(names('SELECT name, COUNT(o.id) AS Orders FROM customers', 'sqlite')).toEqual([]);
    expect(names('SELECT name, COUNT(o.id) AS Orders FROM customers', 'postgres')).toEqual([]);
  });

  it('ignores quotes inside string literals and comments', () => {
    const sql = `SELECT 'a "not" name' AS x -- "Comment"\n/* "Block" */ FROM t WHERE y = 'it''s "x"'`;
    expect(names(sql, 'sqlite')).toEqual([]);
    expect(names(sql, 'postgres')).toEqual([]);
  });

  it('skips PostgreSQL\'s escaped strings, dollar quoting and nested comments', () => {
    const sql = `SELECT E'\\' "no"' AS a, $$ "no" $$ AS b, $tag$ "no" $tag$ AS c /* x /* "no" */ "no" */, 1 AS "Yes"`;
    expect(names(sql, 'postgres')).toEqual(['Yes']);
  });

  it('does not take a $1 parameter or a word ending in e for the start of a quote', () => {
    expect(names(`SELECT price'x' , "Q" FROM t WHERE a = $1`, 'postgres')).toEqual(['Q']);
  });
});
