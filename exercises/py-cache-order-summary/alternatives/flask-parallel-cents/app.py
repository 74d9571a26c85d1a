"""Flask with a Blueprint and int converters: the user and the orders are fetched in parallel,
totals are added up in integer cents, entries written with SETEX; each change deletes the
summary with UNLINK."""
import json
import os
from concurrent.futures import ThreadPoolExecutor

import redis
import requests
from flask import Blueprint, Flask, current_app, jsonify, request

bp = Blueprint("shop", __name__)
SUMMARY_TTL = 120


class BadGateway(Exception):
    pass


def src(method, path, **kw):
    try:
        res = requests.request(method, current_app.config["SOURCE_URL"] + path, timeout=10, **kw)
    except requests.RequestException as exc:
        raise BadGateway() from exc
    if res.status_code == 404:
        return None
    if not res.ok:
        raise BadGateway()
    return res.json()


def cache():
    return current_app.extensions["summary_cache"]


@bp.errorhandler(BadGateway)
def bad_gateway(_exc):
    return jsonify(error="the source is failing, try again"), 502


@bp.get("/users/<int:user_id>/summary")
def get_summary(user_id):
    key = f"summary:{user_id}"
    kept = cache().get(key)
    if kept is not None:
        return jsonify(json.loads(kept))
    pool = current_app.extensions["pool"]
    app = current_app._get_current_object()

    def fetch(method, path, **kw):
        with app.app_context():
            return src(method, path, **kw)

    user_f = pool.submit(fetch, "GET", f"/users/{user_id}")
    orders_f = pool.submit(fetch, "GET", f"/orders?userId={user_id}")
    user, orders = user_f.result(), orders_f.result()
    if user is None:
        return jsonify(error="user not found"), 404
    cents = [round(o["total"] * 100) for o in orders if o["status"] != "cancelled"]
    summary = {"userId": user["id"], "name": user["name"], "orderCount": len(cents), "totalSpent": sum(cents) / 100}
    cache().setex(key, SUMMARY_TTL, json.dumps(summary))
    return jsonify(summary)


@bp.post("/orders")
def post_order():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(error="expected a JSON object"), 400
    user_id, total = body.get("userId"), body.get("total")
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        return jsonify(error="userId must be an integer"), 400
    if isinstance(total, bool) or not isinstance(total, (int, float)) or not total > 0:
        return jsonify(error="total must be a positive number"), 400
    if src("GET", f"/users/{user_id}") is None:
        return jsonify(error="user not found"), 404
    order = src("POST", "/orders", json={"userId": user_id, "total": total, "status": "placed"})
    cache().unlink(f"summary:{user_id}")
    return jsonify(order), 201


@bp.patch("/orders/<int:order_id>")
def patch_order(order_id):
    body = request.get_json(silent=True)
    status = body.get("status") if isinstance(body, dict) else None
    if not isinstance(status, str) or status not in {"placed", "cancelled"}:
        return jsonify(error="status must be placed or cancelled"), 400
    order = src("PATCH", f"/orders/{order_id}", json={"status": status})
    if order is None:
        return jsonify(error="order not found"), 404
    cache().unlink(f"summary:{order['userId']}")
    return jsonify(order)


@bp.patch("/users/<int:user_id>")
def patch_user(user_id):
    body = request.get_json(silent=True)
    name = body.get("name") if isinstance(body, dict) else None
    if not isinstance(name, str) or len(name) == 0:
        return jsonify(error="name must be a non-empty string"), 400
    user = src("PATCH", f"/users/{user_id}", json={"name": name})
    if user is None:
        return jsonify(error="user not found"), 404
    cache().unlink(f"summary:{user_id}")
    return jsonify(user)


def create_app():
    app = Flask(__name__)
    app.config["SOURCE_URL"] = os.environ["SOURCE_URL"]
    app.extensions["summary_cache"] = redis.Redis.from_url(os.environ["REDIS_URL"])
    app.extensions["pool"] = ThreadPoolExecutor(max_workers=4)
    app.register_blueprint(bp)
    return app
