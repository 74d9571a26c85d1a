/**
 * `npm run test:under-load`: the whole suite (`npm test`) with a CPU and disk load beside it,
 * started and stopped by this script: the check that no test's expectation depends on how busy
 * the machine is. stress-ng (Debian) runs two CPU hogs, one sync-I/O hog and one disk writer,
 * as many as the machine this project is built on has cores and more, for as long as the suite
 * runs. Exits with the suite's exit code.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Apt } from './provision/apt';
import { LIMITS } from '@grader/contracts/src/limits';

const ROOT = path.resolve(__dirname, '..');

async function main() {
  const { path: stressNg } = await new Apt().ensureCommand('stress-ng', 'stress-ng', (line) => console.log(`… ${line}`));
  const load = spawn(stressNg, ['--cpu', '2', '--io', '1', '--hdd', '1', '--hdd-bytes', '256m', '--timeout', String(LIMITS.tooling.underLoadSecondsMax), '--quiet'], { stdio: 'ignore' });
  console.log(`▶ load running beside the suite: stress-ng --cpu 2 --io 1 --hdd 1 (pid ${load.pid})`);
  const started = Date.now();
  const suite = spawn('npm', ['test'], { cwd: ROOT, stdio: 'inherit' });
  const code = await new Promise<number>((resolve) => suite.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  load.kill('SIGTERM');
  console.log(`${code === 0 ? '✓' : '✗'} npm test under load exited ${code} after ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(code);
}

main().catch((err) => {
  console.error(`✗ ${(err as Error).message}`);
  process.exit(1);
});
