"""Topic precision and recall on the tuning data only, fast (no index is built).

::

    python -m bench.topics_tuning [--lexicon PATH] [--show fn:SLUG|fp:SLUG ...]

Scores the topic lexicon (``indexer/data/topics.json``, or ``--lexicon``) on the paragraphs it is
tuned on: the labelled paragraphs of the main set (``bench/tagging_labels.json``, found in the main
corpus as ``python -m bench.relevance`` finds them) and the made-up paragraphs of
``bench/topics_tuning.json``.  Prints per-topic precision / recall for each and for both together;
``--show fn:chinh-quyen`` lists the paragraphs a topic misses (``fp:`` those it wrongly gets) with
the terms that fired.  The held-out sets are never read here: ``bench/heldout/`` is scored by
``python -m bench.relevance --heldout``, ``bench/topics_heldout.json`` by ``python -m bench.topics_heldout``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from indexer.analysis import analyse
from indexer.topics import Taxonomy, classify, taxonomy, taxonomy_from

from .judging import MAIN, corpus_files, load_labels, norm, topic_scores
from .relevance import TOPICS

TUNING = Path(__file__).parent / "topics_tuning.json"
TARGET_PRECISION = 0.85
TARGET_RECALL = 0.7


def load_taxonomy(path: Path | None) -> Taxonomy:
    if path is None:
        return taxonomy()
    return taxonomy_from(json.loads(path.read_text("utf-8")))


def rows(segmenter) -> list[tuple[str, str, str, object, set[str]]]:
    """(set, name, text, analysis, labelled topics) for every tuning paragraph."""
    from indexer.pipeline import process_file

    files = {f.name: f for f in corpus_files(MAIN)}
    reports: dict = {}
    out = []
    for item in load_labels(MAIN.labels)["paragraphs"]:
        if item["file"] not in reports:
            reports[item["file"]] = process_file(files[item["file"]], segmenter=segmenter)
        marker = norm(item["marker"])
        para = next((p for p in reports[item["file"]].paragraphs if marker in norm(p.text)), None)
        name = f"{item['file']}: {item['marker'][:40]}"
        out.append(("main", name, para.text if para else "", para.analysis if para else None, set(item["topics"])))
    for i, item in enumerate(json.loads(TUNING.read_text("utf-8"))["paragraphs"]):
        out.append(("tuning", f"#{i}", item["text"], analyse(item["text"], segmenter), set(item["topics"])))
    return out


def score(data: list, tax: Taxonomy, sets: tuple[str, ...]) -> tuple[dict, list]:
    scored = []
    for row in data:
        if row[0] in sets:
            result = classify(row[3], tax) if row[3] is not None else None
            scored.append((row, set(result.topics) if result else set(), result))
    per_topic = topic_scores([(set(r[4]), p) for r, p, _ in scored], TOPICS)
    return per_topic, scored


def print_block(title: str, per_topic: dict, n: int) -> None:
    print(f"\n{title} ({n} paragraphs)\n  {'topic':24} {'prec':>6} {'recall':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for slug, t in per_topic.items():
        p, r = t["precision"], t["recall"]
        miss = (p is not None and p < TARGET_PRECISION) or (r is not None and r < TARGET_RECALL)
        cells = " ".join("   -  " if x is None else f"{x:6.3f}" for x in (p, r))
        print(f"  {slug:24} {cells} {t['tp']:4} {t['fp']:4} {t['fn']:4}{'  <' if miss else ''}")


def main(argv: list[str] | None = None) -> None:
    from indexer.segmentation import Segmenter

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lexicon", type=Path, help="a topics.json to score instead of the package's")
    ap.add_argument("--show", nargs="*", default=[], help="fn:SLUG or fp:SLUG")
    args = ap.parse_args(argv)
    tax = load_taxonomy(args.lexicon)
    data = rows(Segmenter())
    print(
        f"threshold {tax.threshold}, relative {tax.relative}, sure {tax.sure}; '<' marks precision < {TARGET_PRECISION} or recall < {TARGET_RECALL}"
    )
    for title, sets in (("main", ("main",)), ("tuning", ("tuning",)), ("main + tuning", ("main", "tuning"))):
        per_topic, scored = score(data, tax, sets)
        print_block(title, per_topic, len(scored))
    _, scored = score(data, tax, ("main", "tuning"))
    for spec in args.show:
        kind, slug = spec.split(":", 1)
        for row, predicted, result in scored:
            if (kind == "fn" and slug in row[4] and slug not in predicted) or (
                kind == "fp" and slug not in row[4] and slug in predicted
            ):
                scores = (
                    {k: round(v, 1) for k, v in sorted(result.scores.items(), key=lambda kv: -kv[1])} if result else {}
                )
                print(f"\n[{kind} {slug}] {row[0]} {row[1]} labelled={sorted(row[4])} got={sorted(predicted)}")
                print(f"  scores={scores}\n  fired={result.fired.get(slug) if result else None}\n  {row[2][:500]}")


if __name__ == "__main__":
    main()
