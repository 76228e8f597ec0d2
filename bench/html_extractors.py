"""HTML pages: the indexer's own text extraction against trafilatura and readability-lxml.

    .venv/bin/python -m bench.html_extractors            # the table
    .venv/bin/python -m bench.html_extractors --show     # and, per page, what each path lost or kept wrongly

The pages are the made-up district news pages in ``tests/data/html/`` (provincial newspapers and
district portals, with their menus, breadcrumbs, counters, captions, related links, comments,
sidebars and footers); each ``NAME.labels.json`` says which paragraphs are the article's and which
lines are the site's.  Every path is followed by the same line cleaner (``indexer.cleaning.clean``),
as in the build, so the table measures what reaches the index:

* **lost**: labelled article paragraphs not found whole in the kept paragraphs (text lost);
* **furniture**: labelled furniture lines found in the kept paragraphs;
* **extra**: kept paragraphs that are no article paragraph at all (furniture, labelled or not);
* **title / date / author**: pages where the cleaner found the labelled title, a date line giving the
  labelled publication day (not the "today" of a top bar), and the labelled author.

Each extractor gets the page's title first, as the indexer's own path does with ``<title>``, and
trafilatura its date (from its metadata) as a date line, so only the body is compared.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.cleaning import _DATE_RE, CleanPage, clean
from indexer.reading import html_to_text, page_text

PAGES_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "html"


@dataclass
class Page:
    name: str
    html: str
    title: str
    date: str
    author: str
    paragraphs: list[str]
    furniture: list[str]


def load_pages(folder: Path = PAGES_DIR) -> list[Page]:
    pages = []
    for path in sorted(folder.glob("*.html")):
        labels = json.loads(path.with_name(path.stem + ".labels.json").read_text("utf-8"))
        pages.append(
            Page(
                path.stem,
                path.read_text("utf-8"),
                labels["title"],
                labels["date"],
                labels["author"],
                labels["paragraphs"],
                labels["furniture"],
            )
        )
    return pages


# ----------------------------------------------------------------- the paths compared
def current(html: str) -> str:
    """The indexer's own path before this comparison: the whole page's text (``reading.page_text``)."""
    return page_text(html)


def chosen(html: str) -> str:
    """The indexer's path now (``reading.html_to_text``): readability's article placed in the page's text."""
    return html_to_text(html)


def _trafilatura(html: str, **options) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True, **options)
    if doc is None or not (doc.text or "").strip():
        return ""
    head = [doc.title or ""]
    if doc.date:  # ISO in its metadata; the cleaner knows day/month/year
        year, month, day = doc.date.split("-")[:3]
        head.append(f"{day}/{month}/{year}")
    return "\n".join([*head, doc.text])


def trafilatura_default(html: str) -> str:
    return _trafilatura(html)


def trafilatura_recall(html: str) -> str:
    return _trafilatura(html, favor_recall=True)


def readability(html: str) -> str:
    from readability import Document

    doc = Document(html)
    body = page_text(doc.summary(html_partial=True))
    return f"{doc.short_title()}\n{body}" if body.strip() else ""


PATHS: dict[str, Callable[[str], str]] = {
    "current (reading + cleaning)": current,
    "trafilatura 2.x + cleaning": trafilatura_default,
    "trafilatura favor_recall + cleaning": trafilatura_recall,
    "readability-lxml + cleaning": readability,
    "readability-lxml in the page + cleaning (chosen)": chosen,
}


# ----------------------------------------------------------------- scoring
def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Score:
    lost: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    title_ok: bool = False
    date_ok: bool = False
    author_ok: bool = False


def _day(text: str) -> tuple[int, int, int] | None:
    match = _DATE_RE.search(text)
    return (int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def score(page: Page, cleaned: CleanPage) -> Score:
    kept = [_norm(p) for p in cleaned.paragraphs]
    joined = " ".join(kept)
    truth = [_norm(p) for p in page.paragraphs]
    result = Score()
    result.lost = [p for p in truth if p not in joined]
    result.furniture = [f for f in page.furniture if any(_norm(f) in k for k in kept)]
    result.extra = [k for k in kept if not any(t in k or k in t for t in truth)]
    result.title_ok = _norm(cleaned.title or "") == _norm(page.title)
    result.date_ok = _day(cleaned.date_line or "") == _day(page.date)
    result.author_ok = _norm(cleaned.author or "") == _norm(page.author)
    return result


def run(paths: dict[str, Callable[[str], str]] | None = None) -> dict[str, dict[str, Score]]:
    """{path: {page: score}}."""
    out: dict[str, dict[str, Score]] = {}
    for label, extract in (paths or PATHS).items():
        out[label] = {page.name: score(page, clean(extract(page.html))) for page in load_pages()}
    return out


def table(results: dict[str, dict[str, Score]]) -> str:
    pages = load_pages()
    n_par = sum(len(p.paragraphs) for p in pages)
    n_furn = sum(len(p.furniture) for p in pages)
    lines = [
        f"{len(pages)} pages, {n_par} article paragraphs, {n_furn} labelled furniture lines",
        "",
        "| path | paragraphs lost | labelled furniture kept | extra paragraphs kept | pages with every paragraph "
        "and no furniture | title right | date right | author right |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, scores in results.items():
        s = scores.values()
        perfect = sum(1 for x in s if not x.lost and not x.furniture and not x.extra)
        lines.append(
            f"| {label} | {sum(len(x.lost) for x in s)} / {n_par} | {sum(len(x.furniture) for x in s)} / {n_furn} "
            f"| {sum(len(x.extra) for x in s)} | {perfect} / {len(pages)} | {sum(x.title_ok for x in s)} "
            f"| {sum(x.date_ok for x in s)} | {sum(x.author_ok for x in s)} |"
        )
    return "\n".join(lines)


def details(results: dict[str, dict[str, Score]]) -> str:
    out = []
    for label, scores in results.items():
        out.append(f"\n## {label}")
        for name, s in scores.items():
            problems = [f"  lost: {p[:70]}…" for p in s.lost]
            problems += [f"  extra: {p[:70]}…" for p in s.extra]
            problems += [f"  furniture: {f}" for f in s.furniture if not any(f in e for e in s.extra)]
            flags = "".join(
                f" no-{what}"
                for what, ok in (("title", s.title_ok), ("date", s.date_ok), ("author", s.author_ok))
                if not ok
            )
            if problems or flags:
                out.append(f"{name}{flags}")
                out.extend(problems)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="per page, what each path lost or kept wrongly")
    args = parser.parse_args(argv)
    results = run()
    print(table(results))
    if args.show:
        print(details(results))


if __name__ == "__main__":
    main()
