"""Speed and memory, side by side in one run: this engine, SQLite FTS5, raw Tantivy.

``python -m bench.speed [--paragraphs 20000] [--clients 1,16] [--out bench/out] [--queries-per-client 60]``

1. Generates (or reuses) a corpus with ``bench.corpus``.
2. pyvi alone, single process, on a sample of the corpus: syllables/s (the baseline).
3. ``python -m indexer build`` on the corpus: wall time, paragraphs/s, syllables/s, peak RSS
   (of the build and its workers), then again on the unchanged corpus; index size against raw text.
4. ``python -m search_api`` on loopback: a mix of 60 queries (words, phrases, unaccented,
   abbreviations, with and without filters; facets and highlights always on) at 1 and 16
   concurrent clients, each on its own kept-alive connection: p50/p95/p99, requests/s, errors,
   server peak RSS.
5. The same queries on SQLite FTS5 (match + snippet + group-by counts for the facets) and on
   raw Tantivy with its default tokenizer (query + snippet + terms aggregation), in process.

Every loop is bounded; only 127.0.0.1 is contacted.  Figures are printed and written as JSON.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import tantivy

from bench import procfs
from bench.corpus import generate
from indexer import schema as F
from indexer.facets import NAMES
from indexer.normalize import syllables
from indexer.pipeline import paragraph_id
from search_api.live_server import LiveServer

if TYPE_CHECKING:
    from search_api.engine import SearchParams

ROOT = Path(__file__).resolve().parent.parent

WORDS = [
    "nông thôn mới",
    "kinh tế xã hội",
    "cải cách hành chính",
    "chuyển đổi số",
    "an sinh xã hội",
    "tuyển quân",
    "thu ngân sách",
    "xây dựng Đảng",
    "công tác dân vận",
    "giải phóng mặt bằng",
    "quốc phòng an ninh",
    "sản phẩm OCOP",
    "phòng chống dịch",
    "đảng viên mới",
    "thu nhập bình quân",
    "kiểm tra giám sát",
    "nông thôn mới kiểu mẫu",
    "Tỉnh uỷ",
    "bầu cử đại biểu",
    "trật tự an toàn xã hội",
]
PHRASES = [
    '"giải phóng mặt bằng"',
    '"nông thôn mới"',
    '"cải cách hành chính"',
    '"kinh tế - xã hội"',
    '"an sinh xã hội"',
]
UNACCENTED = [
    "nong thon moi",
    "giai phong mat bang",
    "cai cach hanh chinh",
    "chuyen doi so",
    "quoc phong an ninh",
    "kinh te xa hoi",
    "tuyen quan",
    "xay dung dang",
]
ABBREVIATIONS = ["HĐND", "UBND", "MTTQ", "NTM kiểu mẫu", "GPMB", "BTV Huyện ủy", "KT-XH"]


def query_mix(facets: dict, rng: random.Random) -> list[dict]:
    """60 searches: 40 plain (words, phrases, unaccented, abbreviations), 20 with filters."""
    plain = [{"q": q} for q in WORDS + PHRASES + UNACCENTED + ABBREVIATIONS]
    districts = [v["value"] for v in facets["district"][:50]]
    years = [v["value"] for v in facets["year"]]
    topics = [v["value"] for v in facets["topic"]]
    filtered = []
    for i in range(20):
        q = dict(rng.choice(plain))
        kind = i % 3
        if kind == 0 and districts:
            q["district"] = rng.choice(districts)
        elif kind == 1 and years:
            q["year"] = rng.choice(years)
        elif topics:
            q["topic"] = rng.choice(topics)
        filtered.append(q)
    return (plain + filtered)[:60]


#: Parameters that name facet values: one value or a list in a search given as URL parameters.
FACET_PARAMS = NAMES


def engine_params(query: dict, **extra) -> SearchParams:
    """A search given as URL parameters (``query_mix``'s, or a judged query's filters)
    as the engine's own parameters, for runs in process."""
    from search_api.engine import SearchParams

    facets = {name: list(v) if isinstance(v, list) else [v] for name, v in query.items() if name in FACET_PARAMS}
    rest = {name: v for name, v in query.items() if name not in FACET_PARAMS}
    return SearchParams(**facets, **rest, **extra)


def percentiles(values: list[float]) -> dict:
    s = sorted(values)
    pick = lambda p: s[min(len(s) - 1, int(p * len(s)))]  # noqa: E731
    return {
        "p50": round(statistics.median(s), 2),
        "p95": round(pick(0.95), 2),
        "p99": round(pick(0.99), 2),
        "n": len(s),
    }


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ------------------------------------------------------------------------------------ pyvi


def pyvi_baseline(files: list[Path], seconds: float = 20.0) -> dict:
    """pyvi alone on one core: paragraphs from files spread over the whole corpus, each once."""
    from pyvi import ViTokenizer

    ViTokenizer.tokenize("khởi động")
    step = max(1, len(files) // 200)
    done_syllables, started = 0, time.perf_counter()
    for path in files[::step]:
        for line in path.read_text("utf-8").splitlines():
            if len(line) > 60:
                ViTokenizer.tokenize(line)
                done_syllables += len(syllables(line))
        if time.perf_counter() - started > seconds:
            break
    elapsed = time.perf_counter() - started
    return {
        "syllables": done_syllables,
        "seconds": round(elapsed, 2),
        "syllables_per_s": round(done_syllables / elapsed),
    }


# ------------------------------------------------------------------------------------ our engine


def build_ours(corpus: Path, index: Path, total_syllables: int, paragraphs: int) -> dict:
    def run() -> tuple[float, int, str]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "indexer", "build", str(corpus), "--index", str(index), "--quiet"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if out.returncode not in (0, 3):
            raise SystemExit(f"build failed: {out.stderr}")
        return elapsed, max(peak, before), out.stdout

    first, peak_kb, summary = run()
    again, _, summary_again = run()
    return {
        "seconds": round(first, 2),
        "paragraphs_per_s": round(paragraphs / first),
        "syllables_per_s": round(total_syllables / first),
        "peak_rss_mb": round(peak_kb / 1024),
        "rebuild_unchanged_seconds": round(again, 2),
        "summary": summary.strip().splitlines()[:3],
        "index_bytes": dir_size(index / "tantivy"),
        "index_dir_bytes": dir_size(index),
    }


def http_get(base: str, params: dict) -> tuple[float, bool]:
    url = base + "/api/v1/search?" + urllib.parse.urlencode(params, doseq=True)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()
            ok = r.status == 200
    except Exception:
        ok = False
    return (time.perf_counter() - started) * 1000, ok


class Client:
    """One client: a kept-alive HTTP/1.1 connection, as a tool with a connection pool
    (httpx, requests.Session) keeps; reconnects after an error."""

    def __init__(self, base: str) -> None:
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port = parsed.hostname, parsed.port
        self.conn: http.client.HTTPConnection | None = None

    def get(self, params: dict) -> tuple[float, bool]:
        path = "/api/v1/search?" + urllib.parse.urlencode(params, doseq=True)
        started = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.conn.request("GET", path)
            response = self.conn.getresponse()
            response.read()
            ok = response.status == 200
        except Exception:
            ok = False
            if self.conn is not None:
                self.conn.close()
            self.conn = None
        return (time.perf_counter() - started) * 1000, ok


def drive(base: str, mix: list[dict], n: int, count: int, server_pid: int) -> dict:
    """``n`` concurrent clients, each sending ``count`` searches of the mix (from its own
    offset) on one kept-alive connection: latency percentiles, throughput, errors and the
    server's CPU per request."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def worker(offset: int) -> None:
        nonlocal errors
        client = Client(base)
        for i in range(count):
            ms, ok = client.get(mix[(offset + i) % len(mix)])
            with lock:
                latencies.append(ms)
                errors += not ok

    started, cpu_before = time.perf_counter(), procfs.tree_cpu_seconds(server_pid)
    threads = [threading.Thread(target=worker, args=(k * 7,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    elapsed = time.perf_counter() - started
    cpu = procfs.tree_cpu_seconds(server_pid) - cpu_before
    return {
        **percentiles(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "errors": errors,
        "server_cpu_ms_per_request": round(cpu * 1000 / max(1, len(latencies)), 1),
    }


def serve_and_measure(index: Path, clients: list[int], per_client: int, workers: int = 1) -> dict:
    with LiveServer(index, workers=workers) as server:
        base = server.url
        facets = json.loads(urllib.request.urlopen(base + "/api/v1/facets").read())
        mix = query_mix(facets, random.Random(7))
        for params in mix:  # warm up once
            http_get(base, params)
        results = {"queries": mix}
        for n in clients:
            # One client goes through the whole mix twice: its percentiles are over every query.
            count = max(per_client, 2 * len(mix)) if n == 1 else per_client
            results[f"clients_{n}"] = drive(base, mix, n, count, server.pid)
        # The busiest load again for a tool that reads only hits (facets=false), side by side.
        n = max(clients)
        results[f"clients_{n}_no_facets"] = drive(
            base, [dict(q, facets="false") for q in mix], n, per_client, server.pid
        )
        # Results by report (group=report: report counts for the facets, a card per report), as the
        # page asks for them, one client and the busiest load.
        grouped = [dict(q, group="report") for q in mix]
        for params in grouped:
            http_get(base, params)
        for n in sorted({min(clients), max(clients)}):
            count = max(per_client, 2 * len(mix)) if n == 1 else per_client
            results[f"clients_{n}_grouped"] = drive(base, grouped, n, count, server.pid)
        results["server_peak_rss_mb"] = round(procfs.tree_peak_rss_kb(server.pid) / 1024)
        results["server_pss_mb"] = round(procfs.tree_pss_kb(server.pid) / 1024)
        results["server_workers"] = workers
        return results


# ------------------------------------------------------------------------------------ peers


def paragraphs_of(index: Path) -> list[dict]:
    """The engine's own paragraphs and tags, so every system searches the same units."""
    idx = F.open_index(index / "tantivy")
    searcher = idx.searcher()
    out = []
    for _, address in searcher.search(tantivy.Query.all_query(), searcher.num_docs or 1).hits:
        d = searcher.doc(address)
        out.append(
            {
                "id": paragraph_id(d.get_first(F.DOC_ID), d.get_first(F.POSITION)),
                "text": d.get_first(F.TEXT),
                "district": d.get_first(F.DISTRICT) or "",
                "year": d.get_first(F.YEAR) or 0,
                "topics": d.get_all(F.TOPIC),
            }
        )
    return out


class Fts5Peer:
    """SQLite FTS5 as a careful user would set it up: unicode61 with diacritics removed,
    bm25, snippet(); the filtered matches are collected once into a temporary table and
    counted per facet from there.  CROSS JOIN keeps the full-text match as the outer
    loop: left to itself the planner drives a year or topic filter from its index and
    evaluates MATCH row by row (a minute per query at 200,000 paragraphs)."""

    def __init__(self, paragraphs: list[dict]) -> None:
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.executescript("""
            CREATE VIRTUAL TABLE p USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
            CREATE TABLE meta (rowid INTEGER PRIMARY KEY, district TEXT, year INTEGER);
            CREATE TABLE topic (rowid INTEGER, slug TEXT);
            CREATE INDEX topic_rowid ON topic(rowid, slug);""")
        started = time.perf_counter()
        with self.db:
            for i, p in enumerate(paragraphs, 1):
                self.db.execute("INSERT INTO p(rowid, text) VALUES (?, ?)", (i, p["text"]))
                self.db.execute("INSERT INTO meta VALUES (?, ?, ?)", (i, p["district"], p["year"]))
                self.db.executemany("INSERT INTO topic VALUES (?, ?)", [(i, t) for t in p["topics"]])
        self.build_seconds = time.perf_counter() - started

    @staticmethod
    def match(q: str) -> str:
        phrases = re.findall(r'"([^"]+)"', q)
        rest = re.sub(r'"[^"]*"', " ", q)
        parts = ['"' + " ".join(syllables(p)) + '"' for p in phrases] + ['"' + s + '"' for s in syllables(rest)]
        return " ".join(parts) or '""'

    def search(self, params: dict) -> None:
        where, args = ["p MATCH ?"], [self.match(params["q"])]
        if "district" in params:
            where.append("meta.district = ?")
            args.append(params["district"])
        if "year" in params:
            where.append("meta.year = ?")
            args.append(int(params["year"]))
        if "topic" in params:
            where.append("EXISTS (SELECT 1 FROM topic tt WHERE tt.rowid = p.rowid AND tt.slug = ?)")
            args.append(params["topic"])
        base = f"FROM p CROSS JOIN meta ON meta.rowid = p.rowid WHERE {' AND '.join(where)}"
        self.db.execute(
            f"SELECT p.rowid, snippet(p, 0, '<mark>', '</mark>', '…', 40) {base} ORDER BY bm25(p) LIMIT 10", args
        ).fetchall()
        self.db.execute("DROP TABLE IF EXISTS temp.m")
        self.db.execute(f"CREATE TEMP TABLE m AS SELECT meta.rowid AS id, meta.district, meta.year {base}", args)
        self.db.execute("SELECT count(*) FROM m").fetchone()
        self.db.execute("SELECT district, count(*) FROM m GROUP BY district").fetchall()
        self.db.execute("SELECT year, count(*) FROM m GROUP BY year").fetchall()
        self.db.execute(
            "SELECT t.slug, count(*) FROM m CROSS JOIN topic t ON t.rowid = m.id GROUP BY t.slug"
        ).fetchall()


class RawTantivyPeer:
    """Tantivy with its default tokenizer and nothing Vietnamese: the floor."""

    def __init__(self, paragraphs: list[dict]) -> None:
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("text", stored=True)
        sb.add_text_field("district", tokenizer_name="raw", fast=True)
        sb.add_integer_field("year", fast=True, indexed=True)
        sb.add_text_field("topic", tokenizer_name="raw", fast=True)
        self.schema = sb.build()
        self.index = tantivy.Index(self.schema)
        started = time.perf_counter()
        writer = self.index.writer(200_000_000, 1)
        for p in paragraphs:
            d = tantivy.Document(text=p["text"], district=p["district"], year=int(p["year"]))
            for t in p["topics"]:
                d.add_text("topic", t)
            writer.add_document(d)
        writer.commit()
        self.index.reload()
        self.build_seconds = time.perf_counter() - started
        self.searcher = self.index.searcher()

    def search(self, params: dict) -> None:
        query, _ = self.index.parse_query_lenient(params["q"], ["text"])
        clauses = [(tantivy.Occur.Must, query)]
        if "district" in params:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "district", params["district"])))
        if "year" in params:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "year", int(params["year"]))))
        if "topic" in params:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "topic", params["topic"])))
        q = tantivy.Query.boolean_query(clauses)
        result = self.searcher.search(q, 10, count=True)
        snippets = tantivy.SnippetGenerator.create(self.searcher, q, self.schema, "text")
        for _, address in result.hits:
            snippets.snippet_from_doc(self.searcher.doc(address)).to_html()
        self.searcher.aggregate(q, {f: {"terms": {"field": f, "size": 1000}} for f in ("district", "year", "topic")})


def time_peer(peer, mix: list[dict], rounds: int = 2) -> dict:
    for params in mix:
        peer.search(params)
    latencies = []
    for _ in range(rounds):
        for params in mix:
            started = time.perf_counter()
            peer.search(params)
            latencies.append((time.perf_counter() - started) * 1000)
    return {**percentiles(latencies), "build_seconds": round(peer.build_seconds, 2)}


# ------------------------------------------------------------------------------------ main


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(mem) / 2**20, 1),
        "python": platform.python_version(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, default=20_000)
    parser.add_argument("--clients", default="1,16")
    parser.add_argument("--queries-per-client", type=int, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--server-workers", default="1,2", help="server processes to measure, e.g. 1,2")
    parser.add_argument("--pyvi-seconds", type=float, default=20.0, help="length of each pyvi baseline run")
    parser.add_argument(
        "--search-only",
        action="store_true",
        help="reuse the index of an earlier run: skip the pyvi baseline and the build",
    )
    args = parser.parse_args(argv)
    out = args.out / f"p{args.paragraphs}"
    corpus, index = out / "corpus", out / "index"
    if not corpus.exists() or not any(corpus.iterdir()):
        generate(-(-args.paragraphs // 20), corpus, seed=1)
    files = sorted(corpus.glob("*.txt"))
    raw_bytes = sum(p.stat().st_size for p in files)
    total_syllables = sum(len(syllables(p.read_text("utf-8"))) for p in files)
    paragraphs = args.paragraphs
    print(f"machine: {machine()}")
    print(
        f"corpus: {len(files)} reports, {paragraphs} paragraphs, {total_syllables} syllables, {raw_bytes / 1e6:.1f} MB"
    )

    report: dict = {
        "machine": machine(),
        "paragraphs": paragraphs,
        "raw_bytes": raw_bytes,
        "syllables": total_syllables,
    }
    if args.search_only:
        if not (index / "tantivy").exists():
            parser.error(f"--search-only: no index in {index}; run once without it")
    else:
        report["pyvi"] = pyvi_baseline(files, args.pyvi_seconds)
        print(f"pyvi alone, 1 process: {report['pyvi']['syllables_per_s']:,} syllables/s")
        if index.exists():
            import shutil

            shutil.rmtree(index)
        report["index"] = build_ours(corpus, index, total_syllables, paragraphs)
        ix = report["index"]
        # pyvi again after the build: the machine's speed drifts, and the ratio takes the
        # faster of the two baselines (the less flattering one).
        report["pyvi_after"] = pyvi_baseline(files, args.pyvi_seconds)
        baseline = max(report["pyvi"]["syllables_per_s"], report["pyvi_after"]["syllables_per_s"])
        report["index"]["times_pyvi"] = round(ix["syllables_per_s"] / baseline, 2)
        print(f"pyvi alone again after the build: {report['pyvi_after']['syllables_per_s']:,} syllables/s")
        print(
            f"indexer: {ix['seconds']} s, {ix['paragraphs_per_s']:,} paragraphs/s, {ix['syllables_per_s']:,} syllables/s "
            f"({ix['times_pyvi']:.2f} × the faster pyvi baseline), peak RSS {ix['peak_rss_mb']} MB; "
            f"unchanged rebuild {ix['rebuild_unchanged_seconds']} s"
        )
        print(f"indexer: {ix['summary'][-1]} (the corpus repeats its sentences, as archives do)")
        print(
            f"index size: {ix['index_bytes'] / 1e6:.1f} MB = {ix['index_bytes'] / raw_bytes:.2f} × raw text "
            f"(with originals and caches: {ix['index_dir_bytes'] / raw_bytes:.2f} ×)"
        )
    clients = [int(c) for c in args.clients.split(",")]
    for workers in [int(w) for w in args.server_workers.split(",")]:
        key = "api" if workers == 1 else f"api_workers_{workers}"
        report[key] = serve_and_measure(index, clients, args.queries_per_client, workers)
        runs = [(f"{n:>2} client(s)", f"clients_{n}") for n in clients]
        runs.append((f"{max(clients):>2} client(s), facets=false", f"clients_{max(clients)}_no_facets"))
        runs += [
            (f"{n:>2} client(s), group=report", f"clients_{n}_grouped") for n in sorted({min(clients), max(clients)})
        ]
        for label, run in runs:
            r = report[key][run]
            print(
                f"API ({workers} process{'es' if workers > 1 else ''}), {label}: p50 {r['p50']} ms  "
                f"p95 {r['p95']} ms  p99 {r['p99']} ms  {r['requests_per_s']} req/s  errors {r['errors']}  "
                f"server CPU {r['server_cpu_ms_per_request']} ms/request"
            )
        print(
            f"API ({workers} process{'es' if workers > 1 else ''}) peak RSS, all processes: "
            f"{report[key]['server_peak_rss_mb']} MB; proportional set size at the end: {report[key]['server_pss_mb']} MB"
        )
    if not args.skip_peers:
        mix = report[next(k for k in report if k.startswith("api"))]["queries"]
        units = paragraphs_of(index)
        for name, cls in (("sqlite_fts5", Fts5Peer), ("tantivy_raw", RawTantivyPeer)):
            peer = cls(units)
            report[name] = time_peer(peer, mix)
            r = report[name]
            print(
                f"{name}: build {r['build_seconds']} s; in process p50 {r['p50']} ms  p95 {r['p95']} ms  p99 {r['p99']} ms"
            )
            del peer
        ours = report[next(k for k in report if k.startswith("api"))][f"clients_{clients[0]}"]["p50"]
        print(f"ours over HTTP vs SQLite FTS5 in process, p50: {report['sqlite_fts5']['p50'] / ours:.1f} × faster")
    args.out.mkdir(parents=True, exist_ok=True)
    (out / ("speed-search.json" if args.search_only else "speed.json")).write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(f"figures: {out / ('speed-search.json' if args.search_only else 'speed.json')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
