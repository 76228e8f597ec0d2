"""Writing an index: the one path by which reports enter and leave it.

The build (many reports, a commit every few hundred) and the API (one report
per request) both write through ``IndexWriter``, so both keep the same promise:
a report's paragraphs and its kept original are added and removed together,
and a commit first makes the originals durable, so a committed paragraph always
has its original on disk (``--from-originals`` rebuilds from them).

"Is this report indexed" and "how many reports" are asked here too, once,
for the build, the API and ``indexer stats``.
"""

from __future__ import annotations

from types import TracebackType

import tantivy

from . import schema as F
from .documents import Fields, to_tantivy
from .facet_keys import NONE, report_key
from .store import IndexDir, Manifest

#: Tantivy's indexing memory for a build: fewer, larger segments (measured in docs/BENCHMARKS.md).
BULK_HEAP = 128_000_000
#: For one report per request: Tantivy's minimum is 15 MB per thread; a report is far smaller.
SINGLE_HEAP = 32_000_000


def has_document(searcher: tantivy.Searcher, doc_id: str) -> bool:
    """Whether the committed index holds the report ``doc_id``."""
    return F.matches(searcher.search(tantivy.Query.term_query(F.schema(), F.DOC_ID, doc_id), 1)) > 0


def document_count(searcher: tantivy.Searcher) -> int:
    """Reports in the index: each has exactly one paragraph at position 0."""
    return F.matches(searcher.search(tantivy.Query.term_query(F.schema(), F.POSITION, 0), 1))


def next_report_number(searcher: tantivy.Searcher) -> int:
    """The number the next added report takes: one past the highest any paragraph of the index
    carries, so a number names one report of the index (a deleted report's number comes back
    only when it was the highest and no paragraph carries it any more)."""
    if searcher.num_docs == 0:
        return 0
    result = searcher.aggregate(tantivy.Query.all_query(), {"m": {"max": {"field": F.REPORT_NO}}})
    value = result["m"]["value"]  # a float: exact, numbers have at most 20 bits
    return int(value) + 1 if value is not None else 0


def create_empty(store: IndexDir) -> tantivy.Index:
    """An index with no report yet, so that a writable server can start from nothing
    and take POSTs.  Its manifest names the schema, so a later ``indexer build`` into
    the same folder adds to it rather than taking it for an old index to wipe."""
    index = F.open_index(store.tantivy_path, create=True)
    with IndexWriter(store, index, heap=SINGLE_HEAP) as writer:
        writer.commit()  # writes meta.json: the folder is now an index that readers can open
    store.save_manifest(Manifest(schema_version=F.SCHEMA_VERSION))
    return index


class IndexWriter:
    """Adds, replaces and deletes reports (paragraphs + original) and commits.

    Only one may be open on an index at a time (Tantivy's lock); use it as a
    context manager so merges finish and the lock is released."""

    def __init__(self, store: IndexDir, index: tantivy.Index, heap: int = BULK_HEAP) -> None:
        self.store, self.index = store, index
        index.reload()
        self._committed = index.searcher()  # the state before this writer's changes
        self._writer = index.writer(heap, 1)
        # Only one writer at a time (Tantivy's lock): numbers given here are unique in the index.
        self._next_number = next_report_number(self._committed)
        self._unsynced = False
        self._removed: set[str] = set()  # originals to remove once the deletion is committed

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def committed(self, doc_id: str) -> bool:
        """Whether ``doc_id`` was in the index when this writer opened."""
        return has_document(self._committed, doc_id)

    def add(
        self,
        doc_id: str,
        text: str,
        meta: dict,
        paragraphs: list[Fields],
        durable: bool = True,
        source: bytes | None = None,
    ) -> None:
        """A report's paragraphs and its original (text, and ``source``: the file's bytes when the
        text is not the file itself).  ``durable=False`` leaves the original's flush to the next
        ``commit`` (a build writes hundreds between commits)."""
        self.store.save_original(doc_id, text, meta, durable=durable, source=source)
        self._removed.discard(doc_id)  # deleted and added again (analysed anew): keep it
        self._unsynced |= not durable
        number, self._next_number = self._next_number, self._next_number + 1
        for fields in paragraphs:
            key = report_key(number, _one(fields, F.PLACE), _one(fields, F.YEAR_KEY), _one(fields, F.OFFICE))
            fields[F.REPORT_KEY], fields[F.REPORT_NO] = [key], [number]
        for doc in to_tantivy(paragraphs):
            self._writer.add_document(doc)

    def delete(self, doc_id: str) -> None:
        """A report's paragraphs, and its original once that is committed."""
        self._writer.delete_documents_by_term(F.DOC_ID, doc_id)
        self._removed.add(doc_id)

    def delete_all(self) -> None:
        self._writer.delete_all_documents()
        self._next_number = 0  # an index built anew numbers its reports from 0

    def commit(self) -> None:
        """Originals on disk first, then the paragraphs that refer to them; the
        originals of deleted reports go only after their paragraphs have."""
        if self._unsynced:
            self.store.sync()
            self._unsynced = False
        self._writer.commit()
        for doc_id in self._removed:
            self.store.remove_original(doc_id)
        self._removed.clear()

    def close(self) -> None:
        """Wait for segment merges, release Tantivy's lock, let searchers see the commits."""
        writer = self.__dict__.pop("_writer", None)
        if writer is None:
            return
        writer.wait_merging_threads()
        del writer
        self.index.reload()


def _one(fields: Fields, name: str) -> int:
    values = fields.get(name)
    return int(values[0]) if values else NONE
