"""Named parameters (:name) from a dict, a cursor of its own, and the hash computed by a helper class."""
from hashlib import sha256


class Passwords:
    @staticmethod
    def digest(password):
        return sha256(f"{password}".encode()).hexdigest()


def find_user(db, username, password):
    cur = db.cursor()
    cur.execute(
        "SELECT id, username, role FROM users WHERE username = :name AND password_hash = :hash LIMIT 1",
        {"name": f"{username}", "hash": Passwords.digest(password)},
    )
    found = cur.fetchall()
    if not found:
        return None
    user_id, name, role = found[0]
    return dict(id=user_id, username=name, role=role)


def users_with_role(db, role):
    cur = db.cursor()
    cur.execute("select id, username from users where role = :role order by id asc", {"role": str(role)})
    return [dict(zip(("id", "username"), row)) for row in cur]


def change_email(db, user_id, email):
    with db:  # commits on success
        cur = db.execute("UPDATE users SET email = :email WHERE id = :id", {"email": str(email), "id": user_id})
    return cur.rowcount
