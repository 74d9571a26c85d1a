# The probe itself, in Python: reports what this process can reach. Used as the submission.
import os
import socket

from flask import Flask, jsonify

# Paths the student must not read (probe-isolation/solution/app.js says why each).
FORBIDDEN = ["/grader", "/opt/harness", "/opt/harness/harness.js", "/proc/1/environ", "/proc/1/mem", "/var/run/docker.sock", "/run/docker.sock"]


def readable(path):
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            with open(path, "rb") as f:
                f.read(1)
        return True
    except OSError:
        return False


def readable_processes():
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if int(pid) in (os.getpid(), os.getppid()):
            continue
        try:
            if os.stat("/proc/" + pid).st_uid == os.getuid():
                continue
        except OSError:
            continue
        found += ["/proc/%s/%s" % (pid, f) for f in ("environ", "mem", "fd") if readable("/proc/%s/%s" % (pid, f))]
    return found


# Where student files may live: cleared by the harness between tests (clear-student-files.ts).
SCRATCH = ["/tmp", "/dev/shm", "/dev/mqueue", os.path.expanduser("~")]


def writable_places():
    """Every mount point (and the root) outside SCRATCH in which this process can create a file."""
    with open("/proc/self/mountinfo") as f:
        mount_points = [line.split(" ")[4] for line in f if line.strip()]
    found = []
    for place in dict.fromkeys(["/"] + mount_points):
        if place in SCRATCH:
            continue
        name = place.rstrip("/") + "/.probe-%d" % os.getpid()
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            os.unlink(name)
            found.append(place)
        except OSError:
            pass
    return found


def resolves(name):
    try:
        socket.getaddrinfo(name, 443)
        return True
    except OSError:
        return False


def create_app():
    app = Flask(__name__)

    @app.get("/interfaces")
    def interfaces():
        return jsonify(sorted(name for _, name in socket.if_nameindex()))

    @app.get("/dns")
    def dns():
        return jsonify(resolved=resolves("registry.npmjs.org"))

    @app.get("/reads")
    def reads():
        return jsonify(files=[p for p in FORBIDDEN if readable(p)], processes=readable_processes())

    @app.get("/writes")
    def writes():
        return jsonify(writable_places())

    @app.get("/environment")
    def environment():
        return jsonify(sorted(os.environ))

    return app
