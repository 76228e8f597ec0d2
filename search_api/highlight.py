"""Highlights: Tantivy picks the best window of the paragraph; we mark it.

The snippet generator runs on the stored paragraph with the field's own
folding tokenizer, so ``nong thon moi`` marks "nông thôn mới" in the original
text.  Tantivy gives byte ranges; we escape every character ourselves and wrap
the ranges in ``<mark>``, so text from the index can never become markup.
"""
from __future__ import annotations

import html

import tantivy

from indexer import schema as F

WINDOW_CHARS = 320


class Highlighter:
    def __init__(self, searcher: tantivy.Searcher, schema: tantivy.Schema, sequences: list[list[str]]) -> None:
        self._generator = None
        terms = {s for seq in sequences for s in seq}
        if terms:
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.term_query(schema, F.TEXT, t)) for t in sorted(terms)])
            self._generator = tantivy.SnippetGenerator.create(searcher, query, schema, F.TEXT)
            self._generator.set_max_num_chars(WINDOW_CHARS)

    def highlight(self, doc: tantivy.Document, text: str) -> str:
        if self._generator is not None:
            snippet = self._generator.snippet_from_doc(doc)
            fragment = snippet.fragment()
            ranges = sorted((r.start, r.end) for r in snippet.highlighted())
            if fragment and ranges:
                raw = fragment.encode("utf-8")
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
        window = text if len(text) <= WINDOW_CHARS else text[:WINDOW_CHARS].rsplit(" ", 1)[0] + " …"
        return html.escape(window)
