"""Two versions of the server side by side, in one run, on the same query mix.

::

    git worktree add /tmp/old <commit>          # the other version, with its own index
    python -m bench.versus old=/tmp/old:/tmp/old-index new=.:bench/out/p200000/index [--rounds 2] [--group report]

Each version is served in turn (``python -m search_api`` from its own tree, 2 processes by
default) and driven like ``bench.speed`` drives one: the 60-search mix at 1 client, at 16
clients, and at 16 with ``facets=false``; ``--group report`` asks every search by report.  Versions alternate for ``--rounds`` rounds, so
drift of the machine (25-30 % within an hour here) shows as the spread between rounds of
one version rather than as a difference between versions.  Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import random
import urllib.request
from pathlib import Path

from bench.speed import drive, http_get, query_mix
from search_api.live_server import LiveServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.versus", description=__doc__.split("\n")[0])
    parser.add_argument("versions", nargs="+", help="NAME=TREE:INDEX (a source tree and an index it built)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--queries-per-client", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--group", choices=["paragraph", "report"], default="paragraph", help="group=report: every search by report"
    )
    args = parser.parse_args(argv)
    versions = []
    for spec in args.versions:
        name, _, rest = spec.partition("=")
        tree, _, index = rest.partition(":")
        if not (name and tree and index):
            parser.error(f"{spec!r}: expected NAME=TREE:INDEX")
        versions.append((name, Path(tree).resolve(), Path(index).resolve()))
    mix: list[dict] | None = None
    results: list[dict] = []
    for rnd in range(args.rounds):
        for name, tree, index in versions:
            with LiveServer(index, workers=args.workers, root=tree) as server:
                base = server.url
                if mix is None:  # the first version's facets pick the filters; every version gets the same mix
                    mix = query_mix(
                        json.loads(urllib.request.urlopen(base + "/api/v1/facets").read()), random.Random(7)
                    )
                    if args.group != "paragraph":
                        mix = [dict(q, group=args.group) for q in mix]
                for params in mix:
                    http_get(base, params)
                row = {
                    "round": rnd,
                    "version": name,
                    "clients_1": drive(base, mix, 1, len(mix), server.pid),
                    "clients_16": drive(base, mix, 16, args.queries_per_client, server.pid),
                    "clients_16_no_facets": drive(
                        base, [dict(q, facets="false") for q in mix], 16, args.queries_per_client, server.pid
                    ),
                }
            results.append(row)
            one, busy, bare = row["clients_1"], row["clients_16"], row["clients_16_no_facets"]
            print(
                f"round {rnd} {name:>8}: 1 client p50 {one['p50']} ms, p99 {one['p99']} ms, CPU "
                f"{one['server_cpu_ms_per_request']} ms/request | 16 clients {busy['requests_per_s']} req/s, CPU "
                f"{busy['server_cpu_ms_per_request']} ms/request | facets=false {bare['requests_per_s']} req/s",
                flush=True,
            )
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
