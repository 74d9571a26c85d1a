"""Parameters everywhere, but the UPDATE is never committed: the change is rolled back when the case ends."""
import hashlib


def find_user(db, username, password):
    digest = hashlib.sha256(str(password).encode()).hexdigest()
    row = db.execute("SELECT id, username, role FROM users WHERE username = ? AND password_hash = ?", (str(username), digest)).fetchone()
    return None if row is None else {"id": row[0], "username": row[1], "role": row[2]}


def users_with_role(db, role):
    return [{"id": i, "username": u} for i, u in db.execute("SELECT id, username FROM users WHERE role = ? ORDER BY id", (str(role),))]


def change_email(db, user_id, email):
    return db.execute("UPDATE users SET email = ? WHERE id = ?", (str(email), user_id)).rowcount
