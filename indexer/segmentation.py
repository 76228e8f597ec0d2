"""pyvi word segmentation, once per distinct sentence (clause).

Reports repeat whole sentences year after year and across districts, and pyvi
is the slowest step of indexing (~100k syllables/s), so each sentence is
segmented once per process and, when a cache file is given, once ever: the
cache lives beside the index and makes a rebuild with new analysis cheap.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;…,:])\s+")


@lru_cache(maxsize=1)
def _pyvi():
    """pyvi's tokenizer, loaded once per process (~1 s).

    pyvi unpickles its CRF model into a temporary file and never removes it:
    every process that loads it would leave 600 kB in /tmp.  Once the tagger
    has opened the file (first call), the name is unlinked; the open file stays
    readable until the process ends.
    """
    from pyvi import ViTokenizer

    ViTokenizer.tokenize("khởi động")
    resource = getattr(getattr(ViTokenizer.ViTokenizer, "model", None), "modelfile", None)
    name = getattr(resource, "name", None)
    if name and os.path.exists(name):
        try:
            os.unlink(name)
        except OSError:
            pass
    return ViTokenizer


def _pyvi_tokenize(text: str) -> str:
    return _pyvi().tokenize(text)


def sentences(text: str) -> list[str]:
    """Clauses, really: no Vietnamese word spans a comma, colon or sentence end, so
    cutting there changes no segmentation and lets formulaic clauses ("phát triển
    kinh tế - xã hội", "giữ vững an ninh chính trị") be segmented once for the
    whole archive even when the sentences around them differ."""
    return [s for s in _SENTENCE_SPLIT.split(text) if s]


class Segmenter:
    """Segments text into pyvi words ("nông_thôn mới"), caching by sentence."""

    def __init__(self, cache_path: Path | None = None, read_only: bool = False) -> None:
        self._memory: dict[str, str] = {}
        #: Sentences segmented by this instance and not yet in the cache file;
        #: worker processes hand them to the parent, which alone writes.
        self.fresh: dict[str, str] = {}
        self._read_only = read_only
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        if cache_path is not None:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            if read_only:
                if cache_path.exists():
                    self._db = sqlite3.connect(f"file:{cache_path}?mode=ro", uri=True, check_same_thread=False)
            else:
                self._db = sqlite3.connect(str(cache_path), check_same_thread=False)
                self._db.execute("CREATE TABLE IF NOT EXISTS seg (h TEXT PRIMARY KEY, out TEXT NOT NULL)")
        self._pending: list[tuple[str, str]] = []

    @staticmethod
    def _hash(sentence: str) -> str:
        return hashlib.blake2b(sentence.encode("utf-8"), digest_size=12).hexdigest()

    def lookup(self, sentence: str) -> str | None:
        cached = self._memory.get(sentence)
        if cached is None and self._db is not None:
            try:
                row = self._db.execute("SELECT out FROM seg WHERE h = ?", (self._hash(sentence),)).fetchone()
            except sqlite3.OperationalError:  # a read-only cache that has no table yet
                row = None
            if row:
                cached = row[0]
                self._memory[sentence] = cached
        return cached

    def store(self, sentence: str, segmented: str) -> None:
        self._memory[sentence] = segmented
        if self._read_only:
            self.fresh[sentence] = segmented
        elif self._db is not None:
            self._pending.append((self._hash(sentence), segmented))
            if len(self._pending) >= 2000:
                self.flush()

    def take_fresh(self) -> dict[str, str]:
        fresh, self.fresh = self.fresh, {}
        return fresh

    def store_many(self, pairs: dict[str, str]) -> None:
        for sentence, segmented in pairs.items():
            self.store(sentence, segmented)

    def flush(self) -> None:
        if self._db is not None and not self._read_only and self._pending:
            with self._lock:
                self._db.executemany("INSERT OR REPLACE INTO seg (h, out) VALUES (?, ?)", self._pending)
                self._db.commit()
                self._pending = []

    def segment(self, text: str) -> str:
        out = []
        for sentence in sentences(text):
            cached = self.lookup(sentence)
            if cached is None:
                self.misses += 1
                cached = _pyvi_tokenize(sentence)
                self.store(sentence, cached)
            else:
                self.hits += 1
            out.append(cached)
        return " ".join(out)

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None
