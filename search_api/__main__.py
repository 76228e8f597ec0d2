"""``python -m search_api --index DIR --host H --port P``."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .config import Settings


def main(argv: list[str] | None = None) -> int:
    defaults = Settings()
    parser = argparse.ArgumentParser(prog="python -m search_api", description="Serve the search API and page.",
                                     epilog="environment: VNSEARCH_INDEX, VNSEARCH_HOST, VNSEARCH_PORT, VNSEARCH_API_KEY "
                                            "(enables writes), VNSEARCH_CORS_ORIGINS (comma-separated), VNSEARCH_MAX_BODY_BYTES")
    parser.add_argument("--index", type=Path, default=defaults.index)
    parser.add_argument("--host", default=defaults.host)
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument("--workers-threads", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings(index=args.index, host=args.host, port=args.port)
    from .app import create_app
    try:
        app = create_app(settings)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    log = logging.getLogger("search_api")
    health = app.state.engine.health()
    log.info("index %s: %d documents, %d paragraphs", settings.index, health.documents, health.paragraphs)
    if not settings.api_key:
        log.warning("no VNSEARCH_API_KEY: POST/DELETE /api/v1/documents are disabled (read-only server)")
    log.info("serving on http://%s:%d (API docs at /docs)", settings.host, settings.port)
    import uvicorn

    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
