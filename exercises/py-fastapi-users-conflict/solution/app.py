import re

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

FIELDS = ("email", "name", "password")
EMAIL = re.compile(r"[^@]+@[^@]+")
MALFORMED = object()


def shape_problem(body, require_all):
    """400: not an object, or a field of the wrong type (or missing, when every field is required)."""
    if body is MALFORMED:
        return "the body is not valid JSON"
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    for field in FIELDS:
        if field not in body:
            if require_all:
                return f"{field} is required"
        elif not isinstance(body[field], str):
            return f"{field} must be a string"
    return None


def value_problem(body):
    """422: well-formed values that break a rule."""
    if "email" in body and not EMAIL.fullmatch(body["email"]):
        return "email must look like name@domain"
    if "name" in body and body["name"].strip() == "":
        return "name must not be empty"
    if "password" in body and len(body["password"]) < 8:
        return "password must be at least 8 characters long"
    return None


def fail(status, error):
    return JSONResponse({"error": error}, status_code=status)


async def body_of(request):
    try:
        return await request.json()
    except ValueError:  # malformed JSON, or no body at all
        return MALFORMED


def create_app():
    app = FastAPI()
    users = {}
    last_id = 0

    def view(user):
        return {"id": user["id"], "email": user["email"], "name": user["name"]}

    def taken(email, except_id=None):
        return any(u["id"] != except_id and u["email"].lower() == email.lower() for u in users.values())

    def find(user_id):
        return users.get(int(user_id)) if user_id.isascii() and user_id.isdigit() else None

    @app.post("/users")
    async def sign_up(request: Request):
        nonlocal last_id
        body = await body_of(request)
        problem = shape_problem(body, True)
        if problem:
            return fail(400, problem)
        problem = value_problem(body)
        if problem:
            return fail(422, problem)
        if taken(body["email"]):
            return fail(409, "this e-mail address is already used")
        last_id += 1
        user = {"id": last_id, **{f: body[f] for f in FIELDS}}
        users[last_id] = user
        return JSONResponse(view(user), status_code=201, headers={"Location": f"/users/{last_id}"})

    @app.get("/users/{user_id}")
    async def show(user_id: str):
        user = find(user_id)
        return view(user) if user else fail(404, f"no account {user_id}")

    @app.patch("/users/{user_id}")
    async def update(user_id: str, request: Request):
        user = find(user_id)
        if not user:
            return fail(404, f"no account {user_id}")
        body = await body_of(request)
        problem = shape_problem(body, False)
        if problem:
            return fail(400, problem)
        problem = value_problem(body)
        if problem:
            return fail(422, problem)
        if "email" in body and taken(body["email"], user["id"]):
            return fail(409, "this e-mail address is already used")
        for field in FIELDS:
            if field in body:
                user[field] = body[field]
        return view(user)

    @app.delete("/users/{user_id}")
    async def delete(user_id: str):
        user = find(user_id)
        if not user:
            return fail(404, f"no account {user_id}")
        del users[user["id"]]
        return Response(status_code=204)

    return app
