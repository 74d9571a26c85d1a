from flask import Flask, jsonify, request


def create_app():
    app = Flask(__name__)

    @app.get("/ping")
    def ping():
        return {"pong": True}

    @app.post("/echo")
    def echo():
        return jsonify(request.get_json())

    return app
