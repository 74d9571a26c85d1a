"""Student side of the injection-prevention kind for a Python module, as injection-runner.ts is for
a JavaScript one, speaking the same protocol (runner-protocol.ts): the request is the first line of
stdin, read whole before any of the student's code runs; each function gets the connection first,
then the test's arguments; each call's outcome and the SQL texts it prepared are reported, framed
by the request's nonce. In a session (a generated check) one case per line follows, each on the
same connection, the harness resetting the file in between. The trusted reference solution runs in
this runner too (as the harness's user), so both sides are observed alike.

CPython keeps no secret from code in its own process, so the runner is built so that nothing it
trusts is where the student's code can reach it:
- The SQL texts are recorded by libgrader_sqltrace.so (LD_PRELOAD, sqltrace/sqltrace.c) in C
  memory, as the code wrote them (a bound value stays a `?`), behind a secret.
- The student's code runs only in threads of its own, one per call; the main thread keeps the
  nonce and the secret in its frame's locals and, once the student's code has loaded, uses only
  functions captured before it (C functions and the closures below), never a global or a builtin
  looked up afresh (the student's code could have replaced them).
- An audit hook, which no Python code can remove, refuses what would reach the main thread's
  frame or the recorder's memory: frames in the main thread (sys._getframe, a traceback's or a
  generator's frame), every thread's frames (sys._current_frames, gc's object lists, tracing and
  profiling functions), ctypes, /proc and /dev/fd, other processes, another database connection,
  SQLite extensions. What an audit hook cannot see, the kernel refuses (the recorder's lockdown,
  before any of the student's code runs): Landlock keeps /proc closed however it is named, and
  seccomp allows no new program, no new process, no ptrace.
- A call ends once every thread but the main one has ended: SQL run later by a thread the
  code left behind cannot escape its call's recording.
What this still cannot stop is written in docs/security.md (Python injection runner).

The connection is sqlite3's default (isolation_level ""): a change is kept once the code commits
it (conn.commit() or `with conn:`), as in any program; what is left uncommitted when a case ends is
rolled back.
"""
import _json
import _thread
import ctypes
import gc
import importlib
import json
import json.scanner
import os
import signal
import sqlite3
import sys
import time
import traceback
import types

REPORT_MARKER = "\n@@injection-report@@"
LOADED_MARKER = "\n@@injection-loaded@@"
READ_MARKER = "\n@@injection-read@@"
CRASH_MARKER = "\n@@injection-crash@@"
CRASH_EXIT = 70
LIBRARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libgrader_sqltrace.so")
MAX_DEPTH = 32
MAX_REPORTED_TEXTS = 20
MAX_REPORTED_CHARS = 1000
MAX_TEXT_BYTES = 64 * 1024
MAX_TEXTS = 200
# A full garbage collection costs milliseconds; the young generation's, microseconds.
FULL_COLLECTION = 64
CALLS = [0]
# Statements sqlite3 prepares by itself around the code's own (its implicit transactions).
IMPLICIT = frozenset(("BEGIN ", "BEGIN", "COMMIT", "ROLLBACK"))

ALWAYS_REFUSED = {
    "sys._current_frames": "reading other threads' frames",
    "sys.settrace": "tracing functions",
    "sys.setprofile": "profiling functions",
    "sys.addaudithook": "audit hooks",
    "gc.get_objects": "the garbage collector's object lists",
    "gc.get_referrers": "the garbage collector's object lists",
    "gc.get_referents": "the garbage collector's object lists",
    "sqlite3.enable_load_extension": "SQLite extensions",
    "sqlite3.load_extension": "SQLite extensions",
    "subprocess.Popen": "starting programs",
    "os.system": "starting programs",
    "os.exec": "starting programs",
    "os.posix_spawn": "starting programs",
    "os.spawn": "starting programs",
    "os.fork": "starting processes",
    "os.forkpty": "starting processes",
    "pty.spawn": "starting processes",
}
MAIN_THREAD_REFUSED = frozenset(("sys._getframe", "object.__getattr__"))


# -- the student's side: runs in threads of its own --------------------------------------------

class TooLarge(Exception):
    pass


def to_json(value, max_bytes):
    """The JSON form of a returned value: dicts, lists, tuples and rows as they are; bytes as
    {"$bytes": hex}; a set as a sorted list; a float that JSON cannot hold as its text."""
    budget = [max_bytes]
    seen = set()

    def charge(n):
        budget[0] -= n
        if budget[0] < 0:
            raise TooLarge("the value is larger than %d bytes as JSON" % max_bytes)

    def walk(v, depth):
        if depth > MAX_DEPTH:
            raise TooLarge("the value is nested deeper than %d levels" % MAX_DEPTH)
        if v is None:
            charge(4)
            return None
        if isinstance(v, bool):
            charge(5)
            return v
        if isinstance(v, int):
            charge(8)
            return int(v) if -(2 ** 53) <= v <= 2 ** 53 else float(v)
        if isinstance(v, float):
            charge(8)
            return float(v) if v == v and v not in (float("inf"), float("-inf")) else str(v)
        if isinstance(v, str):
            charge(len(v) + 2)
            return str(v)
        if isinstance(v, (bytes, bytearray, memoryview)):
            b = bytes(v)
            charge(len(b) * 2 + 12)
            return {"$bytes": b.hex()}
        if id(v) in seen:
            raise TooLarge("the value refers to itself (a cycle)")
        seen.add(id(v))
        try:
            if isinstance(v, sqlite3.Row):
                v = {k: v[k] for k in v.keys()}
            if isinstance(v, dict):
                charge(2)
                out = {}
                for key, item in v.items():
                    key = key if isinstance(key, str) else str(key)
                    charge(len(key) + 3)
                    out[key] = walk(item, depth + 1)
                return out
            if isinstance(v, (list, tuple)):
                charge(2)
                return [walk(item, depth + 1) for item in v]
            if isinstance(v, (set, frozenset)):
                charge(2)
                return [walk(item, depth + 1) for item in sorted(v, key=repr)]
            raise TooLarge("a %s is not a value JSON can hold" % type(v).__name__)
        finally:
            seen.discard(id(v))

    return walk(value, 0)


def describe_error(exc, root):
    """The error as the student should read it: a traceback of their own files' frames only."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(root)]
    lines = (["Traceback (most recent call last):\n"] + traceback.format_list(frames[-8:])) if frames else []
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines).replace(root, "").rstrip()


def ended_process(exc):
    """sys.exit() in a call ends the process, as it would in the student's own program."""
    code = exc.code
    os._exit(code if isinstance(code, int) and 0 <= code <= 255 else 1)


def load_module(entry, box):
    """Thread: imports the student's module; box gets ["loaded", module] or ["error", message]."""
    root = os.path.dirname(entry) + os.sep
    try:
        module = importlib.import_module(os.path.splitext(os.path.basename(entry))[0])
        box.append("loaded")
        box.append(module)
    except SystemExit as exc:
        box.append("error")
        box.append("the module ended the process while it loaded (sys.exit(%r))" % (exc.code,))
    except BaseException as exc:
        box.append("error")
        box.append(describe_error(exc, root))


def make_call(module, db, call, max_bytes, box):
    """Thread: one call of the student's function; box gets the outcome as JSON text."""
    try:
        name = call["fn"]
        fn = getattr(module, name, None)
        if name.startswith("_") or not callable(fn):
            exported = [n for n in dir(module) if not n.startswith("_") and callable(getattr(module, n, None))][:20]
            box.append(json.dumps({"kind": "missing", "exported": exported}))
            return
        args = [a["value"] if "value" in a else None for a in call["args"]]
        try:
            value = fn(db, *args)
            if isinstance(value, types.CoroutineType):
                # Imported only here: asyncio takes longer to import than the rest of the runner.
                import asyncio

                value = asyncio.run(value)
        except SystemExit as exc:
            ended_process(exc)
        except BaseException as exc:
            box.append(json.dumps({"kind": "threw", "name": type(exc).__name__[:100], "message": str(exc)[:2000]}))
            return
        try:
            box.append(json.dumps({"kind": "returned", "value": to_json(value, max_bytes)}))
        except (TooLarge, RecursionError) as exc:
            box.append(json.dumps({"kind": "unserializable", "reason": str(exc)}))
    except SystemExit as exc:
        ended_process(exc)
    except BaseException as exc:
        box.append(json.dumps({"kind": "threw", "name": type(exc).__name__[:100], "message": ("%s" % exc)[:2000]}))
    finally:
        # Automatic collection is off (main() says why): the call's cycles are collected here, in its
        # own thread; the young generation each time (cheap), all of them every FULL_COLLECTION calls.
        CALLS[0] += 1
        gc.collect() if CALLS[0] % FULL_COLLECTION == 0 else gc.collect(0)


def run_then_release(target, args, done):
    """Thread: runs target, then tells the main thread (which still waits for the thread itself to end)."""
    try:
        target(*args)
    finally:
        done.release()


def end_case(db, box):
    """Thread: what a test's end does to a transaction left open (rolled back); box gets "closed" if the code closed the connection."""
    try:
        if db.in_transaction:
            db.rollback()
    except sqlite3.ProgrammingError:
        box.append("closed")
    except BaseException:
        pass


# -- the trusted side: the main thread -----------------------------------------------------------

def main():
    # Everything the main thread uses after the student's code has loaded, taken now.
    _read, _write, _exit, _sleep = os.read, os.write, os._exit, time.sleep
    _start, _ident, _lock = _thread.start_new_thread, _thread.get_ident, _thread.allocate_lock
    _len, _type, _str, _bytes, _list, _dict, _int = len, type, str, bytes, list, dict, int
    _min, _max, _range, _enumerate = min, max, range, enumerate
    _encode, _join = _json.encode_basestring_ascii, "".join
    _scanner = json.scanner.c_make_scanner(json.JSONDecoder())
    _find, _lower, _split, _decode = str.find, str.lower, str.split, bytes.decode
    _gc_disable, _gc_enabled, _threads, _set_limit = gc.disable, gc.isenabled, _thread._count, sys.setrecursionlimit
    _PermissionError, _BaseException, _StopIteration = PermissionError, BaseException, StopIteration
    _connect = sqlite3.connect
    _implicit, _refused, _main_refused = IMPLICIT, dict(ALWAYS_REFUSED), MAIN_THREAD_REFUSED
    _load_module, _make_call, _end_case, _run_then_release = load_module, make_call, end_case, run_then_release
    main_thread = _ident()

    pending = [b""]
    crash = [""]

    def read_line():
        """A line of stdin; None at its end (or once the student's code closed it)."""
        while True:
            at = pending[0].find(b"\n")
            if at >= 0:
                line = pending[0][:at]
                pending[0] = pending[0][at + 1:]
                return _decode(line, "utf-8")
            try:
                chunk = _read(0, 65536)
            except OSError:
                return None
            if not chunk:
                if not pending[0]:
                    return None
                line, pending[0] = pending[0], b""
                return _decode(line, "utf-8")
            pending[0] = pending[0] + chunk

    def write(text):
        """To stdout; a stdout the student's code closed or took ends the process (the student's failure: no report)."""
        data = text.encode("utf-8")
        try:
            while data:
                data = data[_write(1, data):]
        except OSError:
            _exit(1)

    def parse(text):
        """JSON by the C scanner made above: no Python code of json's (which the student's code may have patched) runs."""
        try:
            value, end = _scanner(text, 0)
        except _BaseException:
            return None
        return value if end == _len(text) else None

    try:
        # 1. The request, before anything of the student's runs.
        first = read_line()
        if first is None:
            raise RuntimeError("no request on stdin")
        request = json.loads(first)
        nonce = request["nonce"]
        crash[0] = CRASH_MARKER + nonce + "\n"
        write(READ_MARKER + nonce + "\n")
        max_bytes = request["maxResultBytes"]
        try:
            with open("/proc/self/oom_score_adj", "w") as f:
                f.write("1000")
        except OSError:
            pass
        # Ctrl-C's KeyboardInterrupt would end the main thread as the runner's own failure: a signal kills.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        # An automatic collection runs finalisers (__del__) in whichever thread allocates: never the
        # student's in this one (code run here could install a signal handler, which gets this frame).
        _gc_disable()

        # 2. The recorder, claimed with a secret, and proved to see statements.
        library = ctypes.CDLL(LIBRARY)
        secret = os.urandom(24).hex().encode("ascii")
        claim, begin, count, text_at = library.grader_sqltrace_claim, library.grader_sqltrace_begin, library.grader_sqltrace_count, library.grader_sqltrace_text
        lockdown = library.grader_sqltrace_lockdown
        for fn in (claim, begin, lockdown):
            fn.argtypes, fn.restype = [ctypes.c_char_p], ctypes.c_int
        count.argtypes, count.restype = [ctypes.c_char_p, ctypes.c_int], ctypes.c_int
        text_at.argtypes, text_at.restype = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int], ctypes.c_int
        allowed_calls = frozenset(ctypes.cast(fn, ctypes.c_void_p).value for fn in (begin, count, text_at))
        text_buffer = ctypes.create_string_buffer(MAX_TEXT_BYTES)
        if claim(secret) != 0 or begin(secret) != 0:
            raise RuntimeError("the SQL recorder is already claimed")
        probe = _connect(":memory:")
        probe.execute("SELECT 'grader-sqltrace-probe'").fetchall()
        probe.close()
        if count(secret, 0) < 1:
            raise RuntimeError("the SQL recorder sees no statement: is %s preloaded (LD_PRELOAD)?" % LIBRARY)

        def recorded(errors):
            """The SQL texts (or the database's error messages) recorded since begin()."""
            n = count(secret, errors)
            texts = []
            for i in _range(n if n <= MAX_TEXTS else n - MAX_TEXTS - 1):
                size = text_at(secret, errors, i, text_buffer, MAX_TEXT_BYTES)
                if size >= 0:
                    text = _decode(text_buffer.raw[:size], "utf-8", "replace")
                    if errors or text not in _implicit:
                        texts.append(text)
            return texts

        def audit(event, args):
            if event in _refused:
                raise _PermissionError("%s (%s) is not available to your code here" % (_refused[event], event))
            if event[:7] == "ctypes.":
                if _ident() == main_thread and (event == "ctypes.create_string_buffer" or (event == "ctypes.call_function" and args[0] in allowed_calls)):
                    return
                raise _PermissionError("ctypes is not available to your code here")
            if event == "sqlite3.connect" and _ident() != main_thread:
                raise _PermissionError("opening a database is not available here: use the connection you are given")
            if event == "open":
                path = args[0]
                if _type(path) is _bytes:
                    path = _decode(path, "utf-8", "replace")
                if _type(path) is _str and (path[:6] == "/proc/" or path[:8] == "/dev/fd/" or path[:8] == "/dev/std" or path == "/proc"):
                    if path != "/proc/self/oom_score_adj" or _ident() != main_thread:
                        raise _PermissionError("%s is not available to your code here" % path)
                return
            if event in _main_refused and _ident() == main_thread:
                raise _PermissionError("%s is not available here" % event)

        def when_alone():
            """Waits until the main thread is the process's only one: no code of the student's runs."""
            # _thread's count is an int: waiting on it allocates nothing that could start a collection.
            while _threads() > 0:
                _sleep(0.00005)
            # What the student's code may have changed that this thread relies on.
            _gc_disable()
            _set_limit(1000)

        def in_thread(target, args):
            """Runs target(*args) in a thread of its own; returns once no thread but this one is left."""
            done = _lock()
            done.acquire()
            keep.append(done)
            _start(_run_then_release, (target, args, done))
            # Released when target returns (or early, by the student's code: when_alone still waits).
            done.acquire()
            when_alone()

        def marker_index(text, markers):
            lower = _lower(text)
            found = -1
            packed = None
            for marker in markers:
                if _type(marker) is not _str or not marker:
                    continue
                m = _lower(marker)
                at = _find(lower, m)
                if at < 0:
                    if packed is None:
                        packed = _join(_split(lower)).replace("'||x'", "").replace("'||'", "").replace(")||char(", ",")
                    hex_form = _join(["%02x" % b for b in m.encode("utf-8")])
                    codes = ",".join(["%d" % b for b in m.encode("utf-8")])
                    if _find(packed, hex_form) >= 0:
                        at = _max(0, _find(lower, hex_form[:4]))
                    elif _find(packed, codes) >= 0:
                        at = _max(0, _find(lower, "char("))
                    elif _find(packed, m) >= 0:
                        at = _max(0, _find(lower, "'" + m[0] + "'"))
                if at >= 0 and (found < 0 or at < found):
                    found = at
            return found

        def bound(texts, markers):
            """As boundSqlTexts (call-outcome.ts): texts holding a marker first, 20 at most, each cut to 1000 characters around it."""
            tagged = [(t, marker_index(t, markers)) for t in texts]
            ordered = ([x for x in tagged if x[1] >= 0] + [x for x in tagged if x[1] < 0])[:MAX_REPORTED_TEXTS]
            out = []
            for text, at in ordered:
                if _len(text) <= MAX_REPORTED_CHARS:
                    out.append(text)
                elif at < 0 or at < MAX_REPORTED_CHARS - 100:
                    out.append(text[:MAX_REPORTED_CHARS - 1] + "\u2026")
                else:
                    start = _max(0, at - MAX_REPORTED_CHARS // 2)
                    out.append("\u2026" + text[start:start + MAX_REPORTED_CHARS - 2] + "\u2026")
            return out

        def outcome_text(box):
            """The call's outcome as the student's thread wrote it, as a JSON string (the harness parses and checks it)."""
            if _len(box) == 1 and _type(box[0]) is _str:
                return _encode(box[0])
            return _encode('{"kind":"unserializable","reason":"the call\'s outcome could not be read"}')

        def strings(texts):
            return "[" + ",".join([_encode(t) for t in texts]) + "]"

        def run_case(module, db, calls, markers):
            outcomes, sql, errors = [], [], []
            for call in calls:
                box = []
                keep.append(box)
                begin(secret)
                in_thread(_make_call, (module, db, call, max_bytes, box))
                outcomes.append(outcome_text(box))
                sql.append(strings(bound(recorded(0), markers)))
                errors.append(strings(recorded(1)))
            closed = []
            keep.append(closed)
            in_thread(_end_case, (db, closed))
            body = '{"kind":"calls","outcomes":[' + ",".join(outcomes) + '],"sql":[' + ",".join(sql) + '],"engineErrors":[' + ",".join(errors) + "]}"
            return body, _len(closed) > 0

        def report(body):
            write(REPORT_MARKER + nonce + "\n" + body + "\n")

        def open_database():
            db = _connect(request["database"], check_same_thread=False)
            # The database's directory is not the student's to write in: no journal file beside it.
            db.execute("PRAGMA journal_mode = MEMORY").fetchall()
            return db

        # 3. The database, the hook, and the module, loaded in a thread of its own.
        db = open_database()
        # Kept to the end: nothing the student's code could have handed a finaliser (__del__) is let go of in this thread.
        keep = [db]
        entry = request["module"]
        sys.path.insert(0, os.path.dirname(entry))
        sys.dont_write_bytecode = True
        # What no audit hook sees, refused by the kernel from here on: /proc (its mem file above all),
        # new programs and processes, ptrace (sqltrace.c, grader_sqltrace_lockdown).
        locked = lockdown(secret)
        if locked != 0:
            raise RuntimeError("the sandbox could not be locked down (%s): the machine's kernel needs Landlock and seccomp" % {-2: "Landlock", -3: "seccomp"}.get(locked, locked))
        sys.addaudithook(audit)
        loaded = []
        keep.append(loaded)
        in_thread(_load_module, (entry, loaded))
        if _len(loaded) != 2 or loaded[0] != "loaded":
            message = loaded[1] if _len(loaded) == 2 and _type(loaded[1]) is _str else "the module failed to load"
            report('{"kind":"load-error","message":' + _encode(message) + "}")
            _exit(0)
        module = loaded[1]
        write(LOADED_MARKER + nonce + "\n")

        # 4. The calls: one case, or a session of cases.
        if not request.get("session"):
            body, _closed = run_case(module, db, request["calls"], request.get("markers") or [])
            report(body)
            _exit(0)
        while True:
            line = read_line()
            if line is None:
                break
            if not _split(line):
                continue
            case = parse(line)
            if _type(case) is not _dict or _type(case.get("calls")) is not _list:
                raise RuntimeError("a case that is not one")
            keep.append(case)
            body, closed = run_case(module, db, case["calls"], case.get("markers") or [])
            report(body)
            if closed:
                db = open_database()
                keep.append(db)
        _exit(0)

    except SystemExit:
        raise
    except BaseException as exc:  # the runner's own failure: the harness reports the grader's error
        write(crash[0])
        try:
            _write(2, ("the injection runner failed: %s: %s\n" % (_type(exc).__name__, exc)).encode("utf-8", "replace"))
        finally:
            _exit(CRASH_EXIT)

if __name__ == "__main__":
    main()
