"""Flask, cautious about invalidation: any change drops every summary (SCAN summary:* and DEL),
so it never needs to know whose summary changed. Reads ask the source for the user with
GET /users?id=<id> and only the placed orders with GET /orders?userId=<id>&status=placed."""
import json
import os

import redis
import requests
from flask import Flask, jsonify, request


def create_app():
    app = Flask(__name__)
    r = redis.Redis.from_url(os.environ["REDIS_URL"], decode_responses=True)
    base = os.environ["SOURCE_URL"]

    class Failed(Exception):
        pass

    def fetch(method, path, params=None, body=None):
        try:
            res = requests.request(method, base + path, params=params, json=body, timeout=10)
        except requests.RequestException:
            raise Failed()
        if res.status_code == 404:
            return None
        if res.status_code >= 400:
            raise Failed()
        return res.json()

    @app.errorhandler(Failed)
    def failed(_e):
        return {"error": "the source failed"}, 502

    def drop_all_summaries():
        keys = list(r.scan_iter(match="summary:*", count=500))
        if keys:
            r.delete(*keys)

    @app.route("/users/<user_id>/summary")
    def summary(user_id):
        key = "summary:" + user_id
        cached = r.get(key)
        if cached:
            return json.loads(cached)
        found = fetch("GET", "/users", params={"id": user_id})
        if not found:
            return {"error": "user not found"}, 404
        user = found[0]
        placed = fetch("GET", "/orders", params={"userId": user_id, "status": "placed"})
        cents = sum(int(round(o["total"] * 100)) for o in placed)
        out = {"userId": user["id"], "name": user["name"], "orderCount": len(placed), "totalSpent": round(cents / 100, 2)}
        r.set(key, json.dumps(out), ex=120)
        return out

    @app.route("/orders", methods=["POST"])
    def create_order():
        data = request.get_json(silent=True)
        ok = (
            isinstance(data, dict)
            and type(data.get("userId")) is int
            and type(data.get("total")) in (int, float)
            and data["total"] > 0
        )
        if not ok:
            return {"error": "send userId (integer) and total (> 0)"}, 400
        if fetch("GET", "/users/%d" % data["userId"]) is None:
            return {"error": "user not found"}, 404
        order = fetch("POST", "/orders", body={"userId": data["userId"], "total": data["total"], "status": "placed"})
        drop_all_summaries()
        return order, 201

    @app.route("/orders/<order_id>", methods=["PATCH"])
    def update_order(order_id):
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or data.get("status") not in ("placed", "cancelled"):
            return {"error": "status must be placed or cancelled"}, 400
        order = fetch("PATCH", "/orders/" + order_id, body={"status": data["status"]})
        if order is None:
            return {"error": "order not found"}, 404
        drop_all_summaries()
        return order

    @app.route("/users/<user_id>", methods=["PATCH"])
    def update_user(user_id):
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"]:
            return {"error": "name must be a non-empty string"}, 400
        user = fetch("PATCH", "/users/" + user_id, body={"name": data["name"]})
        if user is None:
            return {"error": "user not found"}, 404
        drop_all_summaries()
        return user

    return app
