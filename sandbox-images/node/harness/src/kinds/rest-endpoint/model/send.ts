import type http from 'node:http';
import { LIMITS } from '../../../contracts';
import { exchange, type HttpResponse } from '../http-exchange';
import type { ConcreteRequest } from './sequence';

/** Where an app listens: the student's on a loopback port, the reference on a Unix socket only the harness can reach. */
export type AppAddress = { port: number } | { socketPath: string };

/** Sends one generated request (on the agent's kept-alive connection if given; a wall time-out, and `timeUp` ending it as one too; the answer capped as for every test). */
export function sendRequest(address: AppAddress, request: ConcreteRequest, timeoutMs: number, agent?: http.Agent, timeUp?: AbortSignal): Promise<HttpResponse> {
  const body = request.text !== undefined ? Buffer.from(request.text, 'utf8') : request.hasBody ? Buffer.from(JSON.stringify(request.json), 'utf8') : undefined;
  return exchange({
    ...address,
    method: request.method,
    path: request.target,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body && { body }),
    timeoutMs,
    maxResponseBytes: LIMITS.exercise.responseBytes,
    ...(agent && { agent }),
    ...(timeUp && { timeUp }),
  });
}
