"""Counts by district, province, year and topic, straight from the index's fast fields."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import tantivy

from . import facet_keys
from . import schema as F
from .gazetteer import gazetteer
from .store import IndexDir
from .topics import taxonomy
from .writer import document_count


def render_stats(index_dir: Path) -> str:
    store = IndexDir(index_dir)
    index = F.open_index(store.tantivy_path)
    searcher = index.searcher()
    gaz, tax = gazetteer(), taxonomy()
    docs = document_count(searcher)
    counts = facet_keys.count(searcher, index.schema, tantivy.Query.all_query(), facet_keys.FACETS)
    doc_counts = facet_keys.count(
        searcher, index.schema, tantivy.Query.term_query(index.schema, F.POSITION, 0), ("district", "province", "year")
    )
    lines = [f"index: {index_dir}", f"documents: {docs}  paragraphs: {searcher.num_docs}", ""]
    labels: dict[str, Callable[[Any], str]] = {
        "district": lambda v: gaz.district_label(v) if v in gaz.districts else v,
        "province": lambda v: gaz.province_label(v) if v in gaz.provinces else v,
        "year": str,
        "topic": tax.label,
    }
    for field in facet_keys.FACETS:
        lines.append(f"by {field}:" + ("  (documents / paragraphs)" if field != "topic" else "  (paragraphs)"))
        per_doc = doc_counts.get(field, {})
        for value, count in sorted(counts[field].items(), key=lambda kv: (-kv[1], str(kv[0]))):
            shown = f"{per_doc.get(value, 0):>5} / {count:<6}" if field != "topic" else f"{count:>6}"
            lines.append(f"  {shown} {labels[field](value)}")
        lines.append("")
    return "\n".join(lines)
