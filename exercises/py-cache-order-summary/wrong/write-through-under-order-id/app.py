import json
import os

import redis
import requests
from flask import Flask, jsonify, request

SUMMARY_TTL_S = 120
STATUSES = ("placed", "cancelled")


def summary_key(user_id):
    return "summary:%s" % user_id


class SourceFailed(Exception):
    """The source answered neither 2xx nor 404, or could not be reached."""


def create_app():
    app = Flask(__name__)
    cache = redis.Redis.from_url(os.environ["REDIS_URL"])
    source_url = os.environ["SOURCE_URL"]
    source = requests.Session()

    def ask(method, path, **kwargs):
        """The source's JSON answer, or None for 404; raises SourceFailed otherwise."""
        try:
            answer = source.request(method, source_url + path, timeout=10, **kwargs)
        except requests.RequestException as exc:
            raise SourceFailed(str(exc))
        if answer.status_code == 404:
            return None
        if not answer.ok:
            raise SourceFailed("the source answered %d" % answer.status_code)
        return answer.json()

    def error(status, message):
        return jsonify(error=message), status

    @app.errorhandler(SourceFailed)
    def source_failed(_exc):
        return error(502, "the order source is not available")

    def is_number(value):
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    @app.get("/users/<user_id>/summary")
    def summary(user_id):
        key = summary_key(user_id)
        hit = cache.get(key)
        if hit is not None:
            return jsonify(json.loads(hit))
        user = ask("GET", "/users/%s" % user_id)
        if user is None:
            return error(404, "no such user")
        orders = ask("GET", "/orders", params={"userId": user["id"]})
        placed = [o for o in orders if o.get("status") != "cancelled"]
        result = {
            "userId": user["id"],
            "name": user["name"],
            "orderCount": len(placed),
            "totalSpent": round(sum(o["total"] for o in placed), 2),
        }
        # Only a successful answer is kept, with its TTL.
        cache.set(key, json.dumps(result), ex=SUMMARY_TTL_S)
        return jsonify(result)

    @app.post("/orders")
    def create_order():
        body = request.get_json(silent=True)
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("userId"), int)
            or isinstance(body.get("userId"), bool)
            or not is_number(body.get("total"))
            or not body["total"] > 0
        ):
            return error(400, "userId must be an integer and total a number > 0")
        user_id = body["userId"]
        if ask("GET", "/users/%d" % user_id) is None:
            return error(404, "no such user")
        order = ask("POST", "/orders", json={"userId": user_id, "total": body["total"], "status": "placed"})
        cache.delete(summary_key(user_id))
        return jsonify(order), 201

    @app.patch("/orders/<order_id>")
    def change_order(order_id):
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or body.get("status") not in STATUSES:
            return error(400, 'status must be "placed" or "cancelled"')
        order = ask("PATCH", "/orders/%s" % order_id, json={"status": body["status"]})
        if order is None:
            return error(404, "no such order")
        # Write-through: the owner's new summary, built at once.
        owner = order["userId"]
        user = ask("GET", "/users/%s" % owner)
        orders = ask("GET", "/orders", params={"userId": owner})
        placed = [o for o in orders if o.get("status") != "cancelled"]
        fresh = {
            "userId": owner,
            "name": user["name"],
            "orderCount": len(placed),
            "totalSpent": round(sum(o["total"] for o in placed), 2),
        }
        cache.set(summary_key(order_id), json.dumps(fresh), ex=SUMMARY_TTL_S)
        return jsonify(order)

    @app.patch("/users/<user_id>")
    def change_user(user_id):
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("name"), str) or body["name"] == "":
            return error(400, "name must be a non-empty string")
        user = ask("PATCH", "/users/%s" % user_id, json={"name": body["name"]})
        if user is None:
            return error(404, "no such user")
        cache.delete(summary_key(user["id"]))
        return jsonify(user)

    return app
