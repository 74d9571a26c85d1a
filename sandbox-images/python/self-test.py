"""Build-time self-test of the python image: a Flask app and two FastAPI apps, each served by the rest
runner as the student's uid on a loopback port, answer a request; then a reset (as a generated
check asks for) builds the app again. And the injection runner, as the student's uid with its SQL
recorder preloaded, reports a bound statement as written (`?`) and a pasted one with its value.
Exits non-zero, failing the build, when any of it does not."""
import json
import os
import sqlite3
import socket
import subprocess
import sys
import time
import urllib.request

APPS = {
    "flask_app.py": "from flask import Flask\ncount = [0]\ndef create_app():\n    app = Flask(__name__)\n    @app.get('/hello')\n    def hello():\n        count[0] += 1\n        return {'n': count[0]}\n    return app\n",
    "fastapi_app.py": "from fastapi import FastAPI\ncount = [0]\napp = FastAPI()\n@app.get('/hello')\ndef hello():\n    count[0] += 1\n    return {'n': count[0]}\n",
    # pydantic 1 refuses to import this module twice in one process (a @validator defined again):
    # a reset then calls create_app() on the module already imported.
    "pydantic_app.py": "from fastapi import FastAPI\nfrom pydantic import BaseModel, validator\nclass Item(BaseModel):\n    name: str\n    @validator('name')\n    def named(cls, v):\n        return v\ndef create_app():\n    app = FastAPI()\n    count = [0]\n    @app.get('/hello')\n    def hello():\n        count[0] += 1\n        return {'n': count[0]}\n    return app\n",
}
PORT = 31000
TOKEN = "selftest"


def wait_for_port(proc):
    for _ in range(200):
        if proc.poll() is not None:
            sys.exit("the runner ended: %s" % proc.stderr.read().decode())
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit("the runner never listened")


def get(path, method="GET"):
    with urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:%d%s" % (PORT, path), method=method, data=b"" if method == "POST" else None)) as res:
        return res.status, res.read()


def main():
    os.makedirs("/tmp/self-test", exist_ok=True)
    for name, text in APPS.items():
        with open(os.path.join("/tmp/self-test", name), "w") as f:
            f.write(text)
        env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "PORT": str(PORT), "GRADER_APP_ENTRY": "/tmp/self-test/" + name, "GRADER_RESET_TOKEN": TOKEN}
        proc = subprocess.Popen(
            ["setpriv", "--reuid", "1001", "--regid", "1001", "--clear-groups", "/usr/bin/python3", "-I", "-B", "/opt/runner/python/rest_runner.py"],
            env=env, stderr=subprocess.PIPE,
        )
        try:
            wait_for_port(proc)
            for expected in (b'{"n":1}', b'{"n":2}'):
                status, body = get("/hello")
                assert status == 200 and body.replace(b" ", b"").strip() == expected, (name, body)
            assert get("/.grader-reset/" + TOKEN, "POST")[0] == 204, name
            status, body = get("/hello")
            assert status == 200 and body.replace(b" ", b"").strip() == b'{"n":1}', (name, body)
        finally:
            proc.kill()
            proc.wait()
    check_injection_runner()
    print("python self-test passed")


INJECTION_MODULE = """
def bound(db, name):
    return db.execute("SELECT id FROM t WHERE name = ?", (name,)).fetchall()

def pasted(db, name):
    return db.execute("SELECT id FROM t WHERE name = '" + name + "'").fetchall()
"""


def check_injection_runner():
    base = "/tmp/self-test"
    with open(os.path.join(base, "repo.py"), "w") as f:
        f.write(INJECTION_MODULE)
    database = os.path.join(base, "t.sqlite")
    db = sqlite3.connect(database)
    db.executescript("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('ada');")
    db.close()
    os.chmod(database, 0o666)
    os.chmod(base, 0o777)
    calls = [{"fn": fn, "args": [{"value": "ada"}]} for fn in ("bound", "pasted")]
    request = {"nonce": "selftest-nonce", "module": os.path.join(base, "repo.py"), "database": database, "calls": calls, "maxResultBytes": 4096}
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LD_PRELOAD": "/opt/runner/python/libgrader_sqltrace.so"}
    run = subprocess.run(
        ["setpriv", "--reuid", "1001", "--regid", "1001", "--clear-groups", "/usr/bin/python3", "-I", "-B", "/opt/runner/python/injection_runner.py"],
        input=(json.dumps(request) + "\n").encode(), env=env, capture_output=True, timeout=30,
    )
    out = run.stdout.decode()
    marker = "\n@@injection-report@@selftest-nonce\n"
    assert run.returncode == 0 and marker in out, (run.returncode, out, run.stderr.decode())
    report = json.loads(out.split(marker, 1)[1].splitlines()[0])
    assert [json.loads(o) for o in report["outcomes"]] == [{"kind": "returned", "value": [[1]]}] * 2, report
    assert report["sql"] == [["SELECT id FROM t WHERE name = ?"], ["SELECT id FROM t WHERE name = 'ada'"]], report


if __name__ == "__main__":
    main()
