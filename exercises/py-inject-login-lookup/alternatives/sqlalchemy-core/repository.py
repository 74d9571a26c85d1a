"""SQLAlchemy Core on the connection given: table objects and expressions, whose values SQLAlchemy binds as parameters."""
import hashlib

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select, update
from sqlalchemy.pool import StaticPool

metadata = MetaData()
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String),
    Column("password_hash", String),
    Column("role", String),
    Column("email", String),
)


def _engine(db):
    # The connection the caller opened, used as it is: no pool of SQLAlchemy's own.
    return create_engine("sqlite://", creator=lambda: db, poolclass=StaticPool)


def find_user(db, username, password):
    digest = hashlib.sha256(str(password).encode("utf-8")).hexdigest()
    query = select(users.c.id, users.c.username, users.c.role).where(users.c.username == str(username), users.c.password_hash == digest)
    with _engine(db).connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else dict(row._mapping)


def users_with_role(db, role):
    query = select(users.c.id, users.c.username).where(users.c.role == str(role)).order_by(users.c.id)
    with _engine(db).connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def change_email(db, user_id, email):
    with _engine(db).begin() as conn:
        return conn.execute(update(users).where(users.c.id == user_id).values(email=str(email))).rowcount
