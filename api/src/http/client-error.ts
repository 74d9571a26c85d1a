import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { LIMITS } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { type AppError, Errors } from './app-error';
import { PROBLEM_CONTENT_TYPE } from './problem-handler';

/** Node's parser error codes and the answer each gets; anything else is a plain 400. */
function problemFor(code: string | undefined) {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return Errors.headersTooLarge();
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return Errors.clientStatus(413);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return Errors.requestTimeout();
    default:
      return Errors.malformedRequest();
  }
}

/** A problem document without `instance`: these answers are made before any request exists. */
function problemBody(problem: AppError): string {
  return JSON.stringify({
    type: `/problems/${problem.code.replace(/_/g, '-')}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
  });
}

/** The whole HTTP/1.1 answer to a request Node's parser refused: problem+json, then the connection closes. */
export function clientErrorResponse(code: string | undefined): string {
  const problem = problemFor(code);
  const body = problemBody(problem);
  return [
    `HTTP/1.1 ${problem.status} ${problem.title}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** What Node keeps on a socket while it serves a request on it; not public API, but what Node's own default handler checks. */
interface ServedSocket extends Socket {
  _httpMessage?: { headersSent?: boolean } | null;
}

/**
 * The server's 'clientError' listener: Node's parser refused a request (a NUL or a bare CR in a
 * header, 16 KiB of headers, an unknown method, a malformed request line) before Express saw it.
 * Without a listener Node answers with an empty body; this answers problem+json like every other
 * error. As Node's default does, it writes only when the socket is writable and no answer on it
 * has started (a refused pipelined request after one being answered cannot get an answer of its own).
 */
export function answerClientError(logger: Logger) {
  const answered = new WeakSet<Socket>();
  return (err: NodeJS.ErrnoException, socket: ServedSocket): void => {
    // The parser reports again on input that keeps coming after the answer: it was answered, and
    // destroying now could reset the connection before the client reads the answer.
    if (answered.has(socket)) return;
    answered.add(socket);
    if (err.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    logger.debug({ code: err.code, remoteAddress: socket.remoteAddress }, 'request refused by the HTTP parser');
    // end(), not destroy(): closing with unread input would reset the connection and could lose the answer.
    socket.end(clientErrorResponse(err.code));
    const linger = setTimeout(() => socket.destroy(), LIMITS.http.lingerMs).unref();
    socket.once('close', () => clearTimeout(linger));
  };
}

/**
 * The server's 'checkExpectation' listener: an `Expect` other than 100-continue. Node's default
 * answers 417 with an empty body; this answers the same status as problem+json.
 */
export function answerUnmetExpectation(_req: IncomingMessage, res: ServerResponse): void {
  const body = problemBody(Errors.clientStatus(417));
  res.writeHead(417, {
    'Content-Type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** Answers in problem+json what Node's HTTP server would otherwise refuse with an empty body. */
export function guardHttpServer(server: Server, logger: Logger): void {
  // Node answers a missing Host with an empty 400; the app's requireHostHeader answers problem+json
  // instead. This is http.createServer's option of the same name (not in @types/node's Server),
  // which Node reads on each request; app.listen() creates the server without options.
  (server as Server & { requireHostHeader: boolean }).requireHostHeader = false;
  server.on('clientError', answerClientError(logger));
  server.on('checkExpectation', answerUnmetExpectation);
}
