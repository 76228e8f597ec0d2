"""Bounded load on a live server over loopback: errors, latency and the server's memory.

::

    python -m bench.load --index data/index --seconds 60 --connections 32
    python -m bench.load --url http://127.0.0.1:8000 --seconds 30

With ``--index`` a server is started on 127.0.0.1 (a free port) and stopped at
the end; with ``--url`` an already running server is loaded (loopback only) and
its memory is read from ``--pid`` when given.  Runs are bounded: at most 60 s
and 32 connections.  :func:`run_load` also serves the load test in ``tests/``; the
server itself is started by :class:`search_api.live_server.LiveServer`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from bench.procfs import rss_bytes
from search_api.live_server import LiveServer

MAX_SECONDS = 60.0
MAX_CONNECTIONS = 32

QUERIES = [
    "nông thôn mới",
    "nong thon moi",
    "NTM",
    "HĐND",
    "giải phóng mặt bằng",
    "kinh tế xã hội",
    "an ninh",
    "thu ngân sách",
    '"chuyển đổi số"',
    "du lịch OR OCOP",
    "Lương Tài",
    "giáo dục -y tế",
    "covid",
    "thu nhập bình quân đầu người",
    "giai phong mat bangg",
    "xây dựng Đảng",
    "quốc phòng",
    "mới",
    "2022",
    "",
]
PREFIXES = ["nong", "nông th", "gi", "kinh", "an n", "hđ", "x"]


@dataclass
class LoadResult:
    seconds: float = 0.0
    connections: int = 0
    requests: int = 0
    errors: list[str] = field(default_factory=list)  # first few, "GET /path -> 500 ..."
    error_count: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    rss_samples: list[tuple[float, int]] = field(default_factory=list)  # (seconds since start, bytes)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def summary(self) -> dict:
        rss = [b for _, b in self.rss_samples]
        return {
            "seconds": round(self.seconds, 1),
            "connections": self.connections,
            "requests": self.requests,
            "requests_per_s": round(self.rate, 1),
            "errors": self.error_count,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "latency_ms": {
                "p50": round(self.percentile(50), 1),
                "p95": round(self.percentile(95), 1),
                "p99": round(self.percentile(99), 1),
                "max": round(max(self.latencies_ms, default=0), 1),
            },
            "rss_mb": {
                "first": round(rss[0] / 2**20, 1) if rss else None,
                "last": round(rss[-1] / 2**20, 1) if rss else None,
                "max": round(max(rss) / 2**20, 1) if rss else None,
            },
            "first_errors": self.errors[:5],
        }


def _request(rng: random.Random, doc_ids: list[str]) -> tuple[str, dict]:
    """One request of a mix close to what the page and internal tools send."""
    roll = rng.random()
    if roll < 0.55:
        params: dict = {"q": rng.choice(QUERIES)}
        if rng.random() < 0.3:
            params["year"] = rng.choice([2020, 2021, 2022])
        if rng.random() < 0.2:
            params["sort"] = rng.choice(["newest", "oldest"])
        if rng.random() < 0.2:
            params["page"] = rng.randint(1, 3)
            params["per_page"] = rng.choice([5, 10, 20])
        return "/api/v1/search", params
    if roll < 0.75:
        return "/api/v1/suggest", {"q": rng.choice(PREFIXES)}
    if roll < 0.85 and doc_ids:
        return f"/api/v1/documents/{rng.choice(doc_ids)}", {}
    if roll < 0.92:
        return "/api/v1/documents", {"q": rng.choice(QUERIES), "per_page": 5}
    if roll < 0.97:
        return "/api/v1/facets", {}
    return "/api/v1/health", {}


def run_load(
    base_url: str, seconds: float = 10.0, connections: int = 16, pid: int | None = None, seed: int = 1
) -> LoadResult:
    """``connections`` clients loop over the request mix for ``seconds`` (bounded: 60 s, 32 connections).

    Every status other than 200 counts as an error (the mix sends only valid requests).
    When ``pid`` is given, the server's RSS is sampled every half second.
    """
    host = urlsplit(base_url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("load runs on loopback only")
    seconds = min(float(seconds), MAX_SECONDS)
    connections = max(1, min(int(connections), MAX_CONNECTIONS))
    result = LoadResult(connections=connections)

    async def main() -> None:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30.0) as client:
            listing = (await client.get("/api/v1/documents", params={"per_page": 100})).json()
            doc_ids = [d["id"] for d in listing.get("documents", [])]
            started = time.monotonic()
            deadline = started + seconds

            async def worker(n: int) -> None:
                rng = random.Random(seed * 1000 + n)
                while time.monotonic() < deadline:
                    path, params = _request(rng, doc_ids)
                    t0 = time.perf_counter()
                    try:
                        r = await client.get(path, params=params)
                        status = r.status_code
                        ok = status == 200 and r.headers.get("content-type", "").startswith("application/json")
                        detail = r.text[:200]
                    except httpx.HTTPError as exc:
                        status, ok, detail = 0, False, f"{type(exc).__name__}: {exc}"
                    result.latencies_ms.append((time.perf_counter() - t0) * 1000)
                    result.requests += 1
                    result.statuses[status] = result.statuses.get(status, 0) + 1
                    if not ok:
                        result.error_count += 1
                        if len(result.errors) < 20:
                            result.errors.append(f"GET {path} {params} -> {status} {detail}")

            async def sampler() -> None:
                while pid is not None and time.monotonic() < deadline:
                    result.rss_samples.append((time.monotonic() - started, rss_bytes(pid)))
                    await asyncio.sleep(0.5)

            await asyncio.gather(sampler(), *(worker(n) for n in range(connections)))
            result.seconds = time.monotonic() - started
            if pid is not None:
                result.rss_samples.append((result.seconds, rss_bytes(pid)))

    asyncio.run(main())
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--index", type=Path, help="start a read-only server on this index (127.0.0.1, free port)")
    where.add_argument("--url", help="an already running server on loopback")
    parser.add_argument("--pid", type=int, help="with --url: the server's pid, to sample its memory")
    parser.add_argument("--seconds", type=float, default=30.0, help=f"at most {MAX_SECONDS:.0f}")
    parser.add_argument("--connections", type=int, default=MAX_CONNECTIONS, help=f"at most {MAX_CONNECTIONS}")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of load before measuring")
    args = parser.parse_args(argv)
    server = LiveServer(args.index).start() if args.index else None
    try:
        url, pid = (server.url, server.pid) if server else (args.url.rstrip("/"), args.pid)
        if args.warmup > 0:
            run_load(url, args.warmup, args.connections)
        result = run_load(url, args.seconds, args.connections, pid=pid)
    finally:
        if server:
            server.stop()
    print(json.dumps(result.summary(), ensure_ascii=False, indent=1))
    return 0 if result.error_count == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
