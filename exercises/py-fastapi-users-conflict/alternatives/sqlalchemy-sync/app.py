import json
import threading

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker
from sqlalchemy.pool import StaticPool

Base = declarative_base()


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = {"sqlite_autoincrement": True}
    id = Column(Integer, primary_key=True, autoincrement=True)
    email = Column(String, nullable=False)
    name = Column(String, nullable=False)
    password = Column(String, nullable=False)

    def public(self):
        return {"id": self.id, "email": self.email, "name": self.name}


def jerr(code, msg):
    return JSONResponse(status_code=code, content={"error": msg})


def check_types(data, required):
    if not isinstance(data, dict):
        return "request body must be a JSON object"
    for k in ("email", "name", "password"):
        if k in data:
            if not isinstance(data[k], str):
                return f"'{k}' must be a string"
        elif required:
            return f"'{k}' is missing"
    return None


def check_values(data):
    if "email" in data:
        e = data["email"]
        if e.count("@") != 1 or e.startswith("@") or e.endswith("@"):
            return "invalid email"
    if "name" in data and not data["name"].strip():
        return "name is empty"
    if "password" in data and len(data["password"]) < 8:
        return "password shorter than 8 characters"
    return None


def create_app():
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    Base.metadata.create_all(engine)
    Session = sessionmaker(bind=engine, expire_on_commit=False)
    lock = threading.Lock()
    app = FastAPI()

    def parse(raw: bytes):
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def to_id(s):
        try:
            return int(s) if s.isdigit() else None
        except ValueError:
            return None

    def conflict(session, email, exclude=None):
        # SQLite's lower() only folds ASCII: compare in Python
        key = email.lower()
        return any(r.email.lower() == key and r.id != exclude for r in session.query(Account).all())

    @app.post("/users")
    async def create(request: Request):
        data = parse(await request.body())
        msg = check_types(data, required=True)
        if msg:
            return jerr(400, msg)
        msg = check_values(data)
        if msg:
            return jerr(422, msg)
        with lock, Session() as s:
            if conflict(s, data["email"]):
                return jerr(409, "email already registered")
            acc = Account(email=data["email"], name=data["name"], password=data["password"])
            s.add(acc)
            s.commit()
            out = acc.public()
        return JSONResponse(out, status_code=201, headers={"Location": "/users/%d" % out["id"]})

    @app.get("/users/{uid}")
    def show(uid: str):
        n = to_id(uid)
        with lock, Session() as s:
            acc = s.get(Account, n) if n is not None else None
            if acc is None:
                return jerr(404, "account not found")
            return acc.public()

    @app.patch("/users/{uid}")
    async def patch(uid: str, request: Request):
        data = parse(await request.body())
        msg = check_types(data, required=False)
        if msg:
            return jerr(400, msg)
        msg = check_values(data)
        if msg:
            return jerr(422, msg)
        n = to_id(uid)
        with lock, Session() as s:
            acc = s.get(Account, n) if n is not None else None
            if acc is None:
                return jerr(404, "account not found")
            if "email" in data and conflict(s, data["email"], exclude=acc.id):
                return jerr(409, "email already registered")
            for k in ("email", "name", "password"):
                if k in data:
                    setattr(acc, k, data[k])
            s.commit()
            return acc.public()

    @app.delete("/users/{uid}")
    def delete(uid: str):
        n = to_id(uid)
        with lock, Session() as s:
            acc = s.get(Account, n) if n is not None else None
            if acc is None:
                return jerr(404, "account not found")
            s.delete(acc)
            s.commit()
        return Response(status_code=204)

    return app
