"""Judged queries and labelled paragraphs: loading, the corpus units, grading.

Grading follows ``../shared/eval/releval.py``: a text's grade for a query is 2
when it contains one of the query's ``g2`` markers, else 1 when it contains a
``g1`` marker, else 0; texts and markers are compared after NFC, lower case,
whitespace collapsing and one tone placement (``uỷ`` → ``ủy``, ``hoà`` → ``hòa``).
Two additions: lines listed under ``not_paragraphs`` in judgments.json (titles,
photo captions, bylines, site furniture that happen to be long) grade 0 and stay
out of the ideal ranking; and a query with ``filters`` grades 0 every paragraph whose report's
*true* district / province / year (``tagging_labels.json`` → ``documents``)
does not satisfy them, so a wrongly tagged report that slips through a filter
counts against the system.

``python -m bench.judging [--heldout] [QUERY-SUBSTRING]`` prints, per judged query, every
corpus paragraph with a non-zero grade (and the ideal DCG@10), to check the
markers against the corpus (it greps the texts; it does not run the engine).

Two sets share this code (:class:`BenchSet`): ``MAIN`` (``seeds/`` + ``bench/reports``,
``judgments.json``, ``tagging_labels.json``), the set the engine is tuned on, and
``HELDOUT`` (``bench/heldout/``), written before any tuning, scored apart, never tuned on.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
SOURCES = [ROOT / "seeds", BENCH / "reports"]
JUDGMENTS = BENCH / "judgments.json"
LABELS = BENCH / "tagging_labels.json"
HELDOUT_DIR = BENCH / "heldout"
CLASSES = (
    "accented",
    "unaccented",
    "abbreviation",
    "tone_variant",
    "phrase",
    "cross_boundary",
    "compound",
    "place_name",
    "filtered",
)


@dataclass(frozen=True)
class BenchSet:
    """A corpus with its judged queries and labels."""

    name: str
    sources: tuple[Path, ...]
    judgments: Path
    labels: Path


MAIN = BenchSet("main", tuple(SOURCES), JUDGMENTS, LABELS)
HELDOUT = BenchSet(
    "held-out",
    (HELDOUT_DIR / "reports",),
    HELDOUT_DIR / "judgments.json",
    HELDOUT_DIR / "tagging_labels.json",
)

#: releval.py's definition of a paragraph: a line of at least this many characters.
MIN_LINE_CHARS = 80

#: releval.py's tone-placement table, copied on purpose: the grader must not use the engine's own
#: normalisation (indexer/normalize.py), or a bug there would grade itself right.
_PAIRS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_OPEN = re.compile("(" + "|".join(_PAIRS) + r")(?!\w)")


def norm(text: str) -> str:
    """releval.py's comparison form: NFC, lower case, one tone placement, single spaces."""
    t = unicodedata.normalize("NFC", text).lower()
    return re.sub(r"\s+", " ", _OPEN.sub(lambda m: _PAIRS[m.group(1)], t))


def load_not_paragraphs(path: Path | None = None) -> set[str]:
    """Lines of the corpus that are not report paragraphs (titles, captions, bylines, site furniture), normalised.
    They are never relevant and are left out of the ideal ranking."""
    spec = json.loads((path or JUDGMENTS).read_text("utf-8"))
    return {norm(item["line"]) for item in spec.get("not_paragraphs", [])}


@dataclass
class Query:
    q: str
    cls: str
    g2: list[str]
    g1: list[str]
    filters: dict
    note: str = ""

    def grade_text(self, text: str) -> int:
        t = norm(text)
        if any(norm(m) in t for m in self.g2):
            return 2
        return 1 if any(norm(m) in t for m in self.g1) else 0


def load_queries(path: Path = JUDGMENTS) -> list[Query]:
    spec = json.loads(path.read_text("utf-8"))
    return [
        Query(q["q"], q["class"], q.get("g2", []), q.get("g1", []), q.get("filters") or {}, q.get("note", ""))
        for q in spec["queries"]
    ]


def topic_scores(pairs: list[tuple[set[str], set[str]]], slugs) -> dict[str, dict]:
    """Per topic: tp, fp, fn, precision and recall over (labelled topics, tagged topics) pairs."""
    out = {}
    for slug in slugs:
        tp = sum(1 for truth, got in pairs if slug in truth and slug in got)
        fp = sum(1 for truth, got in pairs if slug not in truth and slug in got)
        fn = sum(1 for truth, got in pairs if slug in truth and slug not in got)
        out[slug] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
        }
    return out


def load_labels(path: Path = LABELS) -> dict:
    """The labels, with a ``dated_units`` district (merged away before the gazetteer's snapshot,
    labelled by its old GSO code) given the code the indexer's dated gazetteer uses for the same
    unit (``indexer/data/district_history.json``: same name, same province), so both speak of one
    unit under one code.  The person's judgement (which unit) is unchanged."""
    labels = json.loads(path.read_text("utf-8"))
    dated = labels.get("dated_units") or {}
    if dated:
        from indexer.gazetteer import gazetteer

        gaz = gazetteer()
        by_name = {(d.short, d.province_code): code for code, d in gaz.districts.items()}
        codes = {
            old: by_name.get((unit["name"].removeprefix("Huyện ").strip(), unit["province_code"]), old)
            for old, unit in dated.items()
        }
        for item in [*labels.get("documents", {}).values(), *labels.get("paragraphs", [])]:
            if isinstance(item, dict) and item.get("district_code") in codes:
                item["district_code"] = codes[item["district_code"]]
    return labels


def corpus_files(bench: BenchSet = MAIN) -> list[Path]:
    return [f for d in bench.sources for f in sorted(d.glob("*.txt"))]


def raw_units(files: list[Path] | None = None, bench: BenchSet = MAIN) -> list[tuple[str, str]]:
    """(file name, line) for every distinct line of 80+ characters, as releval.py reads the seeds,
    less the lines judged not to be paragraphs (``not_paragraphs`` in judgments.json) and lines
    repeated inside longer ones."""
    out, seen = [], set()
    excluded = load_not_paragraphs(bench.judgments)
    for f in files or corpus_files(bench):
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) >= MIN_LINE_CHARS and line not in seen and norm(line) not in excluded:
                seen.add(line)
                out.append((f.name, line))
    # A line repeated inside a longer one (a lead paragraph repeated as the start of the next) counts once.
    normed = [norm(line) for _, line in out]
    return [u for u, n in zip(out, normed, strict=False) if not any(n != m and n in m for m in normed)]


def satisfies(doc: dict | None, filters: dict) -> bool:
    """Whether a report's true labels satisfy the query's filters (OR within a facet, AND across)."""
    if not filters:
        return True
    if doc is None:
        return False
    checks = {"district": doc.get("district_code"), "province": doc.get("province_code"), "year": doc.get("year")}
    for facet, value in checks.items():
        wanted = filters.get(facet)
        if wanted and (value is None or str(value) not in {str(w) for w in wanted}):
            return False
    if filters.get("topic"):
        raise ValueError("topic filters are not graded: paragraph topics are labelled only for a sample")
    return True


_NOT_PARAGRAPHS: dict[Path, set[str]] = {}


def grade(query: Query, text: str, file: str | None, documents: dict, judgments: Path = JUDGMENTS) -> int:
    if judgments not in _NOT_PARAGRAPHS:
        _NOT_PARAGRAPHS[judgments] = load_not_paragraphs(judgments)
    if norm(text).strip() in _NOT_PARAGRAPHS[judgments]:
        return 0
    if query.filters and not satisfies(documents.get(file) if file else None, query.filters):
        return 0
    return query.grade_text(text)


def main(argv: list[str]) -> int:
    import math

    bench = HELDOUT if "--heldout" in argv else MAIN
    argv = [a for a in argv if a != "--heldout"]
    documents = load_labels(bench.labels)["documents"]
    units = raw_units(bench=bench)
    want = argv[0] if argv else ""
    for query in load_queries(bench.judgments):
        if want and want not in query.q:
            continue
        graded = [(grade(query, text, f, documents, bench.judgments), f, text) for f, text in units]
        graded = [g for g in graded if g[0]]
        ideal = sorted((2**g - 1 for g, _, _ in graded), reverse=True)[:10]
        idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
        print(
            f"== [{query.cls}] {query.q!r} filters={query.filters} relevant={len(graded)} "
            f"(g2={sum(g == 2 for g, _, _ in graded)}) idcg={idcg:.2f}"
        )
        for g, f, text in graded:
            print(f"   {g} {f[:8]:8} {text[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
