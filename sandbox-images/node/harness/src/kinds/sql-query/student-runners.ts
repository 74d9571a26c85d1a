import { harnessRunner } from '../../common/student-runner';

/** Runs the student's query on one SQLite database (or, with --session, on many generated ones). */
export const SQL_RUNNER = harnessRunner('sql-runner.js', 'kinds/sql-query/student/sql-runner.ts');
/** The PostgreSQL engine (a PostgreSQL 15 server and its runner) of the sql-query kind, one per submission (and one, trusted, for the reference). */
export const PG_RUNNER = harnessRunner('pg-runner.js', 'kinds/sql-query/student/pg-runner.ts');
