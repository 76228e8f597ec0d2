"""Bounded load on loopback: 32 connections against the live server, zero errors, memory flat.

CI runs 10 s after a warm-up; ``VNSEARCH_LONG_TESTS=1`` runs 60 s (the bound).  The same
tool runs by hand: ``python -m bench.load --index data/index --seconds 60``.
"""

from __future__ import annotations

import os
import shutil

import pytest

from bench.load import run_load
from search_api.live_server import LiveServer

pytestmark = pytest.mark.slow

LONG = os.environ.get("VNSEARCH_LONG_TESTS") == "1"
MB = 1024 * 1024


def test_bounded_load_has_no_errors_and_flat_memory(tmp_path, seed_index):
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    seconds = 60 if LONG else 10
    with LiveServer(index) as server:
        warm = run_load(server.url, seconds=3, connections=32)  # caches, pyvi, allocator arenas
        assert warm.error_count == 0, warm.errors[:5]
        result = run_load(server.url, seconds=seconds, connections=32, pid=server.pid, seed=2)
        log = server.log()
    summary = result.summary()
    print(f"\nload: {summary}")
    # The server's own log with the failures: a dropped connection says nothing on the client side.
    assert result.error_count == 0, (result.errors[:5], log[-3000:])
    assert result.connections == 32 and seconds - 1 <= result.seconds <= seconds + 15
    assert result.requests >= 20 * seconds, summary  # far below what 2 cores serve; catches a stall
    assert "Traceback" not in log
    rss = [b for _, b in result.rss_samples]
    assert len(rss) >= seconds
    # Flat: the second half of the run never holds much more than the first half did.
    half = len(rss) // 2
    assert max(rss[half:]) <= max(rss[:half]) + max(24 * MB, max(rss[:half]) // 10), summary
    assert rss[-1] <= rss[0] + 48 * MB, summary


def test_an_idle_pooled_connection_is_kept_longer_than_clients_keep_it(seed_index):
    """A tool polling every few seconds reuses its pooled connection. Were the server to close idle
    connections first (uvicorn's 5 s, the same as httpx's own expiry), a request sent on one just as
    it closes is lost with no response: the load test's rare ReadError. The server keeps them 75 s."""
    import time

    import httpx

    with LiveServer(seed_index) as server:
        with httpx.Client(base_url=server.url, limits=httpx.Limits(keepalive_expiry=30)) as client:
            ends = []
            for wait in (0, 6):
                time.sleep(wait)
                response = client.get("/api/v1/health")
                assert response.status_code == 200
                ends.append(response.extensions["network_stream"].get_extra_info("client_addr"))
    assert ends[0] == ends[1], "the server closed an idle connection after less than 6 s"
