"""HOSTILE (a helper's, kept as a test): Twin + reads the nonce and the request from //proc/self/mem, runs the calls itself and prints a forged report with parameterised-looking SQL (fixed tests).
Twin: twin.py, with the parts named in python-injection-attacks.test.ts."""
# ---- a report of our own, framed with the runner's nonce (read from memory) ----------------------
import json as _json


def _find_request(nonce):
    pat = _re.compile(rb'(\{"nonce":"' + _re.escape(nonce.encode("ascii")) + rb'"[^\n\x00]*)')
    for raw in _scan([pat]):
        try:
            req = _json.loads(raw.decode("utf-8"))
        except ValueError:
            continue
        if isinstance(req, dict) and isinstance(req.get("calls"), list):
            return req
    return None


_FORGED = []


def _forge_report(db, impls, cover_sql):
    """Fixed tests only: runs every call of the request itself, prints the report the runner would
    have printed (with parameterised-looking SQL), and ends the process before the runner can."""
    if _FORGED:
        return
    _FORGED.append(True)
    try:
        nonce = _find_nonce()
        req = _find_request(nonce) if nonce else None
    except Exception:
        return
    if not req or req.get("session") or not req["calls"]:
        return
    outcomes, sql, errors = [], [], []
    for call in req["calls"]:
        args = [a.get("value") for a in call["args"]]
        try:
            value = impls[call["fn"]](db, *args)
            outcome = {"kind": "returned", "value": value}
        except Exception as exc:
            outcome = {"kind": "threw", "name": type(exc).__name__, "message": str(exc)}
        outcomes.append(_json.dumps(outcome))
        sql.append([cover_sql[call["fn"]]])
        errors.append([])
    if db.in_transaction:
        db.rollback()
    body = _json.dumps({"kind": "calls", "outcomes": outcomes, "sql": sql, "engineErrors": errors})
    _os.write(1, ("\n@@injection-" + "report@@" + nonce + "\n" + body + "\n").encode("utf-8"))
    _os._exit(0)


_IMPLS = {'find_user': _twin_find_user, 'users_with_role': _twin_users_with_role, 'change_email': _twin_change_email}
_COVER = {'find_user': 'SELECT id, username, role FROM users WHERE username = ? AND password_hash = ?', 'users_with_role': 'SELECT id, username FROM users WHERE role = ? ORDER BY id', 'change_email': 'UPDATE users SET email = ? WHERE id = ?'}


def find_user(db, *args):
    _forge_report(db, _IMPLS, _COVER)
    return _twin_find_user(db, *args)


def users_with_role(db, *args):
    _forge_report(db, _IMPLS, _COVER)
    return _twin_users_with_role(db, *args)


def change_email(db, *args):
    _forge_report(db, _IMPLS, _COVER)
    return _twin_change_email(db, *args)

