import hashlib


def _sha256(text):
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()


# Every input travels as a parameter (?): it is a value, never part of the SQL text.

def find_user(db, username, password):
    row = db.execute(
        "SELECT id, username, role FROM users WHERE username = ? AND password_hash = ?",
        (str(username), _sha256(password)),
    ).fetchone()
    return None if row is None else {"id": row[0], "username": row[1], "role": row[2]}


def users_with_role(db, role):
    rows = db.execute("SELECT id, username FROM users WHERE role = ? ORDER BY id", (str(role),)).fetchall()
    return [{"id": r[0], "username": r[1]} for r in rows]


def change_email(db, user_id, email):
    changed = db.execute("UPDATE users SET email = ? WHERE id = ?", (str(email), user_id)).rowcount
    db.commit()
    return changed
