"""FastAPI, and write-through: after a change the new summary is built and written at once
(with its TTL) rather than deleted. Blocking calls (requests, redis-py) run in the thread pool."""
import json
import os

import redis
import requests
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

TTL = 120


class SourceError(Exception):
    pass


class NotFound(Exception):
    pass


class Source:
    def __init__(self, base):
        self.base = base
        self.http = requests.Session()

    def call(self, method, path, body=None, params=None):
        try:
            r = self.http.request(method, self.base + path, json=body, params=params, timeout=10)
        except requests.RequestException as exc:
            raise SourceError(str(exc)) from exc
        if r.status_code == 404:
            raise NotFound(path)
        if r.status_code >= 300:
            raise SourceError("source status %d" % r.status_code)
        return r.json()


def create_app():
    app = FastAPI()
    store = redis.Redis.from_url(os.environ["REDIS_URL"], decode_responses=True)
    source = Source(os.environ["SOURCE_URL"])

    @app.exception_handler(SourceError)
    async def on_source_error(_request, _exc):
        return JSONResponse({"error": "the source failed"}, status_code=502)

    @app.exception_handler(NotFound)
    async def on_not_found(_request, exc):
        return JSONResponse({"error": "not found: %s" % exc}, status_code=404)

    def build(user_id):
        user = source.call("GET", "/users/%s" % user_id)
        orders = source.call("GET", "/orders", params={"userId": str(user["id"])})
        counted = [o for o in orders if o["status"] != "cancelled"]
        return {
            "userId": user["id"],
            "name": user["name"],
            "orderCount": len(counted),
            "totalSpent": round(sum(o["total"] for o in counted), 2),
        }

    def write_through(user_id):
        key = "summary:%s" % user_id
        try:
            store.set(key, json.dumps(build(user_id)), ex=TTL)
        except (SourceError, NotFound):
            store.delete(key)  # the summary could not be built again: at least it is not stale

    def read_summary(user_id):
        key = "summary:%s" % user_id
        cached = store.get(key)
        if cached is not None:
            return json.loads(cached)
        summary = build(user_id)
        store.set(key, json.dumps(summary), ex=TTL)
        return summary

    async def json_body(request):
        try:
            return await request.json()
        except ValueError:
            return None

    def bad(message):
        return JSONResponse({"error": message}, status_code=400)

    @app.get("/users/{user_id}/summary")
    async def summary(user_id: str):
        return await run_in_threadpool(read_summary, user_id)

    @app.post("/orders", status_code=201)
    async def post_order(request: Request):
        body = await json_body(request)
        if not isinstance(body, dict):
            return bad("a JSON object is expected")
        user_id, total = body.get("userId"), body.get("total")
        if type(user_id) is not int:
            return bad("userId must be an integer")
        if type(total) not in (int, float) or total <= 0:
            return bad("total must be a number > 0")

        def create():
            source.call("GET", "/users/%d" % user_id)
            order = source.call("POST", "/orders", {"userId": user_id, "total": total, "status": "placed"})
            write_through(user_id)
            return order

        return await run_in_threadpool(create)

    @app.patch("/orders/{order_id}")
    async def patch_order(order_id: str, request: Request):
        body = await json_body(request)
        status = body.get("status") if isinstance(body, dict) else None
        if not isinstance(status, str) or status not in ("placed", "cancelled"):
            return bad('status must be "placed" or "cancelled"')

        def change():
            order = source.call("PATCH", "/orders/%s" % order_id, {"status": status})
            write_through(order["userId"])
            return order

        return await run_in_threadpool(change)

    @app.patch("/users/{user_id}")
    async def patch_user(user_id: str, request: Request):
        body = await json_body(request)
        name = body.get("name") if isinstance(body, dict) else None
        if not isinstance(name, str) or not name:
            return bad("name must be a non-empty string")

        def change():
            user = source.call("PATCH", "/users/%s" % user_id, {"name": name})
            write_through(user["id"])
            return user

        return await run_in_threadpool(change)

    return app
