import type { Visibility } from '../../contracts';
import { PROCESS_LIMIT_MESSAGE } from '../../common/process/pids-usage';
import type { RestTestOutcome } from './rest-outcome';
import type { TestFeedback } from '../../common/test-feedback';

export type { TestFeedback };

/**
 * Puts an outcome into words. A visible test names the request, quotes the app's error
 * and shows expected against actual; a name-only or hidden test gets a message that says
 * what kind of failure it was and nothing of the test's requests or data, unless the
 * message cannot depend on them (a syntax error, a resource limit, an app that never listened).
 */
export function restFeedback(outcome: RestTestOutcome, visibility: Visibility): TestFeedback {
  const visible = visibility === 'visible';
  switch (outcome.kind) {
    case 'passed':
      return { status: 'passed', verdict: 'accepted', message: 'passed' };
    case 'compile':
      return { status: 'error', verdict: 'compile_error', message: outcome.message };
    case 'assertion':
      if (visibility === 'name-only') return { status: 'failed', verdict: 'tests_failed', message: nameOnlyAssertion(outcome.message) };
      if (!visible) return { status: 'failed', verdict: 'tests_failed', message: DIFFERS };
      return {
        status: 'failed',
        verdict: 'tests_failed',
        message: outcome.message,
        ...(outcome.expected !== undefined && { expected: outcome.expected }),
        ...(outcome.actual !== undefined && { actual: outcome.actual }),
      };
    case 'start-crash':
      return {
        status: 'error',
        verdict: 'runtime_error',
        message: !visible
          ? 'your app crashed while starting'
          : outcome.log
            ? `your app crashed while starting: ${outcome.log}`
            : `your app ended (${outcome.exit}) before it started listening, and printed no error`,
      };
    case 'start-silent':
      return {
        status: 'error',
        verdict: 'runtime_error',
        message: `your app did not start listening within ${seconds(outcome.limitMs)}: loading your module and building your app (createApp() or create_app()) must finish quickly, without starting a server of its own (app.listen(), app.run())`,
      };
    case 'no-answer':
      return {
        status: 'error',
        verdict: 'time_limit_exceeded',
        message:
          visible && outcome.request
            ? `no answer within ${seconds(outcome.limitMs)} to ${outcome.request}: every route must end with res.json(), res.send() or res.end()`
            : `your app did not answer within ${seconds(outcome.limitMs)}`,
      };
    case 'crash':
      return {
        status: 'error',
        verdict: 'runtime_error',
        message: visible ? `your app crashed before answering ${outcome.request ?? 'a request'}${outcome.log ? `: ${outcome.log}` : ''}` : 'your app crashed during this test',
      };
    case 'connection':
      return {
        status: 'error',
        verdict: 'runtime_error',
        message: visible ? `${outcome.request}: ${outcome.reason}` : 'a connection to your app failed during this test',
      };
    case 'processes':
      return { status: 'error', verdict: 'runtime_error', message: PROCESS_LIMIT_MESSAGE };
    case 'memory':
      return { status: 'error', verdict: 'memory_limit_exceeded', message: `your app needed more than the ${outcome.limitMb} MiB memory limit` };
    case 'output':
      return {
        status: 'error',
        verdict: 'output_limit_exceeded',
        message: `your app printed more than ${kib(outcome.limitBytes)} (console.log and errors together): print less`,
      };
    case 'too-large':
      return {
        status: 'error',
        verdict: 'output_limit_exceeded',
        message: visible ? `your app's answer to ${outcome.request} is larger than ${kib(outcome.limitBytes)}` : `an answer of your app is larger than ${kib(outcome.limitBytes)}`,
      };
    case 'internal':
      return { status: 'error', verdict: 'internal_error', message: outcome.message };
  }
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

const DIFFERS = "your app's answers differ from what this test expects";

/**
 * A failed assertion as a name-only test tells it: the method and the collection of the request
 * (`PATCH /users/…`), never the rest of its path, its query or its body (they may hold the
 * test's data), and the two statuses where the assertion was about the status (they are not data).
 */
export function nameOnlyAssertion(message: string): string {
  const request = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/[^/?\s:]*)([^\s:]*): (.*)$/s.exec(message);
  if (!request) return DIFFERS;
  const [, method, collection, rest, said] = request;
  const route = `${method} ${collection}${!rest ? '' : rest.startsWith('?') ? '?…' : '/…'}`;
  const status = /^expected status (\d{3}), got (\d{3})/.exec(said!);
  return status ? `${DIFFERS}: ${route} answered ${status[2]} where ${status[1]} was expected` : `${DIFFERS}, at a ${route} request`;
}
