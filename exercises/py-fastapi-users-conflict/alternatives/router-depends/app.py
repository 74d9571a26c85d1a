import json
import threading
from typing import Any, Dict, Optional

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response


class Problem(Exception):
    def __init__(self, status, error):
        self.status, self.error = status, error


class AccountStore:
    def __init__(self):
        self._lock = threading.RLock()
        self._rows: Dict[int, Dict[str, str]] = {}
        self._last_id = 0

    def get(self, user_id: int) -> Optional[dict]:
        return self._rows.get(user_id)

    def email_owner(self, email: str) -> Optional[int]:
        folded = email.casefold()
        for uid, row in self._rows.items():
            if row["email"].casefold() == folded:
                return uid
        return None

    def create(self, email, name, password) -> int:
        with self._lock:
            if self.email_owner(email) is not None:
                raise Problem(409, "email already taken")
            self._last_id += 1
            self._rows[self._last_id] = {"email": email, "name": name, "password": password}
            return self._last_id

    def update(self, user_id, changes):
        with self._lock:
            if user_id not in self._rows:
                raise Problem(404, "user not found")
            if "email" in changes:
                owner = self.email_owner(changes["email"])
                if owner is not None and owner != user_id:
                    raise Problem(409, "email already taken")
            self._rows[user_id].update(changes)

    def delete(self, user_id):
        with self._lock:
            if self._rows.pop(user_id, None) is None:
                raise Problem(404, "user not found")

    def view(self, user_id):
        row = self._rows[user_id]
        return {"id": user_id, "email": row["email"], "name": row["name"]}


def get_store(request: Request) -> AccountStore:
    return request.app.state.store


def path_id(user_id: str) -> int:
    if user_id.isdecimal() and user_id.isascii():
        return int(user_id)
    raise Problem(404, "user not found")


async def json_body(request: Request) -> Dict[str, Any]:
    raw = await request.body()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Problem(400, "malformed JSON")
    if type(data) is not dict:
        raise Problem(400, "body must be a JSON object")
    return data


def validate(data: Dict[str, Any], partial: bool) -> Dict[str, str]:
    fields = {k: data[k] for k in ("email", "name", "password") if k in data}
    for key in ("email", "name", "password"):
        if key not in fields:
            if not partial:
                raise Problem(400, f"{key} is required")
        elif not isinstance(fields[key], str):
            raise Problem(400, f"{key} must be a string")
    email = fields.get("email")
    if email is not None:
        at = email.find("@")
        if at <= 0 or at == len(email) - 1 or "@" in email[at + 1:]:
            raise Problem(422, "email is not valid")
    if "name" in fields and len(fields["name"].strip()) == 0:
        raise Problem(422, "name must not be blank")
    if "password" in fields and len(fields["password"]) < 8:
        raise Problem(422, "password is too short")
    return fields


router = APIRouter(prefix="/users")


@router.post("")
def create_user(body: dict = Depends(json_body), store: AccountStore = Depends(get_store)):
    f = validate(body, partial=False)
    uid = store.create(f["email"], f["name"], f["password"])
    return JSONResponse(store.view(uid), status_code=201, headers={"location": f"/users/{uid}"})


@router.get("/{user_id}")
def show_user(uid: int = Depends(path_id), store: AccountStore = Depends(get_store)):
    if store.get(uid) is None:
        raise Problem(404, "user not found")
    return store.view(uid)


@router.patch("/{user_id}")
def update_user(uid: int = Depends(path_id), body: dict = Depends(json_body), store: AccountStore = Depends(get_store)):
    changes = validate(body, partial=True)
    store.update(uid, changes)
    return store.view(uid)


@router.delete("/{user_id}", status_code=204)
def delete_user(uid: int = Depends(path_id), store: AccountStore = Depends(get_store)):
    store.delete(uid)
    return Response(status_code=204)


def create_app():
    app = FastAPI(title="accounts")
    app.state.store = AccountStore()
    app.include_router(router)

    @app.exception_handler(Problem)
    def on_problem(_request, exc: Problem):
        return JSONResponse({"error": exc.error}, status_code=exc.status)

    return app
