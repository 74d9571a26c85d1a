# An APIRouter over a store class; the body read and checked by hand with match statements.
import json

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response


class HttpProblem(Exception):
    def __init__(self, status, message):
        self.status, self.message = status, message


class Store:
    def __init__(self):
        self.accounts, self.next_id = {}, 1

    def get(self, raw_id):
        if not (raw_id.isascii() and raw_id.isdigit()) or int(raw_id) not in self.accounts:
            raise HttpProblem(404, "account not found")
        return self.accounts[int(raw_id)]

    def check_free(self, email, owner=None):
        folded = email.lower()
        if any(a is not owner and a["email"].lower() == folded for a in self.accounts.values()):
            raise HttpProblem(409, "that e-mail address belongs to another account")


def parse(raw, partial):
    try:
        data = json.loads(raw)
    except ValueError:
        raise HttpProblem(400, "malformed JSON")
    match data:
        case dict():
            pass
        case _:
            raise HttpProblem(400, "expected a JSON object")
    fields = {}
    for key in ("email", "name", "password"):
        match data.get(key, ...):
            case str() as text:
                fields[key] = text
            case value if value is ... and partial:
                pass
            case value if value is ...:
                raise HttpProblem(400, key + " is missing")
            case _:
                raise HttpProblem(400, key + " has to be a string")
    email, name, password = fields.get("email"), fields.get("name"), fields.get("password")
    if email is not None and (email.count("@") != 1 or email.startswith("@") or email.endswith("@")):
        raise HttpProblem(422, "not an e-mail address")
    if name is not None and not name.strip():
        raise HttpProblem(422, "blank name")
    if password is not None and len(password) < 8:
        raise HttpProblem(422, "password shorter than 8 characters")
    return fields


def public(account):
    return {k: account[k] for k in ("id", "email", "name")}


def create_app():
    store = Store()
    router = APIRouter(prefix="/users")

    @router.post("")
    async def sign_up(request: Request):
        fields = parse(await request.body(), partial=False)
        store.check_free(fields["email"])
        account = {"id": store.next_id, **fields}
        store.accounts[store.next_id] = account
        store.next_id += 1
        return JSONResponse(public(account), 201, headers={"location": "/users/%d" % account["id"]})

    @router.get("/{raw_id}")
    async def show(raw_id: str):
        return public(store.get(raw_id))

    @router.patch("/{raw_id}")
    async def change(raw_id: str, request: Request):
        account = store.get(raw_id)
        fields = parse(await request.body(), partial=True)
        if "email" in fields:
            store.check_free(fields["email"], owner=account)
        account.update(fields)
        return public(account)

    @router.delete("/{raw_id}")
    async def remove(raw_id: str):
        del store.accounts[store.get(raw_id)["id"]]
        return Response(status_code=204)

    app = FastAPI()
    app.include_router(router)

    @app.exception_handler(HttpProblem)
    async def problem(request, exc):
        return JSONResponse({"error": exc.message}, exc.status)

    return app
