/**
 * `npm start`: provisions what is missing, then runs the API (with the recorder) and one
 * grading worker until Ctrl-C, which stops both cleanly. A child that crashes is restarted
 * with backoff while the other keeps running (scripts/start/supervisor.ts); one that cannot
 * start at all stops everything with exit code 1 (the rule: scripts/start/backoff.ts).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '@grader/runtime';
import { provision } from './provision';
import { describeEvent } from './start/log-lines';
import { supervise, type ChildSpec } from './start/supervisor';

const ROOT = path.resolve(__dirname, '..');

/** A TypeScript entry point run by this Node through tsx, as `npm start` itself runs. */
function nodeChild(name: string, entry: string, env: NodeJS.ProcessEnv, ipc = false): ChildSpec {
  return {
    name,
    command: process.execPath,
    args: ['--import', 'tsx', entry],
    cwd: ROOT,
    ...(ipc ? { env: { ...env, GRADER_SUPERVISOR_IPC: '1' }, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] as const } : { env }),
  };
}

async function main() {
  await provision();
  const config = loadConfig();
  // One secret per run shared by the API and the worker (and by their restarts); a deployment sets its own.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GRADER_INTERNAL_TOKEN: config.internalToken ?? randomBytes(32).toString('hex'),
    GRADER_LOG_PRETTY: process.env.GRADER_LOG_PRETTY ?? (process.stdout.isTTY ? 'true' : 'false'),
  };
  let announced = false;
  // The API says over IPC when it listens: the banner waits for that (it was printed before a port clash's EADDRINUSE).
  const supervisor = supervise([nodeChild('API', 'api/src/main.ts', env, true), nodeChild('worker', 'worker/src/main.ts', env)], {
    onEvent: (event) => {
      if (event.type === 'listening' && !announced) {
        announced = true;
        console.log(`▶ grader running on http://localhost:${config.port} (Ctrl-C to stop)`);
      }
      const line = describeEvent(event);
      if (line) console.error(line);
    },
  });
  // Ctrl-C also reaches the children directly (same process group); they ignore the second signal.
  process.on('SIGINT', () => void supervisor.stop());
  process.on('SIGTERM', () => void supervisor.stop());
  process.exit(await supervisor.finished);
}

main().catch((err) => {
  console.error(`✗ ${(err as Error).message}`);
  process.exit(1);
});
