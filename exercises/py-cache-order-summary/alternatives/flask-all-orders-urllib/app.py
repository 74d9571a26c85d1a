"""A module-level Flask app that reaches the source with urllib, fetches every order and keeps
the user's own, sums totals with Decimal, and writes an entry with SET then EXPIRE in one
MULTI/EXEC."""
import json
import os
import urllib.error
import urllib.request
from decimal import Decimal

import redis
from flask import Flask, jsonify, request

app = Flask(__name__)
r = redis.Redis.from_url(os.environ["REDIS_URL"])
SOURCE = os.environ["SOURCE_URL"]


class Upstream(Exception):
    pass


def source(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(SOURCE + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            return json.loads(res.read())
    except urllib.error.HTTPError as err:
        if err.code == 404:
            return None
        raise Upstream(err.code)
    except (urllib.error.URLError, OSError) as err:
        raise Upstream(str(err))


@app.errorhandler(Upstream)
def upstream(_err):
    return jsonify({"error": "bad gateway"}), 502


def forget(user_id):
    r.delete(f"summary:{user_id}")


@app.route("/users/<uid>/summary", methods=["GET"])
def summary(uid):
    key = f"summary:{uid}"
    raw = r.get(key)
    if raw:
        return app.response_class(raw, mimetype="application/json")
    user = source("GET", f"/users/{uid}")
    if user is None:
        return jsonify({"error": f"user {uid} not found"}), 404
    mine = [o for o in source("GET", "/orders") if o["userId"] == user["id"] and o["status"] != "cancelled"]
    spent = sum((Decimal(str(o["total"])) for o in mine), Decimal(0))
    result = {"userId": user["id"], "name": user["name"], "orderCount": len(mine), "totalSpent": float(round(spent, 2))}
    text = json.dumps(result)
    with r.pipeline() as p:
        p.set(key, text)
        p.expire(key, 120)
        p.execute()
    return app.response_class(text, mimetype="application/json")


@app.route("/orders", methods=["POST"])
def new_order():
    b = request.get_json(silent=True)
    if not isinstance(b, dict):
        return jsonify({"error": "a JSON object is expected"}), 400
    uid, total = b.get("userId"), b.get("total")
    if type(uid) is not int or type(total) not in (int, float) or total <= 0:
        return jsonify({"error": "invalid order"}), 400
    if source("GET", f"/users/{uid}") is None:
        return jsonify({"error": "unknown user"}), 404
    order = source("POST", "/orders", {"userId": uid, "total": total, "status": "placed"})
    forget(uid)
    return jsonify(order), 201


@app.route("/orders/<oid>", methods=["PATCH"])
def patch_order(oid):
    b = request.get_json(silent=True)
    if not isinstance(b, dict) or b.get("status") not in ["placed", "cancelled"]:
        return jsonify({"error": "invalid status"}), 400
    order = source("PATCH", f"/orders/{oid}", {"status": b["status"]})
    if order is None:
        return jsonify({"error": "unknown order"}), 404
    forget(order["userId"])
    return jsonify(order)


@app.route("/users/<uid>", methods=["PATCH"])
def patch_user(uid):
    b = request.get_json(silent=True)
    if not isinstance(b, dict) or not isinstance(b.get("name"), str) or b["name"] == "":
        return jsonify({"error": "invalid name"}), 400
    user = source("PATCH", f"/users/{uid}", {"name": b["name"]})
    if user is None:
        return jsonify({"error": "unknown user"}), 404
    forget(uid)
    return jsonify(user)
