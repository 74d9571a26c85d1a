"""Student side of the rest-endpoint kind for Python apps (Flask, FastAPI or any WSGI or ASGI app).

Runs as the student's uid in a child process of the harness, one process per fixed test, as
rest-runner.js does for Express: imports the student's module (GRADER_APP_ENTRY), takes the app
from it (create_app() or a module-level ``app``) and serves it on 127.0.0.1:PORT, a WSGI app with
werkzeug's threaded server, an ASGI app with uvicorn. The harness knows the app is ready when the
port accepts a connection.

For generated checks (GRADER_RESET_TOKEN set) a POST to /.grader-reset/<token> forgets every
module of the student's, imports the entry again and builds a new app; it answers 204 once the new
app serves, or 500 with the error. A module slow to import (over SLOW_RELOAD_CPU_MS of CPU) is
imported again only once; later resets call its create_app() again. The harness runs this same
runner, as its own user, for the reference app, on a Unix socket (GRADER_APP_SOCKET).

Anything that goes wrong is printed on stderr as the student should read it (the frames of their
own files only), and ends the process with exit code 1.
"""
import importlib
import inspect
import logging
import os
import sys
import time
import traceback

# CPU time of importing the student's module again, in seconds, beyond which later resets keep
# the module and only call create_app() again (rest-runner.ts: SLOW_RELOAD_CPU_MS, same reason).
SLOW_RELOAD_CPU_S = 0.05
RESET_PATH_PREFIX = "/.grader-reset/"
EXPORT_HINT = "def create_app():\n    app = Flask(__name__)  # or FastAPI()\n    ...\n    return app"


class AppExportProblem(Exception):
    """The module does not give an app: the message says what to change."""


def volunteer_for_oom_killer():
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass


def describe_error(exc, root):
    """The exception with the stack frames of the student's files only, paths relative to `root`."""
    if isinstance(exc, AppExportProblem):
        return str(exc)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(root)]
    lines = []
    if frames:
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_list(frames[-8:]))
    lines.extend(traceback.format_exception_only(type(exc), exc))
    return "".join(lines).replace(root, "").rstrip()


# The exit code that tells the harness the student's module could not be imported (a missing
# module or name): a compile error, not a crash (app-launcher.ts: PYTHON_IMPORT_ERROR_EXIT).
IMPORT_ERROR_EXIT = 3


def fail(exc, root, code=1):
    sys.stderr.write(describe_error(exc, root) + "\n")
    sys.stderr.flush()
    os._exit(code)


def is_asgi(app):
    call = app if inspect.isfunction(app) or inspect.ismethod(app) else getattr(app, "__call__", None)
    return inspect.iscoroutinefunction(call)


def describe(value):
    if value is None:
        return "None"
    if inspect.ismodule(value):
        return "a module"
    return "a %s" % type(value).__name__


class StudentModule:
    """The student's entry module as last imported, and how to build an app from it."""

    def __init__(self, entry, name):
        self.root = os.path.dirname(entry) + os.sep
        self.module_name = os.path.splitext(os.path.basename(entry))[0]
        self.name = name
        self.module = None
        self.reload = True

    def load(self):
        """Imports the entry, after forgetting every module of the student's; a second import's CPU time decides `reload`."""
        again = self.module is not None
        for key, mod in list(sys.modules.items()):
            if (getattr(mod, "__file__", None) or "").startswith(self.root):
                del sys.modules[key]
        importlib.invalidate_caches()
        # The first import also loads the packages (Flask alone takes some 100 ms): only an import again tells.
        before = time.process_time()
        self.module = importlib.import_module(self.module_name)
        if again and time.process_time() - before > SLOW_RELOAD_CPU_S:
            self.reload = False

    def factory(self):
        create_app = getattr(self.module, "create_app", None)
        return create_app if callable(create_app) else None

    def fresh_app(self):
        """A new app: the module imported again, or only create_app() called again once imports
        proved slow, or failed. Some modules cannot be imported twice in one process (pydantic 1
        refuses a second @validator of the same name); then create_app() is called again on the
        module already imported, whose top-level state the check tells apart by confirming a
        difference in a fresh process (rest-runner.ts does the same for a slow module)."""
        if self.reload or self.factory() is None:
            loaded = self.module
            try:
                self.load()
            except Exception:
                if self.factory() is None:
                    raise
                self.module, self.reload = loaded, False
                sys.modules[self.module_name] = loaded
        return self.app()

    def app(self):
        create_app = self.factory()
        if create_app is not None:
            made = create_app()
            if not callable(made):
                raise AppExportProblem("create_app() in %s returned %s; it must return the app:\n%s" % (self.name, describe(made), EXPORT_HINT))
            return made
        app = getattr(self.module, "app", None)
        if callable(app):
            return app
        raise AppExportProblem("%s defines neither create_app() nor app; it must define a function that builds the app:\n%s" % (self.name, EXPORT_HINT))


def serve_wsgi(app, port, socket_path, reset_path, student):
    from werkzeug.serving import make_server

    state = {"app": app}

    def host(environ, start_response):
        if reset_path is not None and environ.get("PATH_INFO") == reset_path and environ.get("REQUEST_METHOD") == "POST":
            try:
                state["app"] = student.fresh_app()
            except BaseException as exc:  # the student's error, reported to the harness
                start_response("500 Internal Server Error", [("Content-Type", "text/plain; charset=utf-8")])
                return [describe_error(exc, student.root).encode()]
            start_response("204 No Content", [])
            return []
        return state["app"](environ, start_response)

    # One line per request on stderr would fill the output cap of a generated check.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    host_name = "unix://" + socket_path if socket_path else "127.0.0.1"
    server = make_server(host_name, 0 if socket_path else port, host, threaded=True)
    server.serve_forever()


def serve_asgi(app, port, socket_path, reset_path, student):
    import uvicorn

    state = {"app": app}

    async def reset():
        old = state["app"]
        state["app"] = student.fresh_app()
        await lifespan_of(old, "shutdown")
        await lifespan_of(state["app"], "startup")

    async def host(scope, receive, send):
        if scope["type"] == "http" and reset_path is not None and scope.get("path") == reset_path and scope.get("method") == "POST":
            try:
                await reset()
                status, body = 204, b""
            except BaseException as exc:  # the student's error, reported to the harness
                status, body = 500, describe_error(exc, student.root).encode()
            await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body", "body": body})
            return
        await state["app"](scope, receive, send)

    options = {"uds": socket_path} if socket_path else {"host": "127.0.0.1", "port": port}
    config = uvicorn.Config(host, log_level="warning", access_log=False, lifespan="auto", **options)
    uvicorn.Server(config).run()


async def lifespan_of(app, event):
    """Runs a Starlette (FastAPI) app's startup or shutdown handlers, for an app built at a reset."""
    router = getattr(app, "router", None)
    handler = getattr(router, event, None)
    if handler is not None and inspect.iscoroutinefunction(handler):
        await handler()


def main():
    entry = os.environ.pop("GRADER_APP_ENTRY", None)
    port = os.environ.pop("PORT", None)
    socket_path = os.environ.pop("GRADER_APP_SOCKET", None)
    token = os.environ.pop("GRADER_RESET_TOKEN", None)
    name = os.environ.pop("GRADER_APP_NAME", None) or os.path.basename(entry or "")
    if not entry or (not socket_path and not (port or "").isdigit()):
        sys.stderr.write("usage: GRADER_APP_ENTRY=<module> PORT=<port> | GRADER_APP_SOCKET=<path> [GRADER_RESET_TOKEN=<token>] python3 rest_runner.py\n")
        sys.exit(2)
    volunteer_for_oom_killer()
    student = StudentModule(entry, name)
    # The student's other modules import from beside the entry; nothing is imported from the current directory.
    sys.path.insert(0, os.path.dirname(entry))
    sys.dont_write_bytecode = True
    try:
        student.load()
    except ImportError as exc:
        fail(exc, student.root, IMPORT_ERROR_EXIT)
    except SyntaxError as exc:  # in a file the syntax check did not see (one written at run time)
        fail(exc, student.root, IMPORT_ERROR_EXIT)
    except SystemExit:
        fail(AppExportProblem("%s ended the process (sys.exit) while it was imported; do not start a server yourself, define create_app()" % name), student.root)
    except BaseException as exc:
        fail(exc, student.root)
    try:
        app = student.app()
        reset_path = RESET_PATH_PREFIX + token if token else None
        serve = serve_asgi if is_asgi(app) else serve_wsgi
        if socket_path and os.path.exists(socket_path):
            os.unlink(socket_path)
        serve(app, int(port or 0), socket_path, reset_path, student)
    except SystemExit as exc:
        if exc.code not in (None, 0):
            fail(exc, student.root)
        fail(AppExportProblem("%s ended the process (sys.exit) while it was imported or served; do not start a server yourself, define create_app()" % name), student.root)
    except BaseException as exc:
        fail(exc, student.root)
    fail(AppExportProblem("the server of %s stopped by itself: do not call app.run() or uvicorn.run() yourself, define create_app()" % name), student.root)


if __name__ == "__main__":
    main()
