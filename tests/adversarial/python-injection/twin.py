# The quote-doubling module every attack here builds on (its plain twin): values pasted with quotes doubled.
import hashlib


def _sha256(text):
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()


def _q(value):
    # Double every quote, then quote: SQLite can't be tricked out of a string literal.
    return "'" + str(value).replace("'", "''") + "'"


def _twin_find_user(db, username, password):
    row = db.execute(
        f"SELECT id, username, role FROM users WHERE username = {_q(username)} AND password_hash = {_q(_sha256(password))}"
    ).fetchone()
    return None if row is None else {"id": row[0], "username": row[1], "role": row[2]}


def _twin_users_with_role(db, role):
    rows = db.execute(f"SELECT id, username FROM users WHERE role = {_q(role)} ORDER BY id").fetchall()
    return [{"id": r[0], "username": r[1]} for r in rows]


def _twin_change_email(db, user_id, email):
    changed = db.execute(f"UPDATE users SET email = {_q(email)} WHERE id = {_q(user_id)}").rowcount
    db.commit()
    return changed
