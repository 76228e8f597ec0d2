"""Relevance and tagging quality, side by side with peers, on one corpus in one run.

::

    python -m bench.relevance [--fast] [--json OUT] [--show N] [--check] [--heldout | --no-heldout]

Builds every system on the same corpus (``seeds/*.txt`` + ``bench/reports/*.txt``):

* **engine** — this project: ``indexer.build.build_index`` into a temporary
  index, searched through ``search_api.engine.Engine`` (its own query parsing,
  ranking and filters);
* **sqlite-fts5** and **tantivy-default** — the peers of :mod:`bench.peers`,
  fed the engine's own paragraphs (``indexer.pipeline.process_file``) with the
  pipeline's district / province / year / topic tags as filter columns.

Then scores the judged queries of ``bench/judgments.json`` (grading: see
:mod:`bench.judging`) and prints nDCG@10, MRR and P@5 per system and per query
class (MRR and P@5 count grade >= 1 as relevant; MRR looks at the first 10), the
queries where the engine trails a peer, and the tagger's district / province /
year accuracy and per-topic precision and recall over ``bench/tagging_labels.json``.

``--fast`` scores the first three queries of each class (for CI); ``--json``
writes every figure and every per-query score; ``--show N`` prints the engine's
N worst queries with the grades of its first hits; ``--check`` exits 1 when a
target of the quality issue is missed (engine ahead of both peers in every
class, overall nDCG@10 >= 0.95, district and year >= 95 %, no wrong district
where the label is unknown, topic precision >= 0.8).

After the main set, the same figures are printed for the **held-out** set
(``bench/heldout/``: its own reports, judged queries and labels, written before
any tuning), under its own heading, on its own corpus: scored, never tuned on,
and never part of ``--check``.  ``--heldout`` prints only the held-out set,
``--no-heldout`` only the main set; ``run(bench=HELDOUT)`` returns its figures.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .judging import (
    CLASSES,
    HELDOUT,
    MAIN,
    BenchSet,
    Query,
    corpus_files,
    grade,
    load_labels,
    load_queries,
    norm,
    raw_units,
    topic_scores,
)
from .peers import Fts5Peer, TantivyPeer

K = 10
FAST_PER_CLASS = 3
TOPICS = (
    "xay-dung-dang",
    "chinh-quyen",
    "dan-van",
    "kinh-te",
    "nong-nghiep-nong-thon",
    "do-thi-ha-tang",
    "van-hoa-xa-hoi",
    "quoc-phong-an-ninh",
    "phong-chong-dich",
    "chuyen-doi-so",
    "tai-nguyen-moi-truong",
)
#: Targets from the quality issue.
TARGET_NDCG = 0.95
TARGET_TAG_ACCURACY = 0.95
TARGET_TOPIC_PRECISION = 0.8


# ---------------------------------------------------------------------------- corpus
@dataclass
class Corpus:
    files: list[Path]
    reports: dict  # file name -> indexer.pipeline.Report
    paragraphs: list[dict]  # what the peers index
    by_id: dict[str, dict] = field(default_factory=dict)
    file_of_doc: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def load_corpus(files: list[Path]) -> Corpus:
    from indexer.pipeline import process_file
    from indexer.segmentation import Segmenter

    started = time.perf_counter()
    segmenter = Segmenter()
    reports, paragraphs = {}, []
    for path in files:
        report = process_file(path, segmenter=segmenter)
        reports[path.name] = report
        for p in report.paragraphs:
            paragraphs.append(
                {
                    "id": p.id(report.id),
                    "text": p.text,
                    "file": path.name,
                    "district_code": report.district.code if report.district else None,
                    "province_code": report.province.code if report.province else None,
                    "year": report.year,
                    "topics": list(p.topics),
                }
            )
    corpus = Corpus(files, reports, paragraphs)
    corpus.by_id = {p["id"]: p for p in paragraphs}
    corpus.file_of_doc = {r.id: name for name, r in reports.items()}
    corpus.seconds = time.perf_counter() - started
    return corpus


def ideal_units(corpus: Corpus, bench: BenchSet = MAIN) -> list[tuple[str, str]]:
    """(file, text) the ideal ranking is built from: releval.py's lines of 80+ characters,
    plus every engine paragraph that is not part of such a line (a shorter one, say)."""
    units = raw_units(corpus.files, bench)
    lines = [norm(text) for _, text in units]
    for p in corpus.paragraphs:
        t = norm(p["text"])
        if not any(t in line for line in lines):
            units.append((p["file"], p["text"]))
    return units


# ---------------------------------------------------------------------------- systems
class EngineSystem:
    """This project's engine through its own build and search code."""

    name = "engine"

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._tmp: tempfile.TemporaryDirectory | None = None
        self.engine = None

    def build(self, paragraphs: list[dict]) -> None:  # the engine reads the files itself
        from indexer.build import build_index
        from search_api.engine import Engine

        self._tmp = tempfile.TemporaryDirectory(prefix="bench-engine-")
        index_dir = Path(self._tmp.name) / "index"
        sources = sorted({f.parent for f in self.corpus.files})
        summary = build_index(sources, index_dir)
        skipped = getattr(summary, "skipped", [])
        if skipped:
            print(f"warning: the engine skipped {len(skipped)} files: {skipped[:3]}", file=sys.stderr)
        self.engine = Engine.open(index_dir, writable=False)

    def search(self, q: str, filters: dict | None, k: int) -> list[tuple[str, str, str | None]]:
        from bench.speed import engine_params

        hits = self.engine.search(engine_params({"q": q, **(filters or {})}, per_page=k)).hits
        return [(h.id, h.text, self.corpus.file_of_doc.get(h.id.split(":")[0])) for h in hits]

    def close(self) -> None:
        self.engine = None
        if self._tmp:
            self._tmp.cleanup()


class PeerSystem:
    def __init__(self, peer, corpus: Corpus) -> None:
        self.peer = peer
        self.name = peer.name
        self.corpus = corpus

    def build(self, paragraphs: list[dict]) -> None:
        self.peer.build(paragraphs)

    def search(self, q: str, filters: dict | None, k: int) -> list[tuple[str, str, str | None]]:
        out = []
        for pid in self.peer.search(q, filters, k):
            p = self.corpus.by_id[pid]
            out.append((pid, p["text"], p["file"]))
        return out

    def close(self) -> None:
        pass


# ---------------------------------------------------------------------------- metrics
def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:K]))


def score_query(query: Query, grades: list[int], idcg: float) -> dict:
    ndcg = min(1.0, dcg(grades) / idcg) if idcg else 1.0
    first = next((i for i, g in enumerate(grades[:K]) if g >= 1), None)
    return {
        "ndcg10": ndcg,
        "mrr": 0.0 if first is None else 1.0 / (first + 1),
        "p5": sum(1 for g in grades[:5] if g >= 1) / 5,
    }


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def evaluate(systems, queries: list[Query], corpus: Corpus, documents: dict, bench: BenchSet = MAIN) -> dict:
    units = ideal_units(corpus, bench)
    results: dict = {s.name: [] for s in systems}
    for query in queries:
        ideal = sorted((grade(query, text, f, documents, bench.judgments) for f, text in units), reverse=True)[:K]
        idcg = dcg(ideal)
        for system in systems:
            started = time.perf_counter()
            hits = system.search(query.q, query.filters, K)
            ms = (time.perf_counter() - started) * 1000
            grades = [grade(query, text, f, documents, bench.judgments) for _, text, f in hits]
            row = {
                "q": query.q,
                "class": query.cls,
                "filters": query.filters,
                "grades": grades,
                "relevant": sum(1 for g in ideal if g),
                "ms": round(ms, 2),
                "hits": [text[:100] for _, text, _ in hits[:3]],
                **score_query(query, grades, idcg),
            }
            results[system.name].append(row)
    return results


def summarise(rows: list[dict]) -> dict:
    out = {}
    for cls in CLASSES + ("overall",):
        sel = [r for r in rows if cls == "overall" or r["class"] == cls]
        if sel:
            out[cls] = {
                "n": len(sel),
                "ndcg10": mean([r["ndcg10"] for r in sel]),
                "mrr": mean([r["mrr"] for r in sel]),
                "p5": mean([r["p5"] for r in sel]),
            }
    return out


# ---------------------------------------------------------------------------- tagger
def evaluate_tagger(corpus: Corpus, labels: dict) -> dict:
    rows, missing = [], []
    for item in labels["paragraphs"]:
        report = corpus.reports.get(item["file"])
        if report is None:
            missing.append(f"{item['file']}: not in the corpus")
            continue
        marker = norm(item["marker"])
        para = next((p for p in report.paragraphs if marker in norm(p.text)), None)
        if para is None:
            missing.append(f"{item['file']}: no paragraph has {item['marker'][:50]!r}")
        rows.append(
            {
                "file": item["file"],
                "marker": item["marker"],
                "district": (item["district_code"], report.district.code if report.district else None),
                "province": (item["province_code"], report.province.code if report.province else None),
                "year": (item["year"], report.year),
                "topics": (sorted(item["topics"]), sorted(para.topics) if para else []),
            }
        )
    n = len(rows)
    acc = {
        facet: sum(1 for r in rows if r[facet][0] == r[facet][1]) / n if n else 0.0
        for facet in ("district", "province", "year")
    }
    wrong = [r for r in rows if r["district"][1] is not None and r["district"][1] != r["district"][0]]
    per_topic = topic_scores([(set(r["topics"][0]), set(r["topics"][1])) for r in rows], TOPICS)
    documents = {}
    for name, truth in labels["documents"].items():
        report = corpus.reports.get(name)
        if report is None:
            continue
        documents[name] = {
            "district": (truth["district_code"], report.district.code if report.district else None),
            "province": (truth["province_code"], report.province.code if report.province else None),
            "year": (truth["year"], report.year),
        }
    document_accuracy = {
        facet: sum(1 for d in documents.values() if d[facet][0] == d[facet][1]) / len(documents) if documents else 0.0
        for facet in ("district", "province", "year")
    }
    return {
        "paragraphs": n,
        "missing": missing,
        "accuracy": acc,
        "document_accuracy": document_accuracy,
        "wrong_district": len(wrong),
        "wrong_district_where_unknown": sum(1 for r in wrong if r["district"][0] is None),
        "wrong_district_files": sorted({r["file"] for r in wrong}),
        "topics": per_topic,
        "documents": documents,
    }


# ---------------------------------------------------------------------------- report
def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def print_report(summary: dict, results: dict, tagger: dict, show: int, timings: dict) -> None:
    names = list(summary)
    print(f"\nRelevance ({len(next(iter(results.values())))} judged queries, k={K}; MRR/P@5 count grade >= 1)\n")
    head = f"{'class':15} {'n':>3} | " + " | ".join(f"{n:^23}" for n in names)
    print(head)
    print(f"{'':15} {'':>3} | " + " | ".join(f"{'nDCG':>7} {'MRR':>7} {'P@5':>7}" for _ in names))
    print("-" * len(head))
    for cls in CLASSES + ("overall",):
        if cls not in summary[names[0]]:
            continue
        if cls == "overall":
            print("-" * len(head))
        n = summary[names[0]][cls]["n"]
        cells = []
        for name in names:
            s = summary[name][cls]
            cells.append(f"{s['ndcg10']:7.3f} {s['mrr']:7.3f} {s['p5']:7.3f}")
        print(f"{cls:15} {n:>3} | " + " | ".join(cells))
    print("\nbuild / search time: " + ", ".join(f"{k} {v}" for k, v in timings.items()))

    if "engine" in results:
        eng = results["engine"]
        behind = []
        for i, row in enumerate(eng):
            best = max((results[n][i]["ndcg10"], n) for n in names if n != "engine") if len(names) > 1 else (0, "")
            if row["ndcg10"] + 1e-9 < best[0]:
                behind.append((row, best))
        print(f"\nQueries where the engine trails a peer on nDCG@10: {len(behind)}")
        for row, (score, peer) in behind:
            print(
                f"  [{row['class']}] {row['q']!r} {row['filters'] or ''}: engine {row['ndcg10']:.3f} < {peer} {score:.3f}"
            )
        if show:
            print(f"\nEngine's {show} worst queries (grades of its first hits):")
            for row in sorted(eng, key=lambda r: r["ndcg10"])[:show]:
                print(
                    f"  {row['ndcg10']:.3f} [{row['class']}] {row['q']!r} {row['filters'] or ''} "
                    f"relevant={row['relevant']} grades={row['grades']}"
                )
                for text in row["hits"]:
                    print(f"        {text}")

    print(f"\nTagger ({tagger['paragraphs']} labelled paragraphs, document-level place and year)")
    for facet in ("district", "province", "year"):
        print(f"  {facet:9} accuracy {tagger['accuracy'][facet]:.3f}")
    print(
        f"  wrong district: {tagger['wrong_district']} paragraphs "
        f"({tagger['wrong_district_where_unknown']} where a person says unknown) "
        f"{tagger['wrong_district_files'] or ''}"
    )
    docs = tagger["documents"]
    bad = [(name, facet, truth, got) for name, d in docs.items() for facet, (truth, got) in d.items() if truth != got]
    print(f"  documents: {len(docs)}, mismatches: {len(bad)}")
    for name, facet, truth, got in bad:
        print(f"    {name} {facet}: label {truth} tagged {got}")
    for line in tagger["missing"]:
        print(f"  warning: {line}")
    print(f"\n  {'topic':24} {'prec':>6} {'recall':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for slug, t in tagger["topics"].items():
        print(f"  {slug:24} {fmt(t['precision']):>6} {fmt(t['recall']):>6} {t['tp']:4} {t['fp']:4} {t['fn']:4}")


def check(summary: dict, tagger: dict) -> list[str]:
    """The quality issue's targets that are missed."""
    failures = []
    eng = summary.get("engine")
    if eng is None:
        return ["the engine did not run"]
    for cls, s in eng.items():
        for peer, ps in summary.items():
            if peer != "engine" and cls in ps and s["ndcg10"] <= ps[cls]["ndcg10"]:
                failures.append(f"{cls}: engine nDCG@10 {s['ndcg10']:.3f} not ahead of {peer} {ps[cls]['ndcg10']:.3f}")
    if eng["overall"]["ndcg10"] < TARGET_NDCG:
        failures.append(f"overall nDCG@10 {eng['overall']['ndcg10']:.3f} < {TARGET_NDCG}")
    for facet in ("district", "year"):
        if tagger["accuracy"][facet] < TARGET_TAG_ACCURACY:
            failures.append(f"{facet} accuracy {tagger['accuracy'][facet]:.3f} < {TARGET_TAG_ACCURACY}")
    if tagger["wrong_district_where_unknown"]:
        failures.append(
            f"{tagger['wrong_district_where_unknown']} paragraphs tagged a district where the label is unknown"
        )
    for slug, t in tagger["topics"].items():
        if t["precision"] is not None and t["precision"] < TARGET_TOPIC_PRECISION:
            failures.append(f"topic {slug} precision {t['precision']:.3f} < {TARGET_TOPIC_PRECISION}")
    return failures


def select(queries: list[Query], fast: bool) -> list[Query]:
    if not fast:
        return queries
    out, seen = [], {}
    for q in queries:
        seen[q.cls] = seen.get(q.cls, 0) + 1
        if seen[q.cls] <= FAST_PER_CLASS:
            out.append(q)
    return out


def run(
    fast: bool = False,
    systems: tuple[str, ...] = ("engine", "sqlite-fts5", "tantivy-default"),
    bench: BenchSet = MAIN,
) -> dict:
    """Build every system on ``bench``'s corpus, score them and the tagger; the figures as a dict
    (for tests and --json).  ``bench=HELDOUT`` scores the held-out set (never tuned on)."""
    started = time.perf_counter()
    queries = select(load_queries(bench.judgments), fast)
    labels = load_labels(bench.labels)
    corpus = load_corpus(corpus_files(bench))
    timings = {"pipeline": f"{corpus.seconds:.1f}s"}
    built = []
    candidates = {
        "engine": lambda: EngineSystem(corpus),
        "sqlite-fts5": lambda: PeerSystem(Fts5Peer(), corpus),
        "tantivy-default": lambda: PeerSystem(TantivyPeer(), corpus),
    }
    for name in systems:
        system = candidates[name]()
        t0 = time.perf_counter()
        system.build(corpus.paragraphs)
        timings[name] = f"{time.perf_counter() - t0:.1f}s"
        built.append(system)
    try:
        results = evaluate(built, queries, corpus, labels["documents"], bench)
    finally:
        for system in built:
            system.close()
    for name, rows in results.items():
        timings[name] += f"/{mean([r['ms'] for r in rows]):.1f}ms"
    summary = {name: summarise(rows) for name, rows in results.items()}
    tagger = evaluate_tagger(corpus, labels)
    return {
        "set": bench.name,
        "fast": fast,
        "queries": len(queries),
        "paragraphs": len(corpus.paragraphs),
        "files": len(corpus.files),
        "summary": summary,
        "per_query": results,
        "tagger": tagger,
        "timings": timings,
        "seconds": round(time.perf_counter() - started, 1),
        "failures": check(summary, tagger),
    }


def print_heldout(out: dict, show: int) -> None:
    """The held-out block: the same figures, on the held-out set, under their own heading."""
    title = "held-out (never tuned on)"
    print(f"\n{'=' * 30} {title} {'=' * 30}")
    print(
        f"bench/heldout: {out['files']} reports, {out['paragraphs']} paragraphs; {out['queries']} queries"
        + (" (--fast)" if out["fast"] else "")
        + ". Written before any tuning: report these figures, never tune on them."
    )
    print_report(out["summary"], out["per_query"], out["tagger"], show, out["timings"])
    doc = out["tagger"]["document_accuracy"]
    print(
        f"\n  per report ({len(out['tagger']['documents'])}): "
        + ", ".join(f"{facet} {doc[facet]:.3f}" for facet in ("district", "province", "year"))
    )
    print(f"\nheld-out targets missed (for information, not a gate): {len(out['failures'])}")
    for line in out["failures"]:
        print(f"  - {line}")
    print(f"held-out total {out['seconds']}s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.relevance", description=__doc__.split("\n\n")[0])
    parser.add_argument("--fast", action="store_true", help=f"the first {FAST_PER_CLASS} queries of each class")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure to OUT")
    parser.add_argument(
        "--show", type=int, default=8, metavar="N", help="print the engine's N worst queries (default 8)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target of the main set is missed")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--heldout", action="store_true", help="only the held-out set (bench/heldout, never tuned on)")
    which.add_argument("--no-heldout", action="store_true", help="only the main set")
    args = parser.parse_args(argv)
    if args.heldout:
        held = run(fast=args.fast, bench=HELDOUT)
        print_heldout(held, args.show)
        if args.json:
            args.json.write_text(json.dumps(held, ensure_ascii=False, indent=1), encoding="utf-8")
        return 0
    out = run(fast=args.fast)
    print(
        f"corpus: {out['files']} reports, {out['paragraphs']} paragraphs; {out['queries']} queries"
        + (" (--fast)" if args.fast else "")
    )
    print_report(out["summary"], out["per_query"], out["tagger"], args.show, out["timings"])
    print(f"\ntargets missed: {len(out['failures'])}")
    for line in out["failures"]:
        print(f"  - {line}")
    print(f"total {out['seconds']}s")
    if not args.no_heldout:
        out["heldout"] = run(fast=args.fast, bench=HELDOUT)
        print_heldout(out["heldout"], args.show)
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if args.check and out["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
