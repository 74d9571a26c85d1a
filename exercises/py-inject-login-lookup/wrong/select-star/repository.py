"""Parameters everywhere, but find_user returns the whole row: the password hash reaches the caller."""
import hashlib
import sqlite3


def find_user(db, username, password):
    db.row_factory = sqlite3.Row
    digest = hashlib.sha256(str(password).encode()).hexdigest()
    row = db.execute("SELECT * FROM users WHERE username = ? AND password_hash = ?", (str(username), digest)).fetchone()
    return None if row is None else dict(row)


def users_with_role(db, role):
    db.row_factory = sqlite3.Row
    return [{"id": r["id"], "username": r["username"]} for r in db.execute("SELECT id, username FROM users WHERE role = ? ORDER BY id", (str(role),))]


def change_email(db, user_id, email):
    cur = db.execute("UPDATE users SET email = ? WHERE id = ?", (str(email), user_id))
    db.commit()
    return cur.rowcount
