import json

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

FIELDS = ("email", "name", "password")


def error(status, message):
    return JSONResponse({"error": message}, status_code=status)


def public(user):
    return {"id": user["id"], "email": user["email"], "name": user["name"]}


def value_problem(field, value):
    if field == "email":
        local, at, domain = value.partition("@")
        if value.count("@") != 1 or not local or not domain:
            return "email must contain one @ with text on both sides"
    elif field == "name":
        if not value.strip():
            return "name must not be empty"
    elif field == "password":
        if len(value) < 8:
            return "password must be at least 8 characters long"
    return None


def create_app():
    app = FastAPI()
    users = {}
    counter = {"last": 0}

    async def read_object(request):
        raw = await request.body()
        try:
            body = json.loads(raw)
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def find(user_id):
        return users.get(user_id)

    def email_taken(email, except_id=None):
        key = email.lower()
        return any(u["email"].lower() == key and u["id"] != except_id for u in users.values())

    def check(body, required):
        """Returns an error response, or None."""
        for f in FIELDS:
            if f in body and not isinstance(body[f], str):
                return error(400, f"{f} must be a string")
            if required and f not in body:
                return error(400, f"{f} is required")
        for f in FIELDS:
            if f in body:
                problem = value_problem(f, body[f])
                if problem:
                    return error(422, problem)
        return None

    @app.post("/users")
    async def sign_up(request: Request):
        body = await read_object(request)
        if body is None:
            return error(400, "the body must be a JSON object")
        problem = check(body, required=True)
        if problem:
            return problem
        if email_taken(body["email"]):
            return error(409, "this e-mail address is already used")
        counter["last"] += 1
        user = {"id": counter["last"], "email": body["email"], "name": body["name"], "password": body["password"]}
        users[user["id"]] = user
        return JSONResponse(public(user), status_code=201, headers={"Location": f"/users/{user['id']}"})

    @app.get("/users/{user_id}")
    async def show(user_id: int):
        user = find(user_id)
        if user is None:
            return error(404, "no such account")
        return public(user)

    @app.patch("/users/{user_id}")
    async def update(user_id: int, request: Request):
        user = find(user_id)
        if user is None:
            return error(404, "no such account")
        body = await read_object(request)
        if body is None:
            return error(400, "the body must be a JSON object")
        problem = check(body, required=False)
        if problem:
            return problem
        if "email" in body and email_taken(body["email"], except_id=user["id"]):
            return error(409, "this e-mail address is already used")
        for f in FIELDS:
            if f in body:
                user[f] = body[f]
        return public(user)

    @app.delete("/users/{user_id}")
    async def remove(user_id: int):
        user = find(user_id)
        if user is None:
            return error(404, "no such account")
        del users[user["id"]]
        return Response(status_code=204)

    return app
