/**
 * `npm start`: provisions what is missing, then runs the API (with the recorder) and one
 * grading worker until Ctrl-C, which stops both cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '@grader/shared';
import { provision } from './provision';

const ROOT = path.resolve(__dirname, '..');

function launch(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping everything`);
      void stopAll(1);
    }
  });
  return child;
}

let stopping = false;
const children: ChildProcess[] = [];

async function stopAll(exitCode: number): Promise<void> {
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          // A worker waits for running gradings; do not wait forever.
          setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
        }),
    ),
  );
  process.exit(exitCode);
}

async function main() {
  await provision();
  const config = loadConfig();
  // One secret per run shared by the API and the worker; a deployment sets its own.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GRADER_INTERNAL_TOKEN: config.internalToken ?? randomBytes(32).toString('hex'),
    GRADER_LOG_PRETTY: process.env.GRADER_LOG_PRETTY ?? (process.stdout.isTTY ? 'true' : 'false'),
  };
  children.push(launch('API', 'api/src/main.ts', env));
  children.push(launch('worker', 'worker/src/main.ts', env));
  console.log(`▶ grader running on http://localhost:${config.port} (Ctrl-C to stop)`);
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
}

main().catch((err) => {
  console.error(`✗ ${(err as Error).message}`);
  process.exit(1);
});
