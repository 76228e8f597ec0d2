"""Counts by district, province, year and topic, straight from the index's fast fields;
and every source file of the last build: indexed, or skipped with its reason (from the manifest)."""

from __future__ import annotations

from pathlib import Path

import tantivy

from . import facet_keys
from . import schema as F
from .facets import FACETS, NAMES
from .store import IndexDir
from .writer import document_count


def render_stats(index_dir: Path) -> str:
    store = IndexDir(index_dir)
    index = F.open_index(store.tantivy_path)
    searcher = index.searcher()
    docs = document_count(searcher)
    counts = facet_keys.count(searcher, index.schema, tantivy.Query.all_query(), NAMES)
    first_paragraphs = tantivy.Query.term_query(index.schema, F.POSITION, 0)
    doc_counts = facet_keys.count(searcher, index.schema, first_paragraphs, [f.name for f in FACETS if f.per_report])
    lines = [f"index: {index_dir}", f"documents: {docs}  paragraphs: {searcher.num_docs}", ""]
    for facet in FACETS:
        lines.append(f"by {facet.name}:" + ("  (documents / paragraphs)" if facet.per_report else "  (paragraphs)"))
        per_doc = doc_counts.get(facet.name, {})
        for value, count in sorted(counts[facet.name].items(), key=lambda kv: (-kv[1], str(kv[0]))):
            shown = f"{per_doc.get(value, 0):>5} / {count:<6}" if facet.per_report else f"{count:>6}"
            lines.append(f"  {shown} {facet.label(value)}")
        lines.append("")
    return "\n".join(lines + files_section(store))


def files_section(store: IndexDir) -> list[str]:
    """The source files the builds saw: how many are indexed, and each skipped one with its reason."""
    files = store.load_manifest().files
    skipped = sorted((name, entry.error) for name, entry in files.items() if entry.error)
    out = [f"files: {len(files)}  indexed: {len(files) - len(skipped)}  skipped: {len(skipped)}"]
    out += [f"  {name}: {reason}" for name, reason in skipped]
    return out
