"""Highlights: Tantivy picks the best window of the paragraph; we mark it.

The snippet generator runs on the stored paragraph with the field's own
folding tokenizer, so ``nong thon moi`` marks "nông thôn mới" in the original
text.  Tantivy gives byte ranges; we escape every character ourselves and wrap
the ranges in ``<mark>``, so text from the index can never become markup.
"""

from __future__ import annotations

import html
import re

import tantivy

from indexer import schema as F
from indexer.normalize import fold_token

WINDOW_CHARS = 320
#: A report's other matching paragraphs, under its best one (``group=report``).
SHORT_WINDOW_CHARS = 160
_SYLLABLE = re.compile(r"[^\W_]+")


def _complete_runs(raw: bytes, ranges: list[tuple[int, int]], sequences: list[list[str]]) -> list[tuple[int, int]]:
    """Keep the ranges that belong to a whole sequence: "đồng" alone is not a
    match for the concept "hội đồng nhân dân"; single-syllable sequences always are."""
    singles = {seq[0] for seq in sequences if len(seq) == 1}
    longer = [seq for seq in sequences if len(seq) > 1]
    words = [fold_token(raw[a:b].decode("utf-8", "replace")).lower() for a, b in ranges]
    keep = [w in singles for w in words]
    for seq in longer:
        n = len(seq)
        for i in range(len(ranges) - n + 1):
            if words[i : i + n] != seq:
                continue
            gaps = [raw[ranges[j][1] : ranges[j + 1][0]].decode("utf-8", "replace") for j in range(i, i + n - 1)]
            if all(not any(c.isalnum() for c in gap) for gap in gaps):
                for j in range(i, i + n):
                    keep[j] = True
    return [r for r, k in zip(ranges, keep, strict=False) if k]


class Highlighter:
    def __init__(
        self, searcher: tantivy.Searcher, schema: tantivy.Schema, sequences: list[list[str]], window: int = WINDOW_CHARS
    ) -> None:
        self._generator = None
        self._window = window
        self._sequences = sequences
        terms = {s for seq in sequences for s in seq}
        self._terms = terms
        if terms:
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.term_query(schema, F.TEXT, t)) for t in sorted(terms)]
            )
            self._generator = tantivy.SnippetGenerator.create(searcher, query, schema, F.TEXT)
            self._generator.set_max_num_chars(window)

    def highlight(self, doc: tantivy.Document, text: str) -> str:
        if self._generator is not None:
            snippet = self._generator.snippet_from_doc(doc)
            fragment = snippet.fragment()
            raw = fragment.encode("utf-8")
            ranges = _complete_runs(raw, sorted((r.start, r.end) for r in snippet.highlighted()), self._sequences)
            if fragment and ranges:
                out, last = [], 0
                for start, end in ranges:
                    if start < last:
                        continue
                    out.append(html.escape(raw[last:start].decode("utf-8", "replace")))
                    out.append("<mark>" + html.escape(raw[start:end].decode("utf-8", "replace")) + "</mark>")
                    last = end
                out.append(html.escape(raw[last:].decode("utf-8", "replace")))
                body = "".join(out)
                prefix = "… " if not text.startswith(fragment[:30]) else ""
                suffix = " …" if not text.rstrip().endswith(fragment.rstrip()[-30:]) else ""
                return prefix + body + suffix
        if self._sequences:
            marked = self._own_window(text)
            if marked:
                return marked
        window = text if len(text) <= self._window else text[: self._window].rsplit(" ", 1)[0] + " …"
        return html.escape(window)

    def title(self, title: str | None) -> str | None:
        """The whole title, HTML-escaped, its matching words in ``<mark>``; None when none
        match (titles are searchable: a hit found by its title shows where)."""
        if not title or not self._sequences:
            return None
        matches = list(_SYLLABLE.finditer(title))
        if not any(fold_token(m.group()).lower() in self._terms for m in matches):
            return None  # most titles: nothing to mark, no byte offsets to compute
        raw = title.encode("utf-8")
        byte_spans, chars, offset = [], 0, 0
        for m in matches:
            offset += len(title[chars : m.start()].encode("utf-8"))
            end = offset + len(m.group().encode("utf-8"))
            byte_spans.append((offset, end))
            offset, chars = end, m.end()
        runs = _complete_runs(raw, byte_spans, self._sequences)
        if not runs:
            return None
        out, last = [], 0
        for a, b in runs:
            out.append(html.escape(raw[last:a].decode("utf-8", "replace")))
            out.append("<mark>" + html.escape(raw[a:b].decode("utf-8", "replace")) + "</mark>")
            last = b
        out.append(html.escape(raw[last:].decode("utf-8", "replace")))
        return "".join(out)

    def _own_window(self, text: str) -> str | None:
        """When Tantivy's window holds only parts of a phrase (a concept matched
        through another of its forms), mark whole runs around the first one."""
        spans = [(m.start(), m.end()) for m in _SYLLABLE.finditer(text)]
        raw = text.encode("utf-8")
        # Work in bytes like Tantivy, so ``_complete_runs`` serves both.
        byte_spans = [(len(text[:a].encode("utf-8")), len(text[:b].encode("utf-8"))) for a, b in spans]
        runs = _complete_runs(raw, byte_spans, self._sequences)
        if not runs:
            return None
        first = runs[0][0]
        start = max(0, first - self._window // 3)
        start = raw.rfind(b" ", 0, start) + 1 if start else 0
        end = min(len(raw), start + self._window)
        end = raw.find(b" ", end) if end < len(raw) and raw.find(b" ", end) != -1 else len(raw)
        out, last = [], start
        for a, b in runs:
            if a < last or b > end:
                continue
            out.append(html.escape(raw[last:a].decode("utf-8", "replace")))
            out.append("<mark>" + html.escape(raw[a:b].decode("utf-8", "replace")) + "</mark>")
            last = b
        out.append(html.escape(raw[last:end].decode("utf-8", "replace")))
        return ("… " if start else "") + "".join(out) + (" …" if end < len(raw) else "")
