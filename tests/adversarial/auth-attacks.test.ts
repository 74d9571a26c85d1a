import fs from 'node:fs';
import path from 'node:path';
import { startPipeline, type Pipeline } from '../support/pipeline';

/**
 * Hostile secure-auth apps against the harness that reads their database (auth-notes-jwt,
 * through the real pipeline). Each is the reference solution with one change that tries to pass
 * the password-storage test without storing passwords safely, or to make the harness (root)
 * read the grader's files or hang on its database: none scores above the reference minus that
 * test, none is the grader's error, and no result holds a line of the hidden tests module.
 */
const EXERCISE = 'auth-notes-jwt';
const PACKAGE = path.join(__dirname, '../../exercises', EXERCISE);
const REFERENCE = fs.readFileSync(path.join(PACKAGE, 'solution/app.js'), 'utf8');
const TESTS_MODULE = fs.readFileSync(path.join(PACKAGE, 'tests/cases.js'), 'utf8');
const OPEN = 'const db = new Database(process.env.DATABASE_PATH);';
/** The reference with its database opened by `replacement` instead. */
const opening = (replacement: string) => {
  if (!REFERENCE.includes(OPEN)) throw new Error(`the reference no longer opens its database with ${OPEN}`);
  return REFERENCE.replace(OPEN, () => replacement);
};
const PASSWORD_STORAGE_POINTS = 3;

const HOSTILE: Array<{ threat: string; source: string; says: RegExp }> = [
  {
    threat: 'DATABASE_PATH turned into a symbolic link to the hidden tests module, the real database kept open under another name',
    source: opening(`const db = new Database(process.env.DATABASE_PATH + '.real');
  require('node:fs').symlinkSync('/grader/package/tests/cases.js', process.env.DATABASE_PATH);`),
    says: /symbolic link/,
  },
  {
    threat: 'DATABASE_PATH turned into a FIFO, to hang the harness that opens it',
    source: opening(`const db = new Database(process.env.DATABASE_PATH + '.real');
  require('node:child_process').execFileSync('mkfifo', [process.env.DATABASE_PATH]);`),
    says: /not a regular file/,
  },
  {
    threat: 'a view named users that shows bcrypt hashes while the accounts table keeps the passwords',
    source: opening(`const db = new Database(process.env.DATABASE_PATH);
  db.exec("CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT UNIQUE, password TEXT); CREATE VIEW users AS SELECT id, email, '$2b$10$' || substr(hex(randomblob(40)), 1, 53) AS password_hash FROM accounts");
  db.exec = () => db;`).replace(/INSERT INTO users \(email, password_hash\) VALUES \(\?, \?\)'\)\.run\(email, bcrypt\.hashSync\(password, 10\)\)/, "INSERT INTO accounts (email, password) VALUES (?, ?)').run(email, password)"),
    says: /no such table: users/,
  },
  {
    threat: 'the hash the tests look for, and the password itself in another table',
    source: opening(`const db = new Database(process.env.DATABASE_PATH);
  db.exec('CREATE TABLE audit (email TEXT, password TEXT)');`).replace("res.status(201).json({ id: Number(lastInsertRowid), email });", "db.prepare('INSERT INTO audit VALUES (?, ?)').run(email, password);\n    res.status(201).json({ id: Number(lastInsertRowid), email });"),
    says: /the password itself \(as is, or base64 or hex\) is stored in your database/,
  },
  {
    threat: 'the hash the tests look for, and every password base64-encoded in a file of the temporary directory',
    source: opening(`const db = new Database(process.env.DATABASE_PATH);
  const keep = (email, password) => require('node:fs').appendFileSync(require('node:os').tmpdir() + '/.npm-cache.json', JSON.stringify({ [email]: Buffer.from(password).toString('base64') }) + '\\n');`).replace("res.status(201).json({ id: Number(lastInsertRowid), email });", "keep(email, password);\n    res.status(201).json({ id: Number(lastInsertRowid), email });"),
    says: /the password is written to \/tmp\/\.npm-cache\.json, outside your database/,
  },
];

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
}, 180_000);
afterAll(async () => {
  await pipeline?.close();
});

describe("hostile secure-auth apps earn nothing from the harness's reading of their database", () => {
  it.each(HOSTILE)('loses the password-storage test, is never the grader’s error, and reads nothing hidden: $threat', async ({ source, says }) => {
    const graded = await pipeline.student.submitAndWait(EXERCISE, { 'app.js': source });
    expect({ status: graded.status, graderError: graded.status === 'error' ? pipeline.graderErrorOf(graded.id) : undefined }).toEqual({ status: 'graded', graderError: undefined });
    expect(graded.score).toBeLessThanOrEqual(graded.maxScore - PASSWORD_STORAGE_POINTS);
    const storage = (graded.tests as Array<{ name: string; status: string; message: string }>).find((t) => t.name === 'stores passwords only as slow salted hashes');
    expect(storage).toMatchObject({ status: 'failed', message: expect.stringMatching(says) });
    const result = JSON.stringify(graded);
    for (const line of TESTS_MODULE.split('\n').filter((l) => l.trim().length > 30)) expect(result).not.toContain(line.trim());
  }, 180_000);
});
