"""Notes kept in memory, scrypt from hashlib as "<salt hex>$<hash hex>", login failures counted in SQLite."""
import hashlib
import hmac
import itertools
import os
import secrets
import sqlite3
import time

import jwt
from flask import Flask, jsonify, request


def hash_password(password):
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=16384, r=8, p=1, dklen=32)
    return f"{salt.hex()}${digest.hex()}"


def password_matches(password, stored):
    salt, digest = stored.split("$")
    again = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=16384, r=8, p=1, dklen=32)
    return hmac.compare_digest(again.hex(), digest)


def create_app():
    app = Flask(__name__)
    secret = os.environ["JWT_SECRET"]
    db = sqlite3.connect(os.environ["DATABASE_PATH"], check_same_thread=False, isolation_level=None)
    db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL)")
    db.execute("CREATE TABLE failures (email TEXT PRIMARY KEY, count INTEGER NOT NULL, locked_until REAL NOT NULL)")
    notes = {}
    next_id = itertools.count(1)

    def error(status, message):
        return jsonify({"error": message}), status

    def both_strings(body):
        return isinstance(body, dict) and all(isinstance(body.get(k), str) for k in ("email", "password"))

    def caller():
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme != "Bearer" or not token or " " in token:
            return None
        try:
            return jwt.decode(token, secret, algorithms=["HS256"])["uid"]
        except jwt.PyJWTError:
            return None

    @app.route("/signup", methods=["POST"])
    def signup():
        body = request.get_json(silent=True)
        if not both_strings(body) or body["email"].count("@") != 1 or body["email"].startswith("@") or body["email"].endswith("@") or len(body["password"]) < 8:
            return error(400, "invalid e-mail address or password")
        try:
            cur = db.execute("INSERT INTO users (email, password_hash) VALUES (?, ?)", (body["email"], hash_password(body["password"])))
        except sqlite3.IntegrityError:
            return error(409, "e-mail address taken")
        return jsonify({"id": cur.lastrowid, "email": body["email"]}), 201

    @app.route("/login", methods=["POST"])
    def login():
        body = request.get_json(silent=True)
        if not both_strings(body):
            return error(400, "email and password must be strings")
        now = time.time()
        row = db.execute("SELECT count, locked_until FROM failures WHERE email = ?", (body["email"],)).fetchone()
        if row and row[1] > now:
            return error(429, "locked: too many failed logins")
        user = db.execute("SELECT id, password_hash FROM users WHERE email = ?", (body["email"],)).fetchone()
        if user is None or not password_matches(body["password"], user[1]):
            count = (row[0] if row and row[1] == 0 else 0) + 1
            db.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", (body["email"], count, now + 900 if count >= 5 else 0))
            return error(401, "wrong e-mail or password")
        db.execute("DELETE FROM failures WHERE email = ?", (body["email"],))
        return jsonify({"token": jwt.encode({"uid": user[0], "exp": int(now) + 1800}, secret, algorithm="HS256")})

    def mine(note_id, user):
        note = notes.get(note_id) if note_id.isdigit() else None
        return note if note and note["owner"] == user else None

    def text_of(body):
        return body.get("text") if isinstance(body, dict) and isinstance(body.get("text"), str) and body["text"] else None

    @app.route("/notes", methods=["GET", "POST"])
    def all_notes():
        user = caller()
        if user is None:
            return error(401, "log in first")
        if request.method == "GET":
            return jsonify([{"id": n["id"], "text": n["text"]} for n in notes.values() if n["owner"] == user])
        text = text_of(request.get_json(silent=True))
        if text is None:
            return error(400, "text must be a non-empty string")
        note = {"id": next(next_id), "text": text, "owner": user}
        notes[str(note["id"])] = note
        return jsonify({"id": note["id"], "text": text}), 201

    @app.route("/notes/<note_id>", methods=["GET", "PUT", "DELETE"])
    def one_note(note_id):
        user = caller()
        if user is None:
            return error(401, "log in first")
        note = mine(note_id, user)
        if note is None:
            return error(404, "no such note")
        if request.method == "DELETE":
            del notes[note_id]
            return "", 204
        if request.method == "PUT":
            text = text_of(request.get_json(silent=True))
            if text is None:
                return error(400, "text must be a non-empty string")
            note["text"] = text
        return jsonify({"id": note["id"], "text": note["text"]})

    return app
