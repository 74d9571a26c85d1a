"""Strict pydantic models; the JSON must be an object before pydantic sees it."""
import itertools
from typing import Optional

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, StrictStr, ValidationError, validator


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message


class SignUp(BaseModel):
    email: StrictStr
    name: StrictStr
    password: StrictStr


class Update(BaseModel):
    email: Optional[StrictStr]
    name: Optional[StrictStr]
    password: Optional[StrictStr]

    @validator("*", pre=True)
    def no_null(cls, v):
        if v is None:
            raise ValueError("must be a string")
        return v


class User(BaseModel):
    id: int
    email: str
    name: str


def rule_errors(email=None, name=None, password=None):
    if email is not None:
        parts = email.split("@")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise ApiError(422, "email must contain one @ with text on both sides")
    if name is not None and name.strip() == "":
        raise ApiError(422, "name must not be empty")
    if password is not None and len(password) < 8:
        raise ApiError(422, "password must be at least 8 characters")


async def json_object(request: Request) -> dict:
    try:
        data = await request.json()
    except Exception:
        raise ApiError(400, "the body must be a JSON object")
    if not isinstance(data, dict):
        raise ApiError(400, "the body must be a JSON object")
    return data


async def sign_up_body(data: dict = Depends(json_object)) -> SignUp:
    try:
        return SignUp.parse_obj(data)
    except ValidationError as e:
        raise ApiError(400, "; ".join(f"{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors()))


async def update_body(data: dict = Depends(json_object)) -> Update:
    try:
        return Update.parse_obj(data)
    except ValidationError as e:
        raise ApiError(400, "; ".join(f"{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors()))


def create_app() -> FastAPI:
    app = FastAPI()
    accounts: dict = {}
    ids = itertools.count(1)

    @app.exception_handler(ApiError)
    async def api_error(request, exc: ApiError):
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    def get_account(user_id: str) -> dict:
        try:
            key = int(user_id)
        except ValueError:
            key = None
        if key not in accounts:
            raise ApiError(404, "account not found")
        return accounts[key]

    def conflict(email: str, me: Optional[int] = None) -> bool:
        return any(a["email"].lower() == email.lower() for i, a in accounts.items() if i != me)

    @app.post("/users", status_code=201, response_model=User)
    async def create(response: Response, body: SignUp = Depends(sign_up_body)):
        rule_errors(body.email, body.name, body.password)
        if conflict(body.email):
            raise ApiError(409, "e-mail address already in use")
        new_id = next(ids)
        accounts[new_id] = {"id": new_id, **body.dict()}
        response.headers["Location"] = f"/users/{new_id}"
        return accounts[new_id]

    @app.get("/users/{user_id}", response_model=User)
    async def read(user_id: str):
        return get_account(user_id)

    @app.patch("/users/{user_id}", response_model=User)
    async def patch(user_id: str, body: Update = Depends(update_body)):
        account = get_account(user_id)
        changes = body.dict(exclude_unset=True)
        rule_errors(**changes)
        if "email" in changes and conflict(changes["email"], account["id"]):
            raise ApiError(409, "e-mail address already in use")
        account.update(changes)
        return account

    @app.delete("/users/{user_id}", status_code=204)
    async def delete(user_id: str):
        account = get_account(user_id)
        del accounts[account["id"]]
        return Response(status_code=204)

    return app
