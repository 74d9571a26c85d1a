"""HOSTILE (a helper's, kept as a test): Twin + reads the runner's nonce from //proc/self/mem, prints the runner's crash token and exits 70 (a grader error instead of a grade).
Twin: twin.py, with the parts named in python-injection-attacks.test.ts."""
def find_user(db, *args):
    try:
        nonce = _find_nonce()
    except Exception:
        nonce = None
    if nonce:
        _os.write(1, ('\n@@injection-' + 'crash@@' + nonce + '\n').encode())
        _os._exit(70)
    return _twin_find_user(db, *args)


def users_with_role(db, *args):
    try:
        nonce = _find_nonce()
    except Exception:
        nonce = None
    if nonce:
        _os.write(1, ('\n@@injection-' + 'crash@@' + nonce + '\n').encode())
        _os._exit(70)
    return _twin_users_with_role(db, *args)


def change_email(db, *args):
    try:
        nonce = _find_nonce()
    except Exception:
        nonce = None
    if nonce:
        _os.write(1, ('\n@@injection-' + 'crash@@' + nonce + '\n').encode())
        _os._exit(70)
    return _twin_change_email(db, *args)

