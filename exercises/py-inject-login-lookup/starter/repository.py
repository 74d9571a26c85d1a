import hashlib


def _sha256(text):
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()


# Every query below is built by pasting the caller's input into the SQL text. Fix that.

def find_user(db, username, password):
    row = db.execute(
        f"SELECT id, username, role FROM users WHERE username = '{username}' AND password_hash = '{_sha256(password)}'"
    ).fetchone()
    return None if row is None else {"id": row[0], "username": row[1], "role": row[2]}


def users_with_role(db, role):
    rows = db.execute(f"SELECT id, username FROM users WHERE role = '{role}' ORDER BY id").fetchall()
    return [{"id": r[0], "username": r[1]} for r in rows]


def change_email(db, user_id, email):
    changed = db.execute(f"UPDATE users SET email = '{email}' WHERE id = {user_id}").rowcount
    db.commit()
    return changed
