"""``GET /metrics``: what the monitoring people already run (Prometheus) reads.

* ``vnsearch_http_requests_total{method, route, status}`` and
  ``vnsearch_http_request_duration_seconds{method, route}``: by route *template*
  (``/api/v1/documents/{doc_id}``), never the raw path, so a crawler cannot blow
  up the number of series;
* ``vnsearch_searches_total``, ``vnsearch_ingested_total{result}``,
  ``vnsearch_deleted_total``: what the engine was asked to do;
* ``vnsearch_index_documents``, ``vnsearch_index_paragraphs``,
  ``vnsearch_index_commit_timestamp_seconds``: read from the index at scrape
  time, so reports added by an ``indexer build`` in another process show up too.

Each app has its own registry (tests create many apps in one process).  With
``--workers N`` each process counts its own requests: Prometheus sees the worker
that answered the scrape (the index figures are the same in every worker).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

#: Seconds: a search is ~1–50 ms; a POST with segmentation up to seconds.
BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class _IndexCollector(Collector):
    """Index figures at scrape time (one count query: cheap)."""

    def __init__(self, read: Callable[[], tuple[int, int, float]]) -> None:
        self.read = read

    def collect(self) -> Iterable[Metric]:
        documents, paragraphs, committed = self.read()
        yield GaugeMetricFamily("vnsearch_index_documents", "Reports in the index", value=documents)
        yield GaugeMetricFamily(
            "vnsearch_index_paragraphs", "Paragraphs (searchable units) in the index", value=paragraphs
        )
        yield GaugeMetricFamily(
            "vnsearch_index_commit_timestamp_seconds", "When the index was last committed (Unix time)", value=committed
        )


class Metrics:
    def __init__(self, index_figures: Callable[[], tuple[int, int, float]]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "vnsearch_http_requests",
            "HTTP requests by route template and status",
            ("method", "route", "status"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "vnsearch_http_request_duration_seconds",
            "Time to answer, by route template",
            ("method", "route"),
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.searches = Counter("vnsearch_searches", "Searches run", registry=self.registry)
        self.ingested = Counter(
            "vnsearch_ingested", "Reports POSTed, by result (created, existing)", ("result",), registry=self.registry
        )
        self.deleted = Counter("vnsearch_deleted", "Reports deleted over the API", registry=self.registry)
        self.registry.register(_IndexCollector(index_figures))


class MetricsMiddleware:
    """Counts and times every HTTP request (plain ASGI: no per-request task)."""

    def __init__(self, app: Any, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording_send(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            route = scope.get("route")  # set by the router on the scope it was given
            template = getattr(route, "path", None) or ("/" if scope["path"] == "/" else "unmatched")
            method = scope["method"]
            self.metrics.requests.labels(method, template, str(status)).inc()
            self.metrics.latency.labels(method, template).observe(time.perf_counter() - started)
