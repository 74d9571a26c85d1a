/**
 * Student side of the rest-endpoint kind: runs as the student's uid in a child process of
 * the harness, one process per test. Loads the student's module (GRADER_APP_ENTRY), gets the
 * app from it (createApp() or the exported app) and serves it on 127.0.0.1:PORT. The harness
 * knows the app is ready when the port accepts a connection.
 *
 * Anything that goes wrong is printed on stderr, as the student should read it, and ends
 * the process with a non-zero code; the harness shows the tail of stderr.
 */
import http from 'node:http';
import { volunteerForOomKiller } from '../process/oom-volunteer';
import { AppExportProblem, appFromExports } from '../rest/app-export';
import { describeStudentError } from '../rest/student-error';

/** Prints the error as the student should read it (the harness quotes it) and ends the process. */
function fail(err: unknown): never {
  // Our own explanations need no stack; the student's errors do.
  const text = err instanceof AppExportProblem ? err.message : describeStudentError(err);
  process.stderr.write(`${text}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const entry = process.env.GRADER_APP_ENTRY;
  const port = Number(process.env.PORT);
  if (!entry || !Number.isInteger(port)) throw new Error('usage: GRADER_APP_ENTRY=<module> PORT=<port> node rest-runner.js');
  // The student's code does not see our port: a stray app.listen(process.env.PORT || 3000) must not take it.
  delete process.env.PORT;
  delete process.env.GRADER_APP_ENTRY;
  volunteerForOomKiller();

  process.on('uncaughtException', fail);
  // Node ends a process with nothing left to do, even one awaiting a promise that can never settle.
  process.once('beforeExit', () => fail(new AppExportProblem('createApp() returned a promise that never settles: your app ended before it could listen')));
  const name = entry.replace(/^\/submission\//, '');

  // A throw in the student's module or in createApp() rejects main: see fail below.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(entry) as unknown;
  const app = await appFromExports(exported, name);
  const server = http.createServer(app as http.RequestListener);
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') fail(new AppExportProblem(`port ${port} is already taken: do not call app.listen() yourself, export createApp() instead`));
    fail(err);
  });
  server.listen(port, '127.0.0.1');
}

main().catch(fail);
