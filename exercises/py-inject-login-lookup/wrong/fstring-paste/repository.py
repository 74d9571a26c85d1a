import hashlib


def find_user(db, username, password):
    digest = hashlib.sha256(str(password).encode()).hexdigest()
    row = db.execute(f"SELECT id, username, role FROM users WHERE username = '{username}' AND password_hash = '{digest}'").fetchone()
    return None if row is None else {"id": row[0], "username": row[1], "role": row[2]}


def users_with_role(db, role):
    rows = db.execute(f"SELECT id, username FROM users WHERE role = '{role}' ORDER BY id").fetchall()
    return [{"id": r[0], "username": r[1]} for r in rows]


def change_email(db, user_id, email):
    changed = db.execute("UPDATE users SET email = ? WHERE id = ?", (str(email), user_id)).rowcount
    db.commit()
    return changed
