"""The two peer systems the relevance benchmark compares our engine with.

Both index the *same* paragraphs as the engine (the pipeline's output) and take
their filter columns from the pipeline's tags, so differences come from text
analysis and ranking only.

* :class:`Fts5Peer` — SQLite FTS5, ``tokenize="unicode61 remove_diacritics 2"``,
  ``bm25()`` ordering, the query as an OR of its terms (each quoted), filters as
  SQL ``WHERE`` clauses on district/province/year columns.  What many would
  reach for first.
* :class:`TantivyPeer` — tantivy-py with the default tokenizer, no Vietnamese
  analysis, the query through ``Index.parse_query`` (lenient, over the text
  field).  The floor.

Paragraph dicts: ``{"id", "text", "district_code", "province_code", "year", "topics"}``.
``search(q, filters, k)`` returns paragraph ids, best first.  ``filters`` uses
the engine's facet names: ``{"district": [...], "province": [...], "year": [...],
"topic": [...]}`` (OR within a facet, AND across facets).
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
import unicodedata

import tantivy

_TERM_RE = re.compile(r"[^\W_]+", re.UNICODE)


def query_terms(q: str) -> list[str]:
    """The words of a query, without its operators (quotes, OR, leading minus)."""
    q = unicodedata.normalize("NFC", q)
    return [t for t in _TERM_RE.findall(q) if t != "OR"]


class Fts5Peer:
    name = "sqlite-fts5"

    def __init__(self) -> None:
        self.db: sqlite3.Connection | None = None

    def build(self, paragraphs: list[dict]) -> None:
        db = sqlite3.connect(":memory:")
        db.execute('CREATE VIRTUAL TABLE p USING fts5(text, pid UNINDEXED, tokenize="unicode61 remove_diacritics 2")')
        db.execute("CREATE TABLE meta (rid INTEGER PRIMARY KEY, pid TEXT, district TEXT, province TEXT, year INTEGER)")
        db.execute("CREATE TABLE topic (rid INTEGER, slug TEXT)")
        for rid, para in enumerate(paragraphs, start=1):
            db.execute(
                "INSERT INTO p (rowid, text, pid) VALUES (?, ?, ?)",
                (rid, unicodedata.normalize("NFC", para["text"]), para["id"]),
            )
            db.execute(
                "INSERT INTO meta VALUES (?, ?, ?, ?, ?)",
                (rid, para["id"], para.get("district_code"), para.get("province_code"), para.get("year")),
            )
            db.executemany("INSERT INTO topic VALUES (?, ?)", [(rid, s) for s in para.get("topics") or []])
        db.commit()
        self.db = db

    def search(self, q: str, filters: dict | None = None, k: int = 10) -> list[str]:
        assert self.db is not None, "build() first"
        terms = query_terms(q)
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        sql = ["SELECT m.pid FROM p JOIN meta m ON m.rid = p.rowid WHERE p MATCH ?"]
        args: list = [match]
        filters = filters or {}
        for facet, column in (("district", "m.district"), ("province", "m.province"), ("year", "m.year")):
            values = filters.get(facet) or []
            if values:
                sql.append(f"AND {column} IN ({','.join('?' * len(values))})")
                args += [int(v) for v in values] if facet == "year" else [str(v) for v in values]
        topics = filters.get("topic") or []
        if topics:
            sql.append(f"AND m.rid IN (SELECT rid FROM topic WHERE slug IN ({','.join('?' * len(topics))}))")
            args += list(topics)
        sql.append("ORDER BY bm25(p) LIMIT ?")
        args.append(k)
        return [row[0] for row in self.db.execute(" ".join(sql), args)]


class TantivyPeer:
    name = "tantivy-default"

    def __init__(self) -> None:
        self.index: tantivy.Index | None = None
        self._tmp: tempfile.TemporaryDirectory | None = None

    def build(self, paragraphs: list[dict]) -> None:
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("text", stored=False)  # tokenizer "default"
        sb.add_text_field("pid", stored=True, tokenizer_name="raw")
        sb.add_text_field("district", stored=False, tokenizer_name="raw")
        sb.add_text_field("province", stored=False, tokenizer_name="raw")
        sb.add_integer_field("year", stored=False, indexed=True)
        sb.add_text_field("topic", stored=False, tokenizer_name="raw")
        schema = sb.build()
        self._tmp = tempfile.TemporaryDirectory(prefix="bench-tantivy-")
        index = tantivy.Index(schema, path=self._tmp.name)
        writer = index.writer(heap_size=50_000_000, num_threads=1)
        for para in paragraphs:
            fields = {
                "text": unicodedata.normalize("NFC", para["text"]),
                "pid": para["id"],
                "topic": list(para.get("topics") or []),
            }
            if para.get("district_code"):
                fields["district"] = para["district_code"]
            if para.get("province_code"):
                fields["province"] = para["province_code"]
            if para.get("year") is not None:
                fields["year"] = int(para["year"])
            writer.add_document(tantivy.Document(**fields))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        self.index = index
        self.schema = schema

    def search(self, q: str, filters: dict | None = None, k: int = 10) -> list[str]:
        assert self.index is not None, "build() first"
        q = unicodedata.normalize("NFC", q).strip()
        if not q:
            return []
        text_query, _errors = self.index.parse_query_lenient(q, ["text"])
        must = [(tantivy.Occur.Must, text_query)]
        for facet in ("district", "province", "topic", "year"):
            values = (filters or {}).get(facet) or []
            if not values:
                continue
            if facet == "year":
                terms = [tantivy.Query.term_query(self.schema, "year", int(v)) for v in values]
            else:
                terms = [tantivy.Query.term_query(self.schema, facet, str(v)) for v in values]
            must.append((tantivy.Occur.Must, tantivy.Query.boolean_query([(tantivy.Occur.Should, t) for t in terms])))
        query = must[0][1] if len(must) == 1 else tantivy.Query.boolean_query(must)
        searcher = self.index.searcher()
        hits = searcher.search(query, k).hits
        return [searcher.doc(address).get_first("pid") for _score, address in hits]


PEERS = (Fts5Peer, TantivyPeer)
