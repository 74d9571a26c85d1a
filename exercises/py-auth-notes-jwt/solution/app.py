import os
import re
import sqlite3
import threading
import time

import bcrypt
import jwt
from flask import Flask, g, jsonify, request

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
EMAIL = re.compile(r"^[^@]+@[^@]+$")


def create_app():
    app = Flask(__name__)
    secret = os.environ["JWT_SECRET"]
    db = sqlite3.connect(os.environ["DATABASE_PATH"], check_same_thread=False, isolation_level=None)
    db.row_factory = sqlite3.Row
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL REFERENCES users (id), text TEXT NOT NULL);
        """
    )
    lock = threading.Lock()  # werkzeug may serve requests on several threads
    failures = {}  # email -> (count, locked_until)

    def fail(status, error):
        return jsonify(error=error), status

    def credentials(body):
        return isinstance(body, dict) and isinstance(body.get("email"), str) and isinstance(body.get("password"), str)

    @app.post("/signup")
    def signup():
        body = request.get_json(silent=True)
        if not credentials(body) or not EMAIL.match(body["email"]) or len(body["password"]) < 8:
            return fail(400, "an e-mail address and a password of at least 8 characters are required")
        hashed = bcrypt.hashpw(body["password"].encode(), bcrypt.gensalt(rounds=10)).decode()
        with lock:
            if db.execute("SELECT 1 FROM users WHERE email = ?", (body["email"],)).fetchone():
                return fail(409, "this e-mail address already has an account")
            cursor = db.execute("INSERT INTO users (email, password_hash) VALUES (?, ?)", (body["email"], hashed))
        return jsonify(id=cursor.lastrowid, email=body["email"]), 201

    @app.post("/login")
    def login():
        body = request.get_json(silent=True)
        if not credentials(body):
            return fail(400, "email and password must be strings")
        email = body["email"]
        with lock:
            count, locked_until = failures.get(email, (0, 0))
            if locked_until > time.time():
                return fail(429, "too many failed logins: try again later")
            if locked_until:
                count = 0  # the lock is over: count afresh
            user = db.execute("SELECT id, password_hash FROM users WHERE email = ?", (email,)).fetchone()
            if not user or not bcrypt.checkpw(body["password"].encode(), user["password_hash"].encode()):
                count += 1
                failures[email] = (count, time.time() + LOCK_SECONDS if count >= MAX_FAILURES else 0)
                return fail(401, "invalid e-mail or password")
            failures.pop(email, None)
        token = jwt.encode({"sub": str(user["id"]), "exp": int(time.time()) + 3600}, secret, algorithm="HS256")
        return jsonify(token=token)

    @app.before_request
    def authenticate():
        if not request.path.startswith("/notes"):
            return None
        match = re.fullmatch(r"Bearer (\S+)", request.headers.get("Authorization", ""))
        if not match:
            return fail(401, "an Authorization: Bearer <token> header is required")
        try:
            payload = jwt.decode(match.group(1), secret, algorithms=["HS256"])
            g.user_id = int(payload["sub"])
        except (jwt.InvalidTokenError, KeyError, ValueError):
            return fail(401, "the token is invalid or has expired")
        return None

    def valid_text(body):
        return isinstance(body, dict) and isinstance(body.get("text"), str) and body["text"] != ""

    def own_note(note_id):
        if not note_id.isdigit():
            return None
        return db.execute("SELECT id, text FROM notes WHERE id = ? AND owner = ?", (int(note_id), g.user_id)).fetchone()

    @app.post("/notes")
    def create_note():
        body = request.get_json(silent=True)
        if not valid_text(body):
            return fail(400, "text must be a non-empty string")
        cursor = db.execute("INSERT INTO notes (owner, text) VALUES (?, ?)", (g.user_id, body["text"]))
        return jsonify(id=cursor.lastrowid, text=body["text"]), 201

    @app.get("/notes")
    def list_notes():
        rows = db.execute("SELECT id, text FROM notes WHERE owner = ? ORDER BY id", (g.user_id,)).fetchall()
        return jsonify([dict(row) for row in rows])

    @app.get("/notes/<note_id>")
    def show_note(note_id):
        note = own_note(note_id)
        return jsonify(dict(note)) if note else fail(404, "no such note")

    @app.put("/notes/<note_id>")
    def change_note(note_id):
        note = own_note(note_id)
        if not note:
            return fail(404, "no such note")
        body = request.get_json(silent=True)
        if not valid_text(body):
            return fail(400, "text must be a non-empty string")
        db.execute("UPDATE notes SET text = ? WHERE id = ?", (body["text"], note["id"]))
        return jsonify(id=note["id"], text=body["text"])

    @app.delete("/notes/<note_id>")
    def delete_note(note_id):
        note = own_note(note_id)
        if not note:
            return fail(404, "no such note")
        db.execute("DELETE FROM notes WHERE id = ?", (note["id"],))
        return "", 204

    return app
