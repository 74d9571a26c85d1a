import { storageFull } from './student-query';

describe('a query that filled the temporary storage', () => {
  it("is told by SQLite's and PostgreSQL's error codes for a full disk or a failed write", () => {
    for (const code of ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', '53100']) expect(storageFull(code)).toBe(true);
  });

  it('is not any other error of the query', () => {
    for (const code of ['SQLITE_ERROR', 'SQLITE_CONSTRAINT_NOTNULL', '22P02', '53200']) expect(storageFull(code)).toBe(false);
  });
});
