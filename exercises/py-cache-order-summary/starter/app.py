import json
import os

import redis
import requests
from flask import Flask, jsonify, request


def create_app():
    app = Flask(__name__)
    cache = redis.Redis.from_url(os.environ["REDIS_URL"])
    source_url = os.environ["SOURCE_URL"]

    # TODO: GET /users/<id>/summary, POST /orders, PATCH /orders/<id> and PATCH /users/<id>,
    # with the cache described in the statement.

    return app
