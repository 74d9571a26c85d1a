"""werkzeug's password hashes (PBKDF2), tokens signed and checked by hand with hmac, an integer sub."""
import base64
import hashlib
import hmac
import json
import os
import sqlite3
import time
from collections import defaultdict

from flask import Flask, abort, jsonify, make_response, request
from werkzeug.security import check_password_hash, generate_password_hash


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(payload, key):
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64(json.dumps(payload).encode())
    return head + "." + b64(hmac.new(key, head.encode(), hashlib.sha256).digest())


def verify(token, key):
    try:
        head, body, signature = token.split(".")
        if json.loads(unb64(head)).get("alg") != "HS256":
            return None
        expected = b64(hmac.new(key, f"{head}.{body}".encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(expected, signature):
            return None
        payload = json.loads(unb64(body))
        return payload if isinstance(payload.get("exp"), (int, float)) and payload["exp"] > time.time() else None
    except (ValueError, AttributeError, json.JSONDecodeError):
        return None


def create_app():
    app = Flask(__name__)
    key = os.environ["JWT_SECRET"].encode()
    db = sqlite3.connect(os.environ["DATABASE_PATH"], check_same_thread=False, isolation_level=None)
    db.executescript(
        """
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL);
        CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, text TEXT NOT NULL);
        """
    )
    failed = defaultdict(int)
    locked_until = {}

    def problem(status, message):
        return jsonify(error=message), status

    def current_user():
        auth = request.headers.get("Authorization")
        if not auth or not auth.startswith("Bearer ") or len(auth) == len("Bearer "):
            abort(make_response(problem(401, "missing bearer token")))
        payload = verify(auth[len("Bearer "):], key)
        if payload is None or not isinstance(payload.get("sub"), int):
            abort(make_response(problem(401, "invalid token")))
        return payload["sub"]

    @app.post("/signup")
    def signup():
        data = request.get_json(silent=True) or {}
        email, password = data.get("email"), data.get("password") if isinstance(data, dict) else (None, None)
        parts = email.split("@") if isinstance(email, str) else []
        if len(parts) != 2 or not all(parts) or not isinstance(password, str) or len(password) < 8:
            return problem(400, "bad e-mail or password")
        if db.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone():
            return problem(409, "already registered")
        cur = db.execute("INSERT INTO users (email, password_hash) VALUES (?, ?)", (email, generate_password_hash(password)))
        return jsonify(id=cur.lastrowid, email=email), 201

    @app.post("/login")
    def login():
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("email"), str) or not isinstance(data.get("password"), str):
            return problem(400, "email and password must be strings")
        email = data["email"]
        if locked_until.get(email, 0) > time.time():
            return problem(429, "too many attempts")
        row = db.execute("SELECT id, password_hash FROM users WHERE email = ?", (email,)).fetchone()
        if row is None or not check_password_hash(row[1], data["password"]):
            failed[email] += 1
            if failed[email] >= 5:
                locked_until[email] = time.time() + 15 * 60
                failed[email] = 0
            return problem(401, "invalid credentials")
        failed.pop(email, None)
        return jsonify(token=sign({"sub": row[0], "iat": int(time.time()), "exp": int(time.time()) + 3600}, key))

    def note_json(row):
        return {"id": row[0], "text": row[1]}

    def find(note_id, user):
        if not note_id.isdecimal():
            return None
        return db.execute("SELECT id, text FROM notes WHERE id = ? AND user_id = ?", (int(note_id), user)).fetchone()

    def body_text():
        data = request.get_json(silent=True)
        return data["text"] if isinstance(data, dict) and isinstance(data.get("text"), str) and data["text"] else None

    @app.post("/notes")
    def add_note():
        user = current_user()
        text = body_text()
        if text is None:
            return problem(400, "text required")
        cur = db.execute("INSERT INTO notes (user_id, text) VALUES (?, ?)", (user, text))
        return jsonify(id=cur.lastrowid, text=text), 201

    @app.get("/notes")
    def list_notes():
        user = current_user()
        return jsonify([note_json(r) for r in db.execute("SELECT id, text FROM notes WHERE user_id = ? ORDER BY id", (user,))])

    @app.get("/notes/<note_id>")
    def get_note(note_id):
        row = find(note_id, current_user())
        return jsonify(note_json(row)) if row else problem(404, "not found")

    @app.put("/notes/<note_id>")
    def put_note(note_id):
        user = current_user()
        row = find(note_id, user)
        if not row:
            return problem(404, "not found")
        text = body_text()
        if text is None:
            return problem(400, "text required")
        db.execute("UPDATE notes SET text = ? WHERE id = ?", (text, row[0]))
        return jsonify(id=row[0], text=text)

    @app.delete("/notes/<note_id>")
    def delete_note(note_id):
        row = find(note_id, current_user())
        if not row:
            return problem(404, "not found")
        db.execute("DELETE FROM notes WHERE id = ?", (row[0],))
        return "", 204

    return app
