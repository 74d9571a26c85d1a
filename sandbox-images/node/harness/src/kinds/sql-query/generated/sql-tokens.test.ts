import { splitStatements, sqlTokens } from './sql-tokens';

describe('the SQL scanner', () => {
  it('splits a script at the semicolons outside strings, comments and parentheses', () => {
    const script = "CREATE TABLE t (a text DEFAULT ';');\n-- a comment; still one\nINSERT INTO t VALUES ('x;y'); /* ; */ SELECT 1;";
    expect(splitStatements(script, 'sqlite')).toEqual(["CREATE TABLE t (a text DEFAULT ';')", "-- a comment; still one\nINSERT INTO t VALUES ('x;y')", '/* ; */ SELECT 1']);
  });

  it("reads PostgreSQL's dollar quotes and E'' strings as strings", () => {
    const tokens = sqlTokens("SELECT $$a;b$$, E'it\\'s', 'o''k'", 'postgres');
    expect(tokens.filter((t) => t.kind === 'string').map((t) => t.text)).toEqual(['a;b', "it\\'s", "o'k"]);
  });

  it('counts the parentheses around each token', () => {
    const tokens = sqlTokens('SELECT sum(x) OVER (ORDER BY y) FROM t ORDER BY z', 'sqlite');
    const orders = tokens.filter((t) => t.kind === 'word' && t.text === 'ORDER');
    expect(orders.map((t) => t.depth)).toEqual([1, 0]);
  });
});
