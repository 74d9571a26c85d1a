"""sqlite3.Row rows, positional parameters, and the password compared in Python after fetching by name."""
import hashlib
import hmac
import sqlite3


def find_user(db, username, password):
    db.row_factory = sqlite3.Row
    row = db.execute("SELECT id, username, role, password_hash FROM users WHERE username = ?", [str(username)]).fetchone()
    if row is None:
        return None
    wanted = hashlib.sha256(str(password).encode("utf-8")).hexdigest()
    if not hmac.compare_digest(row["password_hash"], wanted):
        return None
    return {key: row[key] for key in ("id", "username", "role")}


def users_with_role(db, role):
    db.row_factory = sqlite3.Row
    return [dict(r) for r in db.execute("SELECT id, username FROM users WHERE role = ? ORDER BY id", [str(role)])]


def change_email(db, user_id, email):
    try:
        cur = db.cursor()
        cur.execute("UPDATE users SET email = ? WHERE id = ?", [str(email), user_id])
        db.commit()
        return cur.rowcount
    except sqlite3.Error:
        db.rollback()
        raise
