"""The API's documentation pages (``/docs``: Swagger UI, ``/redoc``: ReDoc), offline.

FastAPI's own pages load their scripts from a public CDN, so on a machine without
internet (many district offices) they render nothing.  Here the assets come from
the ``fastapi-offline`` package, served under ``/docs-assets``, and each page has
a Content-Security-Policy relaxed from the page's only as far as it needs:
Swagger UI's one inline script (allowed by its hash, not ``'unsafe-inline'``),
inline styles for both, and ReDoc's blob: workers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs-assets"
PATHS = ("/docs", "/redoc", ASSETS_URL)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def _assets() -> Path:
    return Path(str(resources.files("fastapi_offline").joinpath("static")))


def _text(response: HTMLResponse) -> str:
    return bytes(response.body).decode("utf-8")


def _csp(html: str, extra: str = "") -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(html)
    )
    return (
        f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        f"frame-ancestors 'none'; form-action 'self'{extra}"
    )


def install(app: FastAPI) -> None:
    """Serve the two pages and their assets.  The app is created with ``docs_url=None``
    and ``redoc_url=None``; the pages are rendered once (they depend only on the schema URL)."""
    assert app.openapi_url is not None
    app.mount(ASSETS_URL, StaticFiles(directory=_assets()), name="docs-assets")
    swagger = _text(
        get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title=f"{app.title}: API",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
            swagger_ui_parameters=app.swagger_ui_parameters,
        )
    )
    redoc = _text(
        get_redoc_html(
            openapi_url=app.openapi_url,
            title=f"{app.title}: API",
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
    )
    swagger_csp, redoc_csp = _csp(swagger), _csp(redoc, "; worker-src 'self' blob:")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return HTMLResponse(swagger, headers={"Content-Security-Policy": swagger_csp})

    @app.get("/redoc", include_in_schema=False)
    def redoc_ui() -> HTMLResponse:
        return HTMLResponse(redoc, headers={"Content-Security-Policy": redoc_csp})
