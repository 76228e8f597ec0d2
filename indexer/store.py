"""The index folder: Tantivy index, original texts, build manifest, caches.

::

    data/index/
      tantivy/            the Tantivy index (schema in ``schema.py``)
      originals/<id>.txt  the text of every indexed report, as read
      originals/<id>.source  the file it was read from, when that is not plain text (PDF, Word,
                          scan, HTML): served by GET /api/v1/documents/{id}/original
      manifest.json       source file → content hash and document id (the build's bookkeeping)
      abbreviations.json  abbreviation pairs the reports define themselves
      segments.sqlite     pyvi output per sentence (a cache; safe to delete)

The originals make the index rebuildable with better analysis without the
source folder (``python -m indexer build --index DIR --from-originals``).
Files are replaced atomically (write, fsync, rename) so a crash never leaves a
half-written manifest.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .schema import SCHEMA_VERSION

_ID_RE = re.compile(r"^[0-9a-f]{16}\Z")  # \Z: "$" would accept a trailing newline


def is_document_id(value: str) -> bool:
    """A report id as the indexer makes them: 16 lower-case hex digits, nothing else."""
    return _ID_RE.match(value) is not None


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write via a temporary file and a rename: readers see the old or the new file.

    ``durable`` also waits for the disk (file and folder); the build writes
    thousands of originals and instead syncs once before each commit (``sync``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if not durable:
        return
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


@dataclass
class FileEntry:
    sha256: str
    doc_id: str | None  # None when the file was skipped
    size: int
    mtime: float
    error: str | None = None


@dataclass
class Manifest:
    schema_version: int = SCHEMA_VERSION
    files: dict[str, FileEntry] = field(default_factory=dict)
    #: Fingerprint of the analysis data (lexicons, tables) the index was built with.
    analysis: str = ""

    def doc_ids(self) -> set[str]:
        return {e.doc_id for e in self.files.values() if e.doc_id}


class IndexDir:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def tantivy_path(self) -> Path:
        return self.root / "tantivy"

    @property
    def originals(self) -> Path:
        return self.root / "originals"

    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.json"

    @property
    def abbreviations_path(self) -> Path:
        return self.root / "abbreviations.json"

    @property
    def segment_cache(self) -> Path:
        return self.root / "segments.sqlite"

    def exists(self) -> bool:
        return (self.tantivy_path / "meta.json").exists()

    # -- manifest
    def load_manifest(self) -> Manifest:
        if not self.manifest_path.exists():
            return Manifest()
        raw = json.loads(self.manifest_path.read_text("utf-8"))
        files = {k: FileEntry(**v) for k, v in raw.get("files", {}).items()}
        return Manifest(raw.get("schema_version", 0), files, raw.get("analysis", ""))

    def save_manifest(self, manifest: Manifest) -> None:
        data = {
            "schema_version": manifest.schema_version,
            "analysis": manifest.analysis,
            "files": {k: vars(v) for k, v in sorted(manifest.files.items())},
        }
        atomic_write(self.manifest_path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    # -- originals
    def original_path(self, doc_id: str) -> Path:
        if not is_document_id(doc_id):
            raise ValueError(f"not a document id: {doc_id!r}")
        return self.originals / f"{doc_id}.txt"

    def source_path(self, doc_id: str) -> Path:
        """The file a report was read from (kept when it is not the text itself)."""
        return self.original_path(doc_id).with_suffix(".source")

    def save_original(
        self, doc_id: str, text: str, meta: dict | None = None, durable: bool = True, source: bytes | None = None
    ) -> None:
        atomic_write(self.original_path(doc_id), text.encode("utf-8"), durable)
        if source is not None:
            atomic_write(self.source_path(doc_id), source, durable)
        if meta:
            atomic_write(
                self.original_path(doc_id).with_suffix(".json"),
                json.dumps(meta, ensure_ascii=False, default=str).encode("utf-8"),
                durable,
            )

    @staticmethod
    def sync() -> None:
        """Everything written so far is on disk (after ``durable=False`` writes)."""
        os.sync()

    def remove_original(self, doc_id: str) -> None:
        self.original_path(doc_id).unlink(missing_ok=True)
        self.original_path(doc_id).with_suffix(".json").unlink(missing_ok=True)
        self.source_path(doc_id).unlink(missing_ok=True)

    # -- abbreviations learnt from the corpus
    def load_abbreviations(self) -> dict[str, list[str]]:
        if not self.abbreviations_path.exists():
            return {}
        return json.loads(self.abbreviations_path.read_text("utf-8"))

    def save_abbreviations(self, pairs: dict[str, list[str]]) -> None:
        atomic_write(
            self.abbreviations_path, json.dumps(pairs, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        )
