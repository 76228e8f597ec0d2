"""``python -m search_api --index DIR --host H --port P``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .config import Settings


def main(argv: list[str] | None = None) -> int:
    defaults = Settings()
    parser = argparse.ArgumentParser(
        prog="python -m search_api",
        description="Serve the search API and page.",
        epilog="environment: VNSEARCH_INDEX, VNSEARCH_HOST, VNSEARCH_PORT, VNSEARCH_API_KEY "
        "(enables writes), VNSEARCH_CORS_ORIGINS (comma-separated), VNSEARCH_MAX_BODY_BYTES, VNSEARCH_WORKERS, "
        "VNSEARCH_KEEP_ALIVE",
    )
    parser.add_argument("--index", type=Path, default=defaults.index)
    parser.add_argument("--host", default=defaults.host)
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("VNSEARCH_WORKERS", "1")),
        help="server processes (default 1; each opens the index read-only, sharing its pages)",
    )
    parser.add_argument(
        "--keep-alive",
        type=float,
        default=float(os.environ.get("VNSEARCH_KEEP_ALIVE", "75")),
        help="seconds an idle HTTP connection is kept open (default 75). Longer than the idle time of the "
        "clients' and proxies' pools, so that a pooled connection is not closed by the server just as a "
        "client sends on it (uvicorn's 5 s made tools polling a little slower than that see dropped requests)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings(index=args.index, host=args.host, port=args.port)
    from .app import create_app

    log = logging.getLogger("search_api")
    import uvicorn

    if args.workers > 1:
        # The parent only supervises: each worker process builds its own app from the environment.
        from indexer.schema import open_index
        from indexer.store import IndexDir
        from indexer.writer import create_empty

        if settings.api_key and not IndexDir(settings.index).exists():
            create_empty(IndexDir(settings.index))  # writable: start from nothing, take POSTs
        try:
            open_index(IndexDir(settings.index).tantivy_path)
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        os.environ["VNSEARCH_INDEX"] = str(settings.index)
        log.info(
            "serving %s with %d processes on http://%s:%d", settings.index, args.workers, settings.host, settings.port
        )
        uvicorn.run(
            "search_api.app:app_from_environment",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=args.workers,
            log_level="warning",
            access_log=False,
            timeout_keep_alive=args.keep_alive,
        )
        return 0
    try:
        app = create_app(settings)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    health = app.state.engine.health()
    log.info("index %s: %d documents, %d paragraphs", settings.index, health.documents, health.paragraphs)
    if not settings.api_key:
        log.warning("no VNSEARCH_API_KEY: POST/DELETE /api/v1/documents are disabled (read-only server)")
    log.info("serving on http://%s:%d (API docs at /docs)", settings.host, settings.port)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=args.keep_alive,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
