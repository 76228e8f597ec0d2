"""Words as words: the engine's totals against an independent count (issue #14).

``python -m bench.words [--reports 300] [--index DIR]``

For each compound query (accented, and the same query without marks), the
engine's total is set against a count made here, with none of the engine's
code: every paragraph's stored text (and, on a report's first paragraph, its
title, which is searchable text too) is folded by this module's own rule and
scanned for each word of the query with its syllables side by side (separated
by spaces only); a one-syllable word may be anywhere.  The words of each query
are written by hand below, as a person reads them.  A ratio near 1 says the
engine counts words, not syllables scattered over the paragraph (before #14 it
counted up to 2.5 times as many).
"""

from __future__ import annotations

import argparse
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: Queries as a person reads them: words separated by "/".
QUERIES = (
    "công tác/dân vận",
    "tăng cường/công tác/dân vận",
    "vận động/quần chúng",
    "tuyên truyền/vận động",
    "phát triển/kinh tế",
    "xây dựng/chính quyền",
    "hệ thống/chính trị",
    "lãnh đạo/chỉ đạo",
    "tổ chức/thực hiện",
    "triển khai/kế hoạch",
    "đoàn kết/thống nhất",
    "bí thư/huyện ủy",
    "nhiệm vụ/trọng tâm",
    "kiểm tra/giám sát",
    "đời sống/nhân dân",
    "tiếp tục/đổi mới",
    "ban hành/nghị quyết",
    "chính trị/tư tưởng",
    "đảng viên/mới",
    "công tác/cán bộ",
)

_SYLLABLE = re.compile(r"[^\W_]+")
_GAP = re.compile(r"^\s+$")


def fold(text: str) -> str:
    """This benchmark's own folding: no marks, đ → d, lower case."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _has_word(text: str, word: list[str]) -> bool:
    """The word's syllables one after another with only spaces between them."""
    spans = [(m.group(), m.start(), m.end()) for m in _SYLLABLE.finditer(text)]
    n = len(word)
    for i in range(len(spans) - n + 1):
        if [s for s, _, _ in spans[i : i + n]] == word and all(
            _GAP.match(text[spans[j][2] : spans[j + 1][1]]) for j in range(i, i + n - 1)
        ):
            return True
    return False


def independent_count(texts: list[str], words: list[str]) -> int:
    wanted = [fold(w).split() for w in words]
    return sum(all(_has_word(t, w) for w in wanted) for t in texts)


def stored_texts(index_dir: Path) -> list[str]:
    """Every paragraph's text as stored, its report's title in front on the first paragraph."""
    import tantivy

    from indexer import schema as F

    index = F.open_index(index_dir / "tantivy")
    searcher = index.searcher()
    out = []
    for _, address in searcher.search(tantivy.Query.all_query(), searcher.num_docs or 1).hits:
        doc = searcher.doc(address)
        text = fold(" ".join(doc.get_all(F.TEXT)))
        if doc.get_all(F.POSITION) == [0] and doc.get_all(F.TITLE):
            text = fold(doc.get_all(F.TITLE)[0]) + " . " + text
        out.append(text)
    return out


@dataclass
class Row:
    query: str
    words: str
    engine: int
    independent: int

    @property
    def ratio(self) -> float:
        return self.engine / self.independent if self.independent else float("inf") if self.engine else 1.0


def run(index_dir: Path) -> list[Row]:
    from search_api.engine import Engine, SearchParams

    texts = stored_texts(index_dir)
    engine = Engine.open(index_dir, writable=False)
    rows = []
    for spec in QUERIES:
        words = spec.split("/")
        accented = " ".join(words)
        expected = independent_count(texts, words)
        for q in (accented, fold(accented)):
            total = engine.search(SearchParams(q=q, per_page=1, facets=False)).total
            rows.append(Row(q, " + ".join(words), total, expected))
    return rows


def table(rows: list[Row]) -> str:
    lines = ["| query | words | engine | independent | ratio |", "|---|---|---|---|---|"]
    lines += [f"| `{r.query}` | {r.words} | {r.engine} | {r.independent} | {r.ratio:.3f} |" for r in rows]
    ratios = [r.ratio for r in rows]
    lines.append(f"\n{len(rows)} queries; ratios from {min(ratios):.3f} to {max(ratios):.3f}.")
    return "\n".join(lines)


def build(reports: int, out: Path) -> Path:
    from bench.corpus import generate
    from indexer.build import build_index

    generate(reports, out / "corpus")
    build_index([out / "corpus"], out / "index", jobs=1)
    return out / "index"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--index", type=Path, help="an index built from bench.corpus (default: build one)")
    args = parser.parse_args()
    if args.index:
        print(table(run(args.index)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        print(table(run(build(args.reports, Path(tmp)))))


if __name__ == "__main__":
    main()
