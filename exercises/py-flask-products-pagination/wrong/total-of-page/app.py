import math

from flask import Flask, jsonify, request


def integer_param(name, minimum, default, maximum=None):
    """A whole number written in ASCII digits only, within [minimum, maximum], from the query; the default when absent."""
    raw = request.args.get(name)
    if raw is None:
        return default, None
    # str.isdigit() alone takes "²" and "٣"; int() alone takes "+1", " 1" and "1_0".
    if not (raw.isascii() and raw.isdigit()):
        return None, f"{name} must be a whole number"
    value = int(raw)
    if value < minimum or (maximum is not None and value > maximum):
        return None, f"{name} must be between {minimum} and {maximum if maximum is not None else 'any'}"
    return value, None


def product_problem(body):
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    for field in ("name", "category"):
        if not isinstance(body.get(field), str) or body[field] == "":
            return f"{field} must be a non-empty string"
    price = body.get("priceCents")
    if type(price) is not int or price < 0:
        return "priceCents must be an integer of at least 0"
    return None


def create_app():
    app = Flask(__name__)
    products = []

    @app.post("/products")
    def create_product():
        body = request.get_json(silent=True)
        problem = product_problem(body)
        if problem:
            return jsonify(error=problem), 400
        product = {"id": len(products) + 1, "name": body["name"], "category": body["category"], "priceCents": body["priceCents"]}
        products.append(product)
        return jsonify(product), 201, {"Location": f"/products/{product['id']}"}

    @app.get("/products/<product_id>")
    def show_product(product_id):
        product = next((p for p in products if str(p["id"]) == product_id), None)
        if product is None:
            return jsonify(error=f"no product {product_id}"), 404
        return jsonify(product)

    @app.get("/products")
    def list_products():
        page, e1 = integer_param("page", 1, 1)
        size, e2 = integer_param("pageSize", 1, 10, 50)
        low, e3 = integer_param("minPrice", 0, 0)
        high, e4 = integer_param("maxPrice", 0, math.inf)
        error = e1 or e2 or e3 or e4
        if error:
            return jsonify(error=error), 400
        category = request.args.get("category")
        matching = [p for p in products if (category is None or p["category"] == category) and low <= p["priceCents"] <= high]
        start = (page - 1) * size
        items = matching[start:start + size]
        return jsonify(items=items, page=page, pageSize=size, total=len(items), totalPages=math.ceil(len(items) / size))

    return app
