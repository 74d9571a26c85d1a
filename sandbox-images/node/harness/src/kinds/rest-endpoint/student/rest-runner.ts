/**
 * Student side of the rest-endpoint kind: runs as the student's uid in a child process of
 * the harness, one process per test. Loads the student's module (GRADER_APP_ENTRY), gets the
 * app from it (createApp() or the exported app) and serves it on 127.0.0.1:PORT. The harness
 * knows the app is ready when the port accepts a connection.
 *
 * For generated checks the same process serves many sequences of requests, each from a fresh
 * start (GRADER_RESET_TOKEN set): a POST to /.grader-reset/<token> makes it drop the app, close
 * the servers the student's code opened itself, forget every module of the student's (so that
 * state kept at a module's top level starts over too), load the entry again and build a new
 * app; it answers 204 once the new app serves, or 500 with the error. A module that is slow to
 * load (SLOW_RELOAD_CPU_MS) is loaded again only once: later resets call its createApp() again
 * on the module already loaded (state kept at its top level then carries over, which the check
 * tells apart by confirming a difference in a fresh process). The harness uses the same
 * runner, as its own user, for the reference app, listening on a Unix socket only it can reach
 * (GRADER_APP_SOCKET) instead of a port.
 *
 * Anything that goes wrong is printed on stderr, as the student should read it, and ends
 * the process with a non-zero code; the harness shows the tail of stderr.
 */
import { rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { volunteerForOomKiller } from '../../../common/process/oom-volunteer';
import { AppExportProblem, appFromExports, buildsFreshApps, type RequestHandler } from '../app-export';
import { RESET_PATH_PREFIX } from '../reset-path';
import { describeStudentError } from '../../../common/student-error';

/**
 * CPU time of loading the student's files again at a reset, milliseconds, beyond which later
 * resets keep the loaded module and only call createApp() again. A student's files load again in
 * a few milliseconds (the packages stay loaded); a module that computes a table at its top level
 * may take seconds, and a generated check resets before each of its hundred or so sequences:
 * reloading it each time would spend the check's time on the same start, and fail a correct app
 * as too slow (a 1.5 s load left time for 6 of 40 sequences). CPU rather than wall time, so that
 * a busy host does not change which way a submission is reset.
 */
const SLOW_RELOAD_CPU_MS = 50;

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
  const socketPath = process.env.GRADER_APP_SOCKET;
  const resetToken = process.env.GRADER_RESET_TOKEN;
  if (!entry || (!socketPath && !Number.isInteger(port))) throw new Error('usage: GRADER_APP_ENTRY=<module> PORT=<port> | GRADER_APP_SOCKET=<path> [GRADER_RESET_TOKEN=<token>] node rest-runner.js');
  // The student's code does not see our port: a stray app.listen(process.env.PORT || 3000) must not take it.
  delete process.env.PORT;
  delete process.env.GRADER_APP_ENTRY;
  delete process.env.GRADER_APP_SOCKET;
  delete process.env.GRADER_RESET_TOKEN;
  const givenName = process.env.GRADER_APP_NAME;
  delete process.env.GRADER_APP_NAME;
  volunteerForOomKiller();

  process.on('uncaughtException', fail);
  // Node ends a process with nothing left to do, even one awaiting a promise that can never settle.
  process.once('beforeExit', () => fail(new AppExportProblem('createApp() returned a promise that never settles: your app ended before it could listen')));
  // The entry as the student wrote it (app.ts, not the app.js compiled from it).
  const name = givenName ?? entry.replace(/^\/submission\//, '');

  let server: http.Server | undefined;
  const opened = resetToken ? trackServers(() => server) : undefined;
  // A throw in the student's module or in createApp() rejects main: see fail below.
  const loaded: Loaded = { exports: load(entry), reload: true };
  let app = await appFromExports(loaded.exports, name);

  const resetPath = resetToken ? `${RESET_PATH_PREFIX}${resetToken}` : undefined;
  const handler: http.RequestListener = (req, res) => {
    if (resetPath !== undefined && req.url === resetPath && req.method === 'POST') {
      req.resume();
      reset(entry, name, opened!, loaded).then(
        (made) => {
          app = made;
          res.writeHead(204).end();
        },
        (err: unknown) => {
          const text = err instanceof AppExportProblem ? err.message : describeStudentError(err);
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
        },
      );
      return;
    }
    (app as http.RequestListener)(req, res);
  };
  server = http.createServer(handler);
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE' && !socketPath) fail(new AppExportProblem(`port ${port} is already taken: do not call app.listen() yourself, export createApp() instead`));
    fail(err);
  });
  if (socketPath) {
    // A socket left by an earlier process of the same path (killed, so it could not remove it).
    rmSync(socketPath, { force: true });
    server.listen(socketPath);
  }
  else server.listen(port, '127.0.0.1');
}

function load(entry: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(entry) as unknown;
}

/** The servers the student's code started listening itself (a stray app.listen(3000)), so that a reset can close them. */
function trackServers(ours: () => http.Server | undefined): Set<net.Server> {
  const opened = new Set<net.Server>();
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    if (this !== ours()) opened.add(this);
    return (listen as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof listen;
  return opened;
}

/** The student's entry module as last loaded, and whether a reset loads it again. */
interface Loaded {
  exports: unknown;
  reload: boolean;
}

/**
 * A fresh app in this process: the student's servers closed, every module that is not a
 * package's forgotten (the student's files; the packages, better-sqlite3's native module among
 * them, stay loaded), the entry loaded again and its app built; or, once loading proved slow
 * (SLOW_RELOAD_CPU_MS) and the module exports a factory, only the app built again.
 */
async function reset(entry: string, name: string, opened: Set<net.Server>, loaded: Loaded): Promise<RequestHandler> {
  await Promise.all(
    [...opened].map(
      (s) =>
        new Promise<void>((resolve) => {
          opened.delete(s);
          if (s instanceof http.Server) s.closeAllConnections();
          if (!s.listening) return resolve();
          s.close(() => resolve());
        }),
    ),
  );
  if (!loaded.reload && buildsFreshApps(loaded.exports)) return appFromExports(loaded.exports, name);
  for (const file of Object.keys(require.cache)) {
    if (file !== require.main?.filename && !file.split('/').includes('node_modules')) delete require.cache[file];
  }
  const before = process.cpuUsage();
  loaded.exports = load(entry);
  const used = process.cpuUsage(before);
  if ((used.user + used.system) / 1_000 > SLOW_RELOAD_CPU_MS) loaded.reload = false;
  return appFromExports(loaded.exports, name);
}

main().catch(fail);
