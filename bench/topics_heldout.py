"""Topic precision and recall on the second held-out set, ``bench/topics_heldout.json``.

::

    python -m bench.topics_heldout [--lexicon PATH] [--json OUT]

136 made-up paragraphs labelled with every topic a person would give them, written and committed
before the tagger was run on them.  Never tune on this set: run it once per lexicon version and
report the figures apart from the tuning ones (``python -m bench.topics_tuning``).  Its misses are
not listed here on purpose.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from indexer.analysis import analyse
from indexer.topics import classify

from .judging import topic_scores
from .relevance import TOPICS
from .topics_tuning import TARGET_PRECISION, TARGET_RECALL, load_taxonomy, print_block

HELDOUT2 = Path(__file__).parent / "topics_heldout.json"


def run(lexicon: Path | None = None, segmenter=None, summaries: bool = True) -> dict:
    """Per-topic precision / recall (``bench.judging.topic_scores``) and which topics meet the target.
    ``summaries=False`` leaves out the sweeping summaries (paragraphs labelled with no topic), as the
    main set's sample does (``bench/tagging_labels.json``)."""
    from indexer.segmentation import Segmenter

    tax = load_taxonomy(lexicon)
    seg = segmenter or Segmenter()
    pairs = []
    for item in json.loads(HELDOUT2.read_text("utf-8"))["paragraphs"]:
        if not summaries and not item["topics"]:
            continue
        pairs.append((set(item["topics"]), set(classify(analyse(item["text"], seg), tax).topics)))
    per_topic = topic_scores(pairs, TOPICS)
    meets = {
        slug: t["precision"] is not None
        and t["recall"] is not None
        and t["precision"] >= TARGET_PRECISION
        and t["recall"] >= TARGET_RECALL
        for slug, t in per_topic.items()
    }
    return {"paragraphs": len(pairs), "per_topic": per_topic, "meets": meets}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lexicon", type=Path, help="a topics.json to score instead of the package's")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--no-summaries", action="store_true", help="leave out the paragraphs labelled with no topic")
    args = ap.parse_args(argv)
    out = run(args.lexicon, summaries=not args.no_summaries)
    title = "held-out 2 (never tuned on)" + (", without the sweeping summaries" if args.no_summaries else "")
    print_block(title, out["per_topic"], out["paragraphs"])
    met = [s for s, ok in out["meets"].items() if ok]
    print(
        f"\n{len(met)} of {len(out['meets'])} topics meet precision >= {TARGET_PRECISION} and recall >= {TARGET_RECALL}"
    )
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
