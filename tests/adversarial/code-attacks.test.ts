import fs from 'node:fs';
import path from 'node:path';
import { RESULT_MARKER } from '@grader/contracts';
import { containersOf } from '../support/containers';
import { expectAttackGraded, expectIsolated, type Attack } from '../support/hostile-code';
import { startPipeline, type Pipeline } from '../support/pipeline';
import { until } from '../support/wait';

/**
 * Hostile Express apps through the real pipeline (kind rest-endpoint: the student's code
 * runs as its own user in the sandbox). Each case states the verdict and score it must get.
 * Afterwards a correct solution must still get full marks and no container may be left.
 */
const EXERCISES = path.join(__dirname, 'exercises');
const SOLUTION = fs.readFileSync(path.join(EXERCISES, 'probe-echo/solution/app.js'), 'utf8');

/** An app that starts, then answers every request with `handler`. */
const app = (setup: string, handler = `res.json({ wrong: true })`) => `
const express = require('express');
${setup}
module.exports = { createApp() {
  const app = express();
  app.use(express.json());
  app.use((req, res) => { ${handler} });
  return app;
} };`;

const ATTACKS: Attack[] = [
  {
    threat: 'a fork bomb',
    // The app never answers, so each test lasts until the bomb fills the pids limit: an app that
    // answered wrongly could finish a test before a bomb slowed by load got there (CI once saw
    // the visible test fail on its answer, the others on the limit).
    source: app(`require('child_process').spawn('/bin/sh', ['-c', 'f() { f | f & }; f'], { detached: true, stdio: 'ignore' });`, `/* never answers */`),
    // The rule: a test during which the student's processes hit the container's pids limit
    // (its cgroup's pids.events counter rose) is a runtime error, decided ahead of a time-out,
    // a crash or a wrong answer. What else the bomb does (starve the app past its time, stop
    // Node from starting a thread) depends on the machine's load; hitting the limit does not.
    verdict: 'runtime_error',
    message: /^your code started more processes than the sandbox allows \(128, threads included\)/,
  },
  {
    threat: 'a memory bomb outside the JavaScript heap',
    source: app('', `const hog = []; for (;;) hog.push(Buffer.alloc(16 << 20, 1));`),
    // It runs before the app listens: on a host busy with disk and CPU load (a fresh-clone run
    // under stress-ng), filling pages was slow enough that the start-up time ran out first.
    // Never a point either way; the SQL and Python suites hold memory's verdict.
    verdict: ['memory_limit_exceeded', 'time_limit_exceeded'],
  },
  {
    threat: 'a memory bomb inside the JavaScript heap',
    source: app('', `const hog = []; for (;;) hog.push(new Array(1e6).fill(Math.random()));`),
    // It runs before the app listens: on a host busy with disk and CPU load (a fresh-clone run
    // under stress-ng), filling pages was slow enough that the start-up time ran out first.
    // Never a point either way; the SQL and Python suites hold memory's verdict.
    verdict: ['memory_limit_exceeded', 'time_limit_exceeded'],
  },
  { threat: 'an infinite loop', source: app('', `for (;;) {}`), verdict: 'time_limit_exceeded' },
  { threat: 'sleeping forever (never answering)', source: app('', `/* never answers */`), verdict: 'time_limit_exceeded' },
  {
    threat: 'filling the disk',
    source: app(
      '',
      `const fs = require('fs'); const chunk = Buffer.alloc(1 << 20, 7);
       for (let i = 0; ; i++) { try { fs.writeFileSync('/tmp/fill-' + i, chunk); } catch { break; } }
       try { fs.writeFileSync('/home/student/big', Buffer.alloc(64 << 20)); } catch {}
       res.json({ wrong: true });`,
    ),
    verdict: 'tests_failed',
  },
  { threat: 'an output flood', source: app(`setInterval(() => process.stdout.write('x'.repeat(1 << 16)), 0);`), verdict: 'output_limit_exceeded' },
  {
    threat: 'exhausting file descriptors',
    source: app(`const fs = require('fs'); try { for (;;) fs.openSync('/dev/null', 'r'); } catch {}`),
    // With no descriptor left the app cannot take the test's connection, and says so (EMFILE).
    verdict: 'runtime_error',
  },
  {
    threat: 'printing a forged result document',
    source: app(
      `const fake = ${JSON.stringify(`${RESULT_MARKER}0123456789abcdef0123456789abcdef\n`)} + JSON.stringify({ protocol: 1, verdict: 'accepted', score: 3, maxScore: 3, message: '', tests: [] });
       process.stdout.write(fake); process.stderr.write(fake);`,
    ),
    verdict: 'tests_failed',
  },
  { threat: 'exiting early with status 0', source: `process.exit(0);`, verdict: 'runtime_error' },
  {
    threat: 'writing, replacing and deleting result files',
    source: app(
      `const fs = require('fs');
       for (const p of ['/tmp/results.json', '/grader/results.json', '/grader/result.json', '/submission/results.json', '/results.json']) {
         try { fs.writeFileSync(p, '{"score":3}'); } catch {}
         try { fs.rmSync(p, { force: true, recursive: true }); } catch {}
       }
       try { fs.rmSync('/grader', { recursive: true, force: true }); } catch {}`,
    ),
    verdict: 'tests_failed',
  },
  {
    threat: 'patching the assertion library and JSON in its own process',
    source: app(
      `const assert = require('assert'); for (const k of Object.keys(assert)) { try { assert[k] = () => {}; } catch {} }
       JSON.stringify = () => '{"pong":true}'; Object.prototype.pong = true;`,
      `res.type('json').send('{"__proto__": {"pong": true, "n": 42}}');`,
    ),
    verdict: 'tests_failed',
  },
  {
    threat: 'a value that claims to equal anything',
    source: app('', `res.json({ pong: { valueOf: () => true, toJSON: () => ({ $eq: true }) }, n: { $ne: null } });`),
    verdict: 'tests_failed',
  },
  {
    threat: 'background processes left running after the answer',
    source: SOLUTION.replace(
      "const express = require('express');",
      `const express = require('express');
       require('child_process').spawn('/bin/sh', ['-c', 'while true; do sleep 1; done'], { detached: true, stdio: 'ignore' }).unref();`,
    ),
    verdict: 'accepted',
    score: 3,
  },
  {
    threat: 'searching the file system for the hidden tests',
    source: app(
      `const fs = require('fs'); let found = '';
       const walk = (d, depth) => { if (depth > 6 || found) return; let es = []; try { es = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
         for (const e of es) { const p = d + '/' + e.name; if (p.startsWith('/proc') || p.startsWith('/sys')) continue;
           if (e.isDirectory()) walk(p, depth + 1); else { try { const t = fs.readFileSync(p, 'utf8'); const m = /hidden-word-[0-9a-f]+/.exec(t); if (m) found = m[0]; } catch {} } } };
       walk('', 0);`,
      `res.json(req.body && req.body.word ? { word: found || 'not found' } : { wrong: true });`,
    ),
    // The walk runs before the app listens: on a busy machine it can outlast the app's start-up
    // time (the app never answers), on an idle one the app answers wrongly. Never a point either way.
    verdict: ['tests_failed', 'runtime_error', 'time_limit_exceeded'],
  },
];

let pipeline: Pipeline;
const submitted: string[] = [];

beforeAll(async () => {
  pipeline = await startPipeline({ exercisesDir: EXERCISES });
});
afterAll(async () => {
  await pipeline?.close();
});

describe('hostile code earns nothing it did not deserve and harms nothing', () => {
  it.each(ATTACKS)('$threat → $verdict', async (attack) => {
    submitted.push(await expectAttackGraded(pipeline, 'probe-echo', 'app.js', attack));
  });

  it('sees nothing from inside: loopback only, no name resolution, no grader files or processes, no secrets', async () => {
    const probe = fs.readFileSync(path.join(EXERCISES, 'probe-isolation/solution/app.js'), 'utf8');
    submitted.push(await expectIsolated(pipeline, 'probe-isolation', 'app.js', probe));
  });

  it('still gives a correct solution full marks while attacks run beside it', async () => {
    const attacks = await Promise.all(ATTACKS.slice(0, 4).map((a) => pipeline.student.submit('probe-echo', { 'app.js': a.source })));
    const honest = await pipeline.createUser('student', 'honest');
    const correct = await honest.submit('probe-echo', { 'app.js': SOLUTION });
    submitted.push(correct.body.id, ...attacks.map((a) => a.body.id));
    expect(await honest.waitForGrade(correct.body.id)).toMatchObject({ status: 'graded', verdict: 'accepted', score: 3 });
    for (const a of attacks) expect((await pipeline.student.waitForGrade(a.body.id)).score).toBe(0);
  });

  it("leaves nothing for the next submission: a file, a home dotfile and a live process of one are not seen by the next", async () => {
    // Warm containers wait in the pool before their submission arrives; if one ever served two
    // submissions, the second would find the first's traces and answer wrongly (below full marks).
    const leave = `
       fs.writeFileSync('/tmp/left-by-a-submission', 'x');
       fs.writeFileSync(require('os').homedir() + '/.left-by-a-submission', 'x');
       require('child_process').spawn('sleep', ['600'], { argv0: 'left-by-a-submission', detached: true, stdio: 'ignore' }).unref();`;
    const check = `
       const traces = ['/tmp/left-by-a-submission', require('os').homedir() + '/.left-by-a-submission'].filter((f) => fs.existsSync(f))
         .concat(fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).filter((p) => { try { return fs.readFileSync('/proc/' + p + '/cmdline', 'utf8').includes('left-by-a-submission'); } catch { return false; } }));
       if (traces.length > 0) throw new Error('traces of another submission: ' + traces.join(', '));`;
    const withCode = (code: string) => SOLUTION.replace("const express = require('express');", `const express = require('express');\nconst fs = require('fs');${code}`);
    const [leaver, checker] = [withCode(leave), withCode(check)];
    const tracer = await pipeline.createUser('student', 'tracer'); // a user of its own: the others' fair-use budget is spent
    const warmBefore = pipeline.worker!.sandboxRuns().warm;
    for (let round = 0; round < 3; round++) {
      const left = await tracer.submitAndWait('probe-echo', { 'app.js': leaver });
      const checked = await tracer.submitAndWait('probe-echo', { 'app.js': checker });
      submitted.push(left.id, checked.id);
      expect({ left: left.score, checked: checked.verdict, message: checked.message }).toEqual({ left: 3, checked: 'accepted', message: checked.message });
    }
    // The checker does see traces where there are some: left and checked in one container, they fail it.
    const self = await tracer.submitAndWait('probe-echo', { 'app.js': withCode(leave + check) });
    submitted.push(self.id);
    expect({ score: self.score, message: self.message }).toEqual({ score: 0, message: expect.stringContaining('traces of another submission: /tmp/left-by-a-submission') });
    // The property holds on the pooled path, not only on containers started for their submission.
    expect(pipeline.worker!.sandboxRuns().warm).toBeGreaterThan(warmBefore);
  });

  it('leaves no container behind: each is removed once its run ends', async () => {
    await until(async () => (await containersOf(submitted)).length === 0, 60_000, 'every container of these submissions removed');
  });
});
