import os
import sqlite3

import bcrypt
import jwt
from flask import Flask, jsonify, request


def create_app():
    app = Flask(__name__)
    db = sqlite3.connect(os.environ["DATABASE_PATH"], check_same_thread=False)
    db.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL)")

    # TODO: POST /signup, POST /login (a JWT signed with os.environ["JWT_SECRET"]),
    # the /notes routes behind "Authorization: Bearer <token>", and the login attempt limit.

    return app
