"""The HTTP API (``/api/v1``) and the static page (``/``)."""

import hmac
import inspect
import logging
import tempfile
import urllib.parse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, File, Form, Query, Request, Security, UploadFile
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import APIKeyHeader
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import Field, StringConstraints, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer.facets import FACETS
from indexer.reading import SUFFIXES, ReadError, read_file, unknown_type
from indexer.store import is_document_id

from . import docs, errors, export, feeds
from .config import Settings
from .engine import Engine, NotFound, SearchParams
from .errors import ApiError
from .metrics import Metrics, MetricsMiddleware
from .models import (
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    DeleteResponse,
    DocumentDetail,
    DocumentList,
    ErrorResponse,
    FacetDefinition,
    Facets,
    Health,
    IngestRequest,
    IngestResponse,
    SearchResponse,
    Suggestion,
    SuggestResponse,
)

log = logging.getLogger("search_api")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    413: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}

#: POST answers: 201 created, 200 when the same text was already indexed, and the key's refusals.
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    200: {"model": IngestResponse, "description": "Already indexed"},
    401: {"model": ErrorResponse},
    403: {"model": ErrorResponse},
}

_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class _SecurityHeaders:
    """Security headers on every response; a declared body over the limit is refused
    before it is read.  Plain ASGI (not ``BaseHTTPMiddleware``, which costs a task and
    a memory stream per request)."""

    def __init__(self, app, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = list(_SECURITY_HEADERS)
        # The documentation pages set their own, slightly wider policy (search_api/docs.py).
        if not scope["path"].startswith(docs.PATHS):
            extra.append((b"content-security-policy", CSP.encode()))

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in extra if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if length is not None:
            refusal = None
            try:
                if int(length) > self.max_body:
                    refusal = errors.error_response(413, "too_large", f"request body over {self.max_body} bytes")
            except ValueError:
                refusal = errors.error_response(400, "bad_request", "invalid Content-Length")
            if refusal is not None:
                # A request refused here still gets the headers.
                return await refusal(scope, receive, send_with_headers)
        await self.app(scope, receive, send_with_headers)


# Limits stated in the OpenAPI schema itself, so a client (or a fuzzer) that follows
# the schema is never refused: page × per_page ≤ 100,000.
FacetValue = Annotated[str, StringConstraints(max_length=64)]
Year = Annotated[int, Field(ge=1900, le=2100)]
MAX_PAGE = 100_000 // MAX_PER_PAGE


class _BodyLimit:
    """Counts the bytes of a request body as they arrive: a chunked upload (no
    Content-Length) is stopped at the limit too, with a JSON 413."""

    def __init__(self, app, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        received = 0
        started = False

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise StarletteHTTPException(413, f"request body over {self.max_body} bytes")
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except StarletteHTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            response = errors.error_response(413, "too_large", str(exc.detail))
            await response(scope, receive, send)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or Settings()
    engine = engine or Engine.open(settings.index, writable=bool(settings.api_key))
    app = FastAPI(
        title="vnsearch",
        version="1.0",
        description="Faceted Vietnamese full-text search over district-level reports. "
        'Errors are JSON {"error": {"code", "message"}}.',
        docs_url=None,  # served offline by search_api/docs.py
        redoc_url=None,
    )
    docs.install(app)
    app.state.engine = engine
    app.state.settings = settings
    metrics = app.state.metrics = Metrics(engine.index_figures)
    errors.install(app)
    app.add_middleware(_BodyLimit, max_body=settings.max_body_bytes)
    app.add_middleware(_SecurityHeaders, max_body=settings.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=metrics)  # outermost: refused requests are counted too
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["X-API-Key", "Content-Type"],
        )

    # Declared as a security scheme (OpenAPI ``securitySchemes``), so clients and fuzzers
    # send it as a credential rather than as a free-form header.
    api_key_header = APIKeyHeader(
        name="X-API-Key", auto_error=False, description="The server's VNSEARCH_API_KEY; needed by POST and DELETE"
    )

    def require_key(x_api_key: Annotated[str | None, Security(api_key_header)] = None) -> None:
        if not settings.api_key:
            raise ApiError(403, "writes_disabled", "writes are disabled: the server has no VNSEARCH_API_KEY")
        if not x_api_key:
            raise ApiError(401, "unauthorized", "missing X-API-Key header")
        if not hmac.compare_digest(x_api_key.encode("utf-8"), settings.api_key.encode("utf-8")):
            raise ApiError(403, "forbidden", "wrong API key")

    search_params = _search_params()
    Params = Annotated[SearchParams, Depends(search_params)]

    @app.get(
        "/api/v1/search",
        response_model=SearchResponse,
        responses={**ERRORS, 200: {"content": {**_EXPORTS, feeds.MEDIA.split(";")[0]: {}}}},
        tags=["search"],
    )
    def search(
        request: Request,
        params: Params,
        facets: Annotated[
            bool,
            Query(
                description="Count facets (default true); false skips that pass over "
                "every match and returns empty facet lists: for tools that "
                "read only the hits"
            ),
        ] = True,
        format: Annotated[
            Literal["json", "csv", "ndjson", "atom"],
            Query(
                description=f"json (default); csv or ndjson: every full match (paragraphs, or reports by their best "
                f"paragraph with group=report) in the search's order, up to {export.EXPORT_CAP:,} rows, streamed, "
                "with X-Total-Count and X-Export-Capped (CSV is UTF-8 with a BOM); atom: a feed of the "
                f"{feeds.FEED_ENTRIES} newest matching reports (published date, else year), one entry per "
                "report with its best paragraph. page and per_page apply to json only"
            ),
        ] = "json",
    ) -> Response:
        """Full-text search with disjunctive facet counts, highlights and "did you mean"."""
        metrics.searches.inc()
        if format == "atom":
            return _feed(request, params)
        if format != "json":
            return export.response(engine.rows(params, export.EXPORT_CAP), format, "vnsearch", export.EXPORT_CAP)
        # Serialised here: the response is already a validated model, and FastAPI would
        # validate its (up to 700) facet values once more.
        return Response(engine.search(params.but(facets=facets)).model_dump_json(), media_type="application/json")

    def _feed(request: Request, params: SearchParams) -> Response:
        # The feed is the search's, whatever page, order or grouping the link was copied with.
        kept = sorted((k, v) for k, v in request.query_params.multi_items() if k not in _NOT_THE_SEARCH)
        feed_id = urllib.parse.urlencode(kept)
        base = str(request.base_url).rstrip("/")
        title = f"vnsearch: {params.q}" if params.q else "vnsearch: mọi báo cáo"
        body = feeds.atom(
            engine.feed(params, feeds.FEED_ENTRIES),
            title=title,
            feed_id=feed_id,
            self_url=str(request.url),
            base=base,
        )
        return Response(body, media_type=feeds.MEDIA)

    @app.get(
        "/api/v1/documents",
        response_model=DocumentList,
        responses={**ERRORS, 200: {"content": _EXPORTS}},
        tags=["documents"],
    )
    def documents(
        params: Params,
        format: Annotated[
            Literal["json", "csv", "ndjson"],
            Query(
                description=f"json (default); csv or ndjson: every report listed (newest first) by its first "
                f"paragraph, up to {export.EXPORT_CAP:,} rows, streamed, with X-Total-Count and X-Export-Capped"
            ),
        ] = "json",
    ) -> Response:
        """Reports matching the filters (and the query, when given), newest first."""
        if format != "json":
            return export.response(
                engine.document_rows(params, export.EXPORT_CAP), format, "vnsearch-reports", export.EXPORT_CAP
            )
        return Response(engine.documents(params).model_dump_json(), media_type="application/json")

    def checked_id(doc_id: str) -> str:
        if not is_document_id(doc_id):
            raise ApiError(404, "not_found", "no such document")
        return doc_id

    @app.get("/api/v1/documents/{doc_id}", response_model=DocumentDetail, responses=ERRORS, tags=["documents"])
    def document(doc_id: str) -> DocumentDetail:
        """A report's metadata and every paragraph."""
        try:
            return engine.document(checked_id(doc_id))
        except NotFound:
            raise ApiError(404, "not_found", f"no document {doc_id}") from None

    @app.get(
        "/api/v1/documents/{doc_id}/original",
        response_class=FileResponse,
        tags=["documents"],
        responses={
            **ERRORS,
            200: {
                "description": "The file the report was read from (PDF, Word, scan, HTML), or its text when "
                "it came as text or over the API; Content-Disposition names the file",
                "content": {media: {} for media in ORIGINAL_MEDIA_TYPES},
            },
        },
    )
    def original(doc_id: str) -> FileResponse:
        """The original of a report, so that a reader can open the source (a hit's ``page`` is its page)."""
        try:
            path, name, media = engine.original(checked_id(doc_id))
        except NotFound:
            raise ApiError(404, "not_found", f"no document {doc_id}") from None
        # A page kept from the web is never shown from this origin: it downloads.
        disposition = "attachment" if media == "text/html" else "inline"
        if media == "text/plain":
            media = "text/plain; charset=utf-8"
        return FileResponse(path, media_type=media, filename=name, content_disposition_type=disposition)

    @app.get("/api/v1/facets", response_model=Facets, tags=["search"])
    def all_facets() -> Facets:
        """Every facet value with its paragraph count over the whole corpus."""
        return engine.facets()

    @app.get("/api/v1/facets/definitions", response_model=list[FacetDefinition], tags=["search"])
    def facet_definitions() -> list[FacetDefinition]:
        """The facets, in the order the page shows them: each is a filter parameter of the search."""
        return [FacetDefinition.model_validate(f, from_attributes=True) for f in FACETS]

    @app.get("/api/v1/suggest", response_model=SuggestResponse, responses=ERRORS, tags=["search"])
    def suggest(q: Annotated[str, Query(max_length=100)] = "") -> SuggestResponse:
        """Up to 10 completions: accent-insensitive on the prefix, accented in the answer."""
        return SuggestResponse(query=q, suggestions=[Suggestion(text=t, count=c) for t, c in engine.suggest(q)])

    @app.get("/api/v1/health", response_model=Health, tags=["service"])
    def health() -> Health:
        return engine.health()

    @app.post(
        "/api/v1/documents",
        response_model=IngestResponse,
        status_code=201,
        tags=["documents"],
        responses=WRITE_RESPONSES,
    )
    def ingest(body: IngestRequest, _: Annotated[None, Depends(require_key)]):
        """Index a report; tags are found as the indexer finds them unless given."""
        return _ingest(body)

    def _ingest(body: IngestRequest, file: str | None = None, source: bytes | None = None) -> JSONResponse:
        if body.district is not None and body.district not in engine.gazetteer.districts:
            raise ApiError(422, "invalid_parameters", f"district: unknown GSO district code {body.district!r}")
        try:
            result, created = engine.ingest(body, file=file, source=source)
        except ValueError as exc:
            raise ApiError(422, "unprocessable", str(exc)) from None
        metrics.ingested.labels("created" if created else "existing").inc()
        return JSONResponse(result.model_dump(mode="json"), status_code=201 if created else 200)

    @app.post(
        "/api/v1/documents/upload",
        response_model=IngestResponse,
        status_code=201,
        tags=["documents"],
        responses={**WRITE_RESPONSES, 415: {"model": ErrorResponse}},
    )
    def upload(
        file: Annotated[UploadFile, File(description="The report: " + " ".join(SUFFIXES))],
        _: Annotated[None, Depends(require_key)],
        title: Annotated[str | None, Form(max_length=500)] = None,
        source: Annotated[str | None, Form(max_length=500)] = None,
        url: Annotated[str | None, Form(max_length=2000)] = None,
        published_date: Annotated[date | None, Form()] = None,
        district: Annotated[str | None, Form(max_length=10, description="GSO district code")] = None,
        year: Annotated[int | None, Form(ge=1945, le=2100)] = None,
    ):
        """Index a report file (multipart/form-data) as the indexer reads one: Word, PDF (OCR for
        scans), .txt, HTML...; the file is kept as the report's original.  Same key and size limit
        as a JSON POST."""
        name = Path(file.filename or "").name or "upload"
        suffix = Path(name).suffix.lower()
        if suffix not in SUFFIXES:
            raise ApiError(415, "unsupported_type", f"{name}: {unknown_type(Path(name))}")
        data = file.file.read()
        with tempfile.TemporaryDirectory(prefix="vnsearch-upload-") as tmp:
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(data)
            try:
                text = read_file(path, max_bytes=settings.max_body_bytes)
            except ReadError as exc:
                raise ApiError(422, "unreadable_file", f"{name}: {exc}") from None
        try:
            body = IngestRequest(
                text=text,
                title=title,
                source=source,
                url=url,
                published_date=published_date,
                district=district,
                year=year,
            )
        except ValidationError as exc:
            raise ApiError(422, "invalid_parameters", str(exc)) from None
        return _ingest(body, file=name, source=None if suffix == ".txt" else data)

    @app.delete(
        "/api/v1/documents/{doc_id}",
        response_model=DeleteResponse,
        tags=["documents"],
        responses={**ERRORS, 401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
    )
    def delete(doc_id: str, _: Annotated[None, Depends(require_key)]) -> DeleteResponse:
        try:
            engine.delete(checked_id(doc_id))
        except NotFound:
            raise ApiError(404, "not_found", f"no document {doc_id}") from None
        metrics.deleted.inc()
        return DeleteResponse(id=doc_id)

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics() -> Response:
        """Prometheus text format; open like /api/v1/health (no key: it says nothing a search does not)."""
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    web = settings.web_dir
    if web.is_dir():
        app.mount("/static", _StaticFiles(directory=web), name="static")

        @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)  # HEAD: uptime monitors
        def index_page() -> FileResponse:
            return FileResponse(web / "index.html", headers={"Cache-Control": "no-cache"})

    return app


#: What GET /api/v1/documents/{id}/original may answer with (documented in the OpenAPI schema).
ORIGINAL_MEDIA_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "text/plain",
    "text/html",
    "image/png",
    "image/jpeg",
    "image/tiff",
    "image/bmp",
    "image/webp",
    "application/octet-stream",
)
#: Query parameters that do not change which reports a search finds (a feed's id leaves them out).
_NOT_THE_SEARCH = {"format", "page", "per_page", "sort", "group", "facets"}
_EXPORTS: dict[str, Any] = {media.split(";")[0]: {} for media in export.MEDIA.values()}


class _StaticFiles(StaticFiles):
    """The page's files with ``Cache-Control: no-cache``: the browser keeps them but asks
    each time (its ETag makes that a 304), so a new version of the page is never mixed
    with an old module (they are ES modules without hashed names).  GET and HEAD."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "no-cache"
        return response


def _search_params() -> Callable[..., SearchParams]:
    """The dependency that reads a search from the query string: ``q``, one repeatable
    parameter per facet of ``indexer.facets.FACETS`` (OR within, AND across), the year
    range, the order and the page.  Its signature is built from the facets, so FastAPI
    validates them and /openapi.json states their limits like any other parameter."""
    keyword = inspect.Parameter.KEYWORD_ONLY

    def parameter(name: str, annotation: object, default: object) -> inspect.Parameter:
        return inspect.Parameter(name, keyword, annotation=annotation, default=default)

    query = Annotated[
        str,
        Query(
            max_length=MAX_QUERY_CHARS,
            description=f"Query (at most {MAX_QUERY_CHARS} characters); empty browses everything",
            openapi_examples={
                "phrase": {"value": "nông thôn mới kiểu mẫu"},
                "unaccented": {"value": "cong tac dan van"},
                "abbreviation": {"value": "GPMB"},
            },
        ),
    ]
    facets = [
        parameter(
            f.name,
            Annotated[
                list[Year] if f.numeric else list[FacetValue],
                Query(
                    max_length=100,
                    description=f"{f.values} (repeatable, OR)",
                    openapi_examples={f.label(f.example): {"value": [f.example]}},
                ),
            ],
            [],
        )
        for f in FACETS
    ]
    rest = [
        parameter("year_from", Annotated[int | None, Query(ge=1900, le=2100)], None),
        parameter("year_to", Annotated[int | None, Query(ge=1900, le=2100)], None),
        parameter("sort", Literal["relevance", "newest", "oldest"], "relevance"),
        parameter("page", Annotated[int, Query(ge=1, le=MAX_PAGE)], 1),
        parameter("per_page", Annotated[int, Query(ge=1, le=MAX_PER_PAGE)], 10),
        parameter(
            "group",
            Annotated[
                Literal["paragraph", "report"],
                Query(
                    description="report: one hit per report, ranked by its best paragraph (highlighted), with up to "
                    "2 more matching paragraphs and matching_paragraphs; pages, total_reports and facet counts are "
                    "of reports, exact (a facet count is what ticking it gives); the web page asks for it by default. "
                    "paragraph (the API's default): one hit per paragraph, total_reports null"
                ),
            ],
            "paragraph",
        ),
    ]

    def search_params(**given: Any) -> SearchParams:
        # Lengths, counts and ranges are checked by the declarations (and stated in /openapi.json).
        if given["year_from"] is not None and given["year_to"] is not None and given["year_from"] > given["year_to"]:
            raise ApiError(422, "invalid_parameters", "year_from is after year_to")
        return SearchParams(**given)

    search_params.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [parameter("q", query, ""), *facets, *rest], return_annotation=SearchParams
    )
    return search_params


def app_from_environment() -> FastAPI:
    """For ``--workers N``: every server process builds its app from the environment."""
    return create_app(Settings())
