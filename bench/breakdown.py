"""Where a search's CPU goes: inside Tantivy's calls, and the Python around them.

::

    python -m bench.breakdown --index bench/out/p200000/index [--rounds 3]

Runs ``bench.speed``'s 60-search mix through the engine in this process (no HTTP, one
search at a time, facet passes in line as under load), with facets and with
``facets=false``, and prints per search: CPU time, the part spent inside Tantivy's
calls (ranking ``search``, facet and report ``aggregate``, stored ``doc``, snippets, term
statistics) and the rest: parsing and building the query, decoding facet buckets,
highlights, building and serialising the response.

The Tantivy part is this engine's floor on this machine: no Python or HTTP work makes
a search cheaper than the passes it asks of Tantivy, so ``cores × 1000 / floor`` bounds
requests/s (docs/BENCHMARKS.md, "What limits requests/s").  Rounds alternate with and
without facets; the lowest CPU of each is reported, as the least disturbed by the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

from bench.speed import engine_params, query_mix
from search_api import engine as engine_mod
from search_api.engine import Engine
from search_api.highlight import Highlighter

#: Searcher methods that run in Tantivy (each call releases the GIL and does its work in Rust).
TANTIVY_CALLS = ("search", "aggregate", "doc", "doc_freq", "terms_with_prefix", "cardinality")


class _Clock:
    """CPU seconds spent inside Tantivy, by call."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()

    def timed(self, name: str, fn):
        def call(*args, **kwargs):
            started = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.process_time() - started

        return call


class _TimedSearcher:
    """A searcher whose Tantivy calls are timed; everything else passes through."""

    def __init__(self, inner, clock: _Clock) -> None:
        self.inner, self._clock = inner, clock

    def __getattr__(self, name: str):
        value = getattr(self.inner, name)
        return self._clock.timed(name, value) if name in TANTIVY_CALLS else value


def _timed_highlighter(clock: _Clock):
    class TimedHighlighter(Highlighter):
        """Snippets come from Tantivy too (its generator wants the real searcher)."""

        def __init__(self, searcher, schema, sequences) -> None:
            started = time.process_time()
            super().__init__(getattr(searcher, "inner", searcher), schema, sequences)
            clock.seconds["snippet"] += time.process_time() - started
            if self._generator is not None:
                generator = self._generator
                self._generator = type(
                    "TimedGenerator",
                    (),
                    {"snippet_from_doc": staticmethod(clock.timed("snippet", generator.snippet_from_doc))},
                )()

    return TimedHighlighter


def measure(index: Path, rounds: int) -> dict:
    clock = _Clock()
    engine = Engine.open(index, writable=False)
    mix = query_mix(engine.facets().model_dump(), random.Random(7))
    searches = {facets: [engine_params(query, facets=facets) for query in mix] for facets in (True, False)}
    plain_searcher = engine.searcher
    engine.searcher = lambda: _TimedSearcher(plain_searcher(), clock)  # type: ignore[method-assign]
    plain_highlighter = engine_mod.Highlighter
    engine_mod.Highlighter = _timed_highlighter(clock)  # type: ignore[misc]
    # As under load: facet passes in line, on the request's own thread.
    engine._in_flight = 1 << 20

    def run(facets: bool) -> None:
        for params in searches[facets]:
            engine.search(params).model_dump_json()

    try:
        run(True), run(False)  # warm up both paths
        best: dict[bool, dict] = {}
        for _ in range(rounds):
            for facets in (True, False):
                clock.seconds.clear()
                started = time.process_time()
                run(facets)
                total = (time.process_time() - started) * 1000 / len(mix)
                floor = sum(clock.seconds.values()) * 1000 / len(mix)
                result = {
                    "cpu_ms_per_search": round(total, 2),
                    "tantivy_ms_per_search": round(floor, 2),
                    "python_ms_per_search": round(total - floor, 2),
                    "tantivy_by_call_ms": {
                        name: round(s * 1000 / len(mix), 2) for name, s in sorted(clock.seconds.items())
                    },
                    "max_requests_per_s_at_floor": round((os.cpu_count() or 1) * 1000 / floor, 1),
                }
                if facets not in best or result["cpu_ms_per_search"] < best[facets]["cpu_ms_per_search"]:
                    best[facets] = result
    finally:
        engine_mod.Highlighter = plain_highlighter  # type: ignore[misc]
    return {
        "index": str(index),
        "paragraphs": plain_searcher().num_docs,
        "searches": len(mix),
        "rounds": rounds,
        "cores": os.cpu_count(),
        "facets": best[True],
        "no_facets": best[False],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.breakdown", description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="an index built by `python -m indexer build`")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not (args.index / "tantivy").is_dir():
        parser.error(f"{args.index}: no index (expected {args.index / 'tantivy'})")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    figures = measure(args.index, args.rounds)
    print(
        f"{figures['paragraphs']:,} paragraphs, {figures['searches']} searches, best of {figures['rounds']} rounds, "
        f"{figures['cores']} cores"
    )
    for key, label in (("facets", "facets on "), ("no_facets", "facets off")):
        run = figures[key]
        calls = ", ".join(f"{name} {ms}" for name, ms in run["tantivy_by_call_ms"].items())
        print(
            f"{label}: {run['cpu_ms_per_search']} ms CPU per search = Tantivy {run['tantivy_ms_per_search']} ms "
            f"({calls}) + Python {run['python_ms_per_search']} ms; at most {run['max_requests_per_s_at_floor']} "
            f"searches/s on {figures['cores']} cores at the Tantivy floor alone"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
