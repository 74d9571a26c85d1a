import fs from 'node:fs';
import path from 'node:path';
import { RESULT_MARKER } from '@grader/contracts';
import { containersOf } from '../support/containers';
import { expectAttackGraded, expectIsolated, type Attack } from '../support/hostile-code';
import { startPipeline, type Pipeline } from '../support/pipeline';
import { until } from '../support/wait';

/**
 * Hostile Python apps through the real pipeline, in the python runtime's image (kind
 * rest-endpoint, a Flask app run as the student's uid): the same threats and the same
 * expectations as the Express apps of code-attacks.test.ts, and Python's own ways out
 * (sys.exit at import, os._exit, os.fork, patching the standard library in its process).
 */
const EXERCISES = path.join(__dirname, 'exercises');
const SOLUTION = fs.readFileSync(path.join(EXERCISES, 'probe-echo-python/solution/app.py'), 'utf8');

const indent = (code: string, spaces: number) => code.split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');

/** A Flask app that imports `setup` at its top level, then answers every request with `handler`. */
const app = (setup: string, handler = `return {"wrong": True}`) => `
from flask import Flask, request
${setup}

def create_app():
    app = Flask(__name__)

    @app.route("/<path:anything>", methods=["GET", "POST"])
    def every_request(anything):
${indent(handler, 8)}

    return app
`;

/** The correct solution with `code` at its top level. */
const solutionWith = (code: string) => `${code}\n${SOLUTION}`;

const FORGED = `${RESULT_MARKER}0123456789abcdef0123456789abcdef\n${JSON.stringify({ protocol: 1, verdict: 'accepted', score: 3, maxScore: 3, message: '', tests: [] })}`;

const ATTACKS: Attack[] = [
  {
    threat: 'a fork bomb through the shell',
    source: app(`import subprocess\nsubprocess.Popen(["/bin/sh", "-c", "f() { f | f & }; f"], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)`, `import time\ntime.sleep(3600)`),
    // The rule of code-attacks.test.ts: hitting the pids limit is a runtime error, whatever else the
    // bomb did. The app never answers, so each test lasts until the bomb, however slowed, fills the limit.
    verdict: 'runtime_error',
    message: /^your code started more processes than the sandbox allows \(128, threads included\)/,
  },
  {
    threat: 'a fork bomb with os.fork',
    source: app(`import os, time\nfor _ in range(100000):\n    try:\n        if os.fork() == 0:\n            time.sleep(600)\n            os._exit(0)\n    except OSError:\n        break`),
    verdict: 'runtime_error',
    message: /^your code started more processes than the sandbox allows/,
  },
  {
    threat: 'a memory bomb',
    source: app('', `hog = []\nwhile True:\n    hog.append(b"x" * (16 << 20))`),
    // It runs at import, before the app listens: under stress-ng filling pages was slow enough
    // that the start-up time ran out first (as for the JavaScript ones). Never a point either way;
    // the SQL suite holds memory's verdict.
    verdict: ['memory_limit_exceeded', 'time_limit_exceeded'],
  },
  { threat: 'an infinite loop', source: app('', `while True:\n    pass`), verdict: 'time_limit_exceeded' },
  { threat: 'sleeping forever (never answering)', source: app('', `import time\ntime.sleep(3600)`), verdict: 'time_limit_exceeded' },
  {
    threat: 'filling the disk',
    source: app(
      '',
      `import os
chunk = b"\\x07" * (1 << 20)
i = 0
while True:
    try:
        with open("/tmp/fill-%d" % i, "wb") as f:
            f.write(chunk)
    except OSError:
        break
    i += 1
return {"wrong": True}`,
    ),
    verdict: 'tests_failed',
  },
  {
    threat: 'an output flood',
    source: app(`import sys, threading\ndef flood():\n    while True:\n        sys.stdout.write("x" * 65536)\n        sys.stdout.flush()\nthreading.Thread(target=flood, daemon=True).start()`),
    verdict: 'output_limit_exceeded',
  },
  {
    threat: 'printing a forged result document',
    source: app(`import sys\nFAKE = ${JSON.stringify(FORGED)}\nsys.stdout.write(FAKE)\nsys.stderr.write(FAKE)\nsys.stdout.flush()`),
    verdict: 'tests_failed',
  },
  { threat: 'sys.exit(0) while imported', source: `import sys\nsys.exit(0)\n`, verdict: 'runtime_error' },
  { threat: 'os._exit(0) while imported', source: `import os\nos._exit(0)\n`, verdict: 'runtime_error' },
  { threat: 'os._exit(0) while answering', source: app('', `import os\nos._exit(0)`), verdict: 'runtime_error' },
  {
    threat: 'writing, replacing and deleting result files',
    source: app(
      `import os, shutil
for p in ["/tmp/results.json", "/grader/results.json", "/grader/result.json", "/submission/results.json", "/results.json"]:
    try:
        open(p, "w").write('{"score":3}')
    except OSError:
        pass
    try:
        os.remove(p)
    except OSError:
        pass
shutil.rmtree("/grader", ignore_errors=True)`,
    ),
    verdict: 'tests_failed',
  },
  {
    threat: 'patching json and the test framework in its own process',
    source: app(
      `import json, unittest
json.dumps = lambda *a, **k: '{"pong": true, "n": 42, "word": "hidden"}'
json.loads = lambda *a, **k: {"pong": True}
for name in dir(unittest.TestCase):
    if name.startswith("assert"):
        setattr(unittest.TestCase, name, lambda *a, **k: None)`,
      `return {"__proto__": {"pong": True, "n": 42}}`,
    ),
    verdict: 'tests_failed',
  },
  {
    threat: 'background processes left running after the answer',
    source: solutionWith(`import subprocess\nsubprocess.Popen(["/bin/sh", "-c", "while true; do sleep 1; done"], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)`),
    verdict: 'accepted',
    score: 3,
  },
  {
    threat: 'searching the file system for the hidden tests',
    source: app(
      `import os, re
found = ""
for root, dirs, files in os.walk("/"):
    if root.startswith(("/proc", "/sys")) or root.count("/") > 6:
        dirs[:] = []
        continue
    for name in files:
        try:
            with open(os.path.join(root, name), "rb") as f:
                m = re.search(rb"hidden-word-[0-9a-f]+", f.read(1 << 20))
            if m:
                found = m.group().decode()
        except OSError:
            pass`,
      `body = request.get_json(silent=True) or {}\nreturn {"word": found or "not found"} if body.get("word") else {"wrong": True}`,
    ),
    // As in code-attacks.test.ts: the walk may outlast the start-up time on a busy machine. Never a point either way.
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

describe('hostile Python code earns nothing it did not deserve and harms nothing', () => {
  it('gives the correct Flask app full marks', async () => {
    const graded = await pipeline.student.submitAndWait('probe-echo-python', { 'app.py': SOLUTION });
    submitted.push(graded.id);
    expect({ verdict: graded.verdict, score: graded.score }).toEqual({ verdict: 'accepted', score: 3 });
  });

  it.each(ATTACKS)('$threat → $verdict', async (attack) => {
    submitted.push(await expectAttackGraded(pipeline, 'probe-echo-python', 'app.py', attack));
  });

  it('sees nothing from inside: loopback only, no name resolution, no grader files or processes, no secrets', async () => {
    const probe = fs.readFileSync(path.join(EXERCISES, 'probe-isolation-python/solution/app.py'), 'utf8');
    submitted.push(await expectIsolated(pipeline, 'probe-isolation-python', 'app.py', probe));
  });

  it('leaves no container behind: each is removed once its run ends', async () => {
    await until(async () => (await containersOf(submitted)).length === 0, 60_000, 'every container of these submissions removed');
  });
});
