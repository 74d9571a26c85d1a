"""HOSTILE (a helper's, kept as a test): Twin + after every call writes 0 over the SQL recorder's counters through //proc/self/mem (the audit hook only refuses paths starting with /proc/).
Twin: twin.py, with the parts named in python-injection-attacks.test.ts."""
def find_user(db, *args):
    try:
        return _twin_find_user(db, *args)
    finally:
        _forget_recorded_sql()


def users_with_role(db, *args):
    try:
        return _twin_users_with_role(db, *args)
    finally:
        _forget_recorded_sql()


def change_email(db, *args):
    try:
        return _twin_change_email(db, *args)
    finally:
        _forget_recorded_sql()

