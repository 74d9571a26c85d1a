# Pydantic models with strict strings (pydantic 1 coerces numbers into plain str fields), every
# validation error answered 400 as JSON, the rules checked in code for 422. The body is checked to
# be an object first: pydantic 1 turns a list into a dict (dict([{"a": 1, "b": 2}]) is {"a": "b"}).
import re
from typing import Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, StrictStr, ValidationError

EMAIL = re.compile(r"[^@]+@[^@]+")


class SignUp(BaseModel):
    email: StrictStr
    name: StrictStr
    password: StrictStr


class Update(BaseModel):
    email: Optional[StrictStr] = None
    name: Optional[StrictStr] = None
    password: Optional[StrictStr] = None


def rule_problem(values):
    if values.get("email") is not None and not EMAIL.fullmatch(values["email"]):
        return "email must look like name@domain"
    if values.get("name") is not None and not values["name"].strip():
        return "name must not be empty"
    if values.get("password") is not None and len(values["password"]) < 8:
        return "password must be at least 8 characters long"
    return None


def create_app():
    app = FastAPI()
    users = {}
    counter = {"last": 0}

    @app.exception_handler(RequestValidationError)
    @app.exception_handler(ValidationError)
    async def bad_request(request: Request, exc: Exception):
        return JSONResponse({"error": "invalid body"}, status_code=400)

    async def json_object(request):
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise RequestValidationError([])
        return body

    def error(status, text):
        return JSONResponse({"error": text}, status_code=status)

    def taken(email, except_id=None):
        return any(uid != except_id and u["email"].lower() == email.lower() for uid, u in users.items())

    def public(uid):
        u = users[uid]
        return {"id": uid, "email": u["email"], "name": u["name"]}

    def parse_id(user_id):
        return int(user_id) if user_id.isascii() and user_id.isdigit() and int(user_id) in users else None

    @app.post("/users", status_code=201)
    async def sign_up(request: Request):
        account = SignUp.parse_obj(await json_object(request))
        problem = rule_problem(account.dict())
        if problem:
            return error(422, problem)
        if taken(account.email):
            return error(409, "e-mail already used")
        counter["last"] += 1
        users[counter["last"]] = account.dict()
        return JSONResponse(public(counter["last"]), status_code=201, headers={"Location": "/users/%d" % counter["last"]})

    @app.get("/users/{user_id}")
    def show(user_id: str):
        uid = parse_id(user_id)
        return public(uid) if uid is not None else error(404, "no such account")

    @app.patch("/users/{user_id}")
    async def update(user_id: str, request: Request):
        uid = parse_id(user_id)
        if uid is None:
            return error(404, "no such account")
        changes = Update.parse_obj(await json_object(request))
        values = changes.dict(exclude_unset=True)
        if any(v is None for v in values.values()):
            return error(400, "fields must be strings")
        problem = rule_problem(values)
        if problem:
            return error(422, problem)
        if "email" in values and taken(values["email"], uid):
            return error(409, "e-mail already used")
        users[uid].update(values)
        return public(uid)

    @app.delete("/users/{user_id}")
    def delete(user_id: str):
        uid = parse_id(user_id)
        if uid is None:
            return error(404, "no such account")
        del users[uid]
        return Response(status_code=204)

    return app
