# The same API in FastAPI: query parameters taken as text and checked by hand (FastAPI's own
# int parameters would answer 422 and take "+1").
import re
from typing import Optional

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

DIGITS = re.compile(r"[0-9]+")


class BadRequest(Exception):
    pass


def whole(raw, name, low, high=None, default=None):
    if raw is None:
        return default
    if not DIGITS.fullmatch(raw):
        raise BadRequest(f"{name}: digits only")
    n = int(raw)
    if n < low or (high is not None and n > high):
        raise BadRequest(f"{name}: out of range")
    return n


def create_app():
    app = FastAPI()
    catalogue = []

    @app.exception_handler(BadRequest)
    async def bad_request(request, exc):
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.post("/products")
    async def add(request: Request):
        try:
            body = await request.json()
        except ValueError:
            raise BadRequest("malformed JSON")
        if not isinstance(body, dict):
            raise BadRequest("expected an object")
        name, category, price = body.get("name"), body.get("category"), body.get("priceCents")
        if not isinstance(name, str) or not name or not isinstance(category, str) or not category:
            raise BadRequest("name and category are required")
        if isinstance(price, bool) or not isinstance(price, int) or price < 0:
            raise BadRequest("priceCents must be a non-negative integer")
        product = dict(id=len(catalogue) + 1, name=name, category=category, priceCents=price)
        catalogue.append(product)
        return JSONResponse(product, status_code=201, headers={"Location": "/products/%d" % product["id"]})

    @app.get("/products/{pid}")
    async def one(pid: str):
        for p in catalogue:
            if str(p["id"]) == pid:
                return p
        return JSONResponse({"error": "not found"}, status_code=404)

    @app.get("/products")
    async def listing(
        category: Optional[str] = None,
        page: Optional[str] = None,
        pageSize: Optional[str] = None,
        minPrice: Optional[str] = None,
        maxPrice: Optional[str] = None,
    ):
        n = whole(page, "page", 1, default=1)
        size = whole(pageSize, "pageSize", 1, 50, default=10)
        low = whole(minPrice, "minPrice", 0, default=0)
        high = whole(maxPrice, "maxPrice", 0)
        hits = [p for p in catalogue if (category is None or p["category"] == category) and p["priceCents"] >= low and (high is None or p["priceCents"] <= high)]
        pages, rest = divmod(len(hits), size)
        return {"items": hits[(n - 1) * size : n * size], "page": n, "pageSize": size, "total": len(hits), "totalPages": pages + (1 if rest else 0)}

    return app
