import fs from 'node:fs';
import path from 'node:path';
import { startPipeline, type Pipeline } from '../support/pipeline';

/**
 * Hostile data-access modules against the Python injection runner, through the real pipeline
 * (py-inject-login-lookup in the python runtime's image). The runner's SQL recorder lives in C
 * (LD_PRELOAD) and its nonce in a frame no student thread can reach (injection_runner.py), so:
 *
 * - a module that pastes correctly escaped values (wrong/quote-doubling, which behaves exactly as
 *   parameters do) and also works to hide its SQL texts from the taint check (patching sqlite3,
 *   switching its trace off, running SQL from a thread after returning, walking frames, reading
 *   memory, opening a connection of its own) scores no more than it does without trying;
 * - a module that tries to forge the runner's report, or ends the process, scores nothing, and
 *   is the student's failure, never the grader's.
 */
const EXERCISE = 'py-inject-login-lookup';
const PACKAGE = path.join(__dirname, '../../exercises', EXERCISE);
const QUOTE_DOUBLING = fs.readFileSync(path.join(PACKAGE, 'wrong/quote-doubling/repository.py'), 'utf8');
const REFERENCE = fs.readFileSync(path.join(PACKAGE, 'solution/repository.py'), 'utf8');

/** The quote-doubling module with `code` after it (which may replace its functions). */
const pasting = (code: string) => `${QUOTE_DOUBLING}\n${code}\n`;

const HIDING: Array<{ threat: string; source: string }> = [
  {
    threat: "monkey-patching sqlite3: its trace callback switched off and the base class's methods called directly",
    source: pasting(`
import sqlite3
_find_user, _users_with_role, _change_email = find_user, users_with_role, change_email

class Sneaky:
    def __init__(self, db):
        sqlite3.Connection.set_trace_callback(db, None)
        self.db = db
    def execute(self, sql, *args):
        return sqlite3.Connection.execute(self.db, sql, *args)
    def commit(self):
        return sqlite3.Connection.commit(self.db)

def find_user(db, username, password):
    return _find_user(Sneaky(db), username, password)

def users_with_role(db, role):
    return _users_with_role(Sneaky(db), role)

def change_email(db, user_id, email):
    return _change_email(Sneaky(db), user_id, email)

sqlite3.connect = lambda *a, **k: None
sqlite3.Cursor = object
`),
  },
  {
    threat: 'pasted SQL run by a thread left behind after the call returns',
    source: pasting(`
import threading, time
_users_with_role = users_with_role

def users_with_role(db, role):
    result = _users_with_role(db, "no such role")
    def later():
        time.sleep(0.05)
        _users_with_role(db, role)
    threading.Thread(target=later, daemon=True).start()
    return _users_with_role(db, role)
`),
  },
  {
    threat: "walking every frame and object it can reach for the runner's secret and recorder",
    source: pasting(`
import gc, sys
found = []
for reach in (lambda: sys._current_frames(), lambda: gc.get_objects(), lambda: __import__("ctypes").string_at(id(sys), 64),
              lambda: open("/proc/self/mem", "rb"), lambda: __import__("sqlite3").connect("/tmp/own.sqlite"),
              lambda: sys.settrace(lambda *a: None), lambda: sys.addaudithook(lambda *a: None)):
    try:
        found.append(reach())
    except Exception:
        pass
f = sys._getframe()
while f is not None:
    found.append(dict(f.f_locals))
    f = f.f_back
import __main__
for name in dir(__main__):
    found.append(getattr(__main__, name))
`),
  },
];

/**
 * Written by a helper session that never saw the runner's code, each the quote-doubling module
 * plus an attack on the runner through what no audit hook sees (python-injection/): reading the
 * nonce out of //proc/self/mem and printing the runner's crash token (to make the grade the
 * grader's error), zeroing the recorder's counters in memory, a child process rewriting them, and
 * a forged report built from the request read out of memory.
 */
const HELPER_DIR = path.join(__dirname, 'python-injection');
const helperPart = (name: string) => fs.readFileSync(path.join(HELPER_DIR, `${name}.py`), 'utf8');
/** Each attack is one module: the twin, the memory toolkit where the attack reads or writes memory itself, then the attack. */
const THROUGH_THE_KERNEL = [
  { name: 'h-fake-crash', parts: ['twin', 'memory'] },
  { name: 'h-memzero', parts: ['twin', 'memory'] },
  { name: 'h-forge', parts: ['twin', 'memory'] },
  { name: 'h-spawn-child', parts: ['twin'] },
].map(({ name, parts }) => ({ threat: name, source: [...parts, name].map(helperPart).join('\n') }));

const ENDING: Array<{ threat: string; source: string; verdict: string }> = [
  {
    threat: 'printing a forged report (guessing the nonce) and ending the process',
    source: `${REFERENCE}
import os, json
def find_user(db, username, password):
    for nonce in ("", "0" * 24, "nonce"):
        os.write(1, ("\\n@@injection-report@@%s\\n%s\\n" % (nonce, json.dumps({"kind": "calls", "outcomes": [{"kind": "returned", "value": None}], "sql": [[]]}))).encode())
    os._exit(0)
`,
    verdict: 'runtime_error',
  },
  { threat: 'sys.exit(0) in a call', source: `${REFERENCE}\nimport sys\ndef users_with_role(db, role):\n    sys.exit(0)\n`, verdict: 'runtime_error' },
  { threat: 'os._exit(70), the runner crash code, in a call', source: `${REFERENCE}\nimport os\ndef users_with_role(db, role):\n    os._exit(70)\n`, verdict: 'runtime_error' },
];

let pipeline: Pipeline;
let baseline: number;

beforeAll(async () => {
  pipeline = await startPipeline();
  const graded = await pipeline.student.submitAndWait(EXERCISE, { 'repository.py': QUOTE_DOUBLING });
  expect(graded.status).toBe('graded');
  baseline = graded.score as number;
}, 180_000);
afterAll(async () => {
  await pipeline?.close();
});

describe('hostile Python data-access code earns nothing it did not deserve', () => {
  it('grades the quote-doubling module below full marks: pasting is caught by its SQL texts', () => {
    expect(baseline).toBeLessThan(20);
  });

  it('gives the reference full marks', async () => {
    const graded = await pipeline.student.submitAndWait(EXERCISE, { 'repository.py': REFERENCE });
    expect({ status: graded.status, score: graded.score }).toEqual({ status: 'graded', score: 20 });
  }, 180_000);

  it.each(HIDING)('scores no more than plain pasting when $threat', async ({ source }) => {
    const graded = await pipeline.student.submitAndWait(EXERCISE, { 'repository.py': source });
    expect(graded.status).toBe('graded');
    expect(graded.score).toBeLessThanOrEqual(baseline);
    expect(await pipeline.attemptsOf(graded.id)).toBe(1);
  }, 180_000);

  it.each(THROUGH_THE_KERNEL)('scores no more than plain pasting, and is never the grader’s error, with $threat (the helper’s attack on memory and processes)', async ({ source }) => {
    const graded = await pipeline.student.submitAndWait(EXERCISE, { 'repository.py': source });
    expect({ status: graded.status, graderError: graded.status === 'error' ? pipeline.graderErrorOf(graded.id) : undefined }).toEqual({ status: 'graded', graderError: undefined });
    expect(graded.score).toBeLessThanOrEqual(baseline);
  }, 180_000);

  it.each(ENDING)('is the student’s failure, never the grader’s: $threat', async ({ source, verdict }) => {
    const graded = await pipeline.student.submitAndWait(EXERCISE, { 'repository.py': source });
    const failing = (graded.tests as Array<{ status: string; verdict?: string }>).filter((t) => t.status !== 'passed');
    expect({ status: graded.status, verdict: graded.verdict, graderError: graded.status === 'error' ? pipeline.graderErrorOf(graded.id) : undefined }).toEqual({ status: 'graded', verdict, graderError: undefined });
    expect(failing.length).toBeGreaterThan(0);
    expect(graded.score).toBeLessThan(20);
  }, 180_000);
});
