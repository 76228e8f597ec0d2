"""Counts by district, province, year and topic, straight from the index's fast fields."""
from __future__ import annotations

from pathlib import Path

import tantivy

from . import schema as F
from .gazetteer import gazetteer
from .store import IndexDir
from .topics import taxonomy


def facet_counts(searcher: tantivy.Searcher, query: tantivy.Query, fields: list[str], size: int = 1000) -> dict[str, list[tuple[object, int]]]:
    """One aggregation pass: {field: [(value, paragraph count), ...]}."""
    aggs = {f: {"terms": {"field": f, "size": size}} for f in fields}
    result = searcher.aggregate(query, aggs)
    return {f: [(b["key"], b["doc_count"]) for b in result[f]["buckets"]] for f in fields}


def render_stats(index_dir: Path) -> str:
    store = IndexDir(index_dir)
    index = F.open_index(store.tantivy_path)
    searcher = index.searcher()
    gaz, tax = gazetteer(), taxonomy()
    docs = searcher.search(tantivy.Query.term_query(index.schema, F.POSITION, 0), 1).count
    counts = facet_counts(searcher, tantivy.Query.all_query(), [F.DISTRICT, F.PROVINCE, F.YEAR, F.TOPIC])
    doc_counts = facet_counts(searcher, tantivy.Query.term_query(index.schema, F.POSITION, 0), [F.DISTRICT, F.PROVINCE, F.YEAR])
    lines = [f"index: {index_dir}", f"documents: {docs}  paragraphs: {searcher.num_docs}", ""]
    labels = {
        F.DISTRICT: lambda v: gaz.district_label(v) if v in gaz.districts else v,
        F.PROVINCE: lambda v: gaz.province_label(v) if v in gaz.provinces else v,
        F.YEAR: lambda v: str(int(v)),
        F.TOPIC: tax.label,
    }
    for field in (F.DISTRICT, F.PROVINCE, F.YEAR, F.TOPIC):
        lines.append(f"by {field}:" + ("  (documents / paragraphs)" if field != F.TOPIC else "  (paragraphs)"))
        per_doc = dict(doc_counts.get(field, []))
        for value, count in sorted(counts[field], key=lambda kv: (-kv[1], str(kv[0]))):
            shown = f"{per_doc.get(value, 0):>5} / {count:<6}" if field != F.TOPIC else f"{count:>6}"
            lines.append(f"  {shown} {labels[field](value)}")
        lines.append("")
    return "\n".join(lines)
