"""Incremental, parallel build of the index from folders of reports.

* A file whose size, modification time and content hash are unchanged since the
  last build costs a ``stat`` (and a hash when the time changed): nothing is
  read, cleaned or segmented again.
* A changed file replaces its document; ``prune`` removes documents whose file
  is gone.  The same text in two files is one document.
* Files are processed in worker processes (segmentation dominates); the
  parent alone writes Tantivy, the manifest and the segmentation cache.
* Commits happen every few hundred reports and the manifest is saved after
  each commit, so a killed build leaves an index that opens with everything
  committed, and the next run picks up the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import tantivy

from .analysis import Abbreviations
from .documents import to_fields
from .pipeline import process_given
from .reading import DEFAULT_MAX_BYTES, SUFFIXES, ReadError, ReportMeta, read_report, sidecar_path, unknown_type
from .schema import SCHEMA_VERSION, open_index
from .segmentation import Segmenter
from .store import FileEntry, IndexDir, Manifest
from .writer import BULK_HEAP, IndexWriter, document_count

COMMIT_EVERY = 500
#: Reports handed to the workers ahead of the one the parent is writing, per worker.
AHEAD_PER_WORKER = 64


@dataclass
class BuildSummary:
    documents: int = 0  # reports in the index after the build
    paragraphs: int = 0  # paragraphs in the index after the build
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    seconds: float = 0.0
    segmented_sentences: int = 0
    cached_sentences: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every file was indexed, 3 when some were skipped."""
        return 3 if self.skipped else 0

    def render(self) -> str:
        lines = [
            f"documents: {self.documents}  paragraphs: {self.paragraphs}",
            f"added: {self.added}  replaced: {self.replaced}  unchanged: {self.unchanged}  removed: {self.removed}"
            f"  duplicates: {self.duplicates}",
            f"sentences segmented: {self.segmented_sentences}  from cache: {self.cached_sentences}",
            f"time: {self.seconds:.2f} s",
        ]
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} file(s):")
            lines += [f"  {name}: {reason}" for name, reason in self.skipped]
        return "\n".join(lines)


def collect_files(sources: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every file of the sources but hidden ones (``.git``, ``.DS_Store``): those of a type the
    indexer does not read are listed too, so that each is reported as skipped ("unknown type")."""
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for source in sources:
        if source.is_dir():
            files += sorted(
                p
                for p in source.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source).parts)
            )
        elif source.is_file():
            files.append(source)
        else:
            problems.append((str(source), "no such file or folder"))
    return files, problems


def _is_metadata_of_a_report(path: Path) -> bool:
    """``NAME.json`` beside a report ``NAME.txt``/``.pdf``/…: the report's metadata (a sidecar), part of
    that report rather than a file of unknown type."""
    return path.suffix.lower() == ".json" and any(path.with_suffix(s).is_file() for s in SUFFIXES)


def _sha256(path: Path) -> str:
    """Of the file and its sidecar ``NAME.json``: a changed sidecar re-tags an unchanged report."""
    h = hashlib.sha256()
    for part in (path, sidecar_path(path)):
        if part != path and not part.is_file():
            continue
        with part.open("rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def _stat(path: Path) -> tuple[int, float]:
    """(size, modification time) of the file and its sidecar together: the cheap test for a change."""
    stat = path.stat()
    size, mtime = stat.st_size, stat.st_mtime
    side = sidecar_path(path)
    if side != path and side.is_file():
        side_stat = side.stat()
        size, mtime = size + side_stat.st_size, max(mtime, side_stat.st_mtime)
    return size, mtime


# ----------------------------------------------------------------- worker processes
_worker_segmenter: Segmenter | None = None
_worker_abbreviations: Abbreviations | None = None


def _die_with_parent() -> None:
    """A worker must not outlive a build killed with SIGKILL (it would idle forever).

    On Linux the kernel delivers SIGKILL when the parent dies; elsewhere a thread
    watches the parent's pid.
    """
    parent = os.getppid()
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
            if os.getppid() != parent:  # the parent died before prctl
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _init_worker(cache_path: str | None, learnt: dict[str, list[str]], in_process: bool = False) -> None:
    global _worker_segmenter, _worker_abbreviations
    if not in_process:
        _die_with_parent()
    _worker_segmenter = Segmenter(Path(cache_path) if cache_path else None, read_only=True)
    _worker_abbreviations = Abbreviations.default().merged(learnt)


def _process(path: str, max_bytes: int, text: str | None = None, meta: dict | None = None):
    """Runs in a worker: returns (path, report or error, fresh segmentations, hits, misses)."""
    assert _worker_segmenter is not None
    seg = _worker_segmenter
    hits, misses = seg.hits, seg.misses
    try:
        meta = dict(meta or {})
        if text is None:  # a source file: its sidecar and its page's address are metadata too
            text, found = read_report(Path(path), max_bytes=max_bytes)
            meta.update({k: v for k, v in vars(found).items() if v is not None})
        given = ReportMeta(
            url=meta.get("url"),
            title=meta.get("title"),
            source=meta.get("source"),
            district=meta.get("district"),
            year=meta.get("year"),
            published=date.fromisoformat(str(meta["published"])) if meta.get("published") else None,
        )
        report = process_given(
            text, given, file=meta.get("file", Path(path).name), segmenter=seg, abbreviations=_worker_abbreviations
        )
        if not report.paragraphs:
            raise ReadError("no report text left after cleaning (only page furniture)")
        outcome: Processed | str = Processed(
            report.id,
            report.text,
            report.file,
            report.title,
            report.source,
            report.url,
            report.abbreviations,
            to_fields(report),
            {k: str(getattr(given, k)) if k == "published" else getattr(given, k) for k in _KEPT if getattr(given, k)},
        )
    except ReadError as exc:
        outcome = str(exc)
    except Exception as exc:  # a bug on one file must not stop the build
        outcome = f"could not process: {type(exc).__name__}: {exc}"
    return path, outcome, seg.take_fresh(), seg.hits - hits, seg.misses - misses


def _in_order(pool: Executor, fn: Callable, args: Iterable[tuple], ahead: int) -> Iterator:
    """``pool.map`` with at most ``ahead`` reports in flight.

    ``map`` submits every file at once (50,000 futures for a million paragraphs)
    and keeps each finished report until the parent, which alone writes the
    index, gets to it; whenever the parent falls behind (a commit, a segment
    merge) that backlog grows without bound.  Here it is bounded by ``ahead``
    reports, and results still come in file order (so a build is deterministic).
    """
    pending: deque[Future] = deque()
    for item in args:
        pending.append(pool.submit(fn, *item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@dataclass
class Processed:
    """What a worker sends back: the report's identity and its paragraphs as plain fields."""

    id: str
    text: str
    file: str | None
    title: str | None
    source: str | None
    url: str | None
    abbreviations: dict[str, list[str]]
    fields: list[dict]
    #: Metadata given by a sidecar (district, year, published): kept with the original,
    #: so that ``--from-originals`` tags the report as the build did.
    given: dict


#: What of a report's given metadata its original's ``.json`` keeps besides file, title, source and URL.
_KEPT = ("district", "year", "published")


class _Progress:
    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.done, self.enabled, self.start = total, 0, enabled and total >= 20, time.monotonic()

    def step(self) -> None:
        self.done += 1
        if self.enabled and (self.done % 10 == 0 or self.done == self.total):
            width = 30
            filled = int(width * self.done / self.total)
            rate = self.done / max(time.monotonic() - self.start, 1e-6)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files {rate:.0f}/s")
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def analysis_fingerprint() -> str:
    """What the tags depend on besides the text: the schema version, the data files
    (furniture, topics, abbreviations) and the indexer's own code.  A change re-analyses
    every report (cheaply: segmentations are cached)."""
    from importlib import resources

    h = hashlib.sha256(str(SCHEMA_VERSION).encode())
    package = resources.files(__package__)
    data = package.joinpath("data")
    for name in sorted(p.name for p in data.iterdir() if p.name.endswith(".json")):
        h.update(name.encode() + data.joinpath(name).read_bytes())
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
        h.update(name.encode() + package.joinpath(name).read_bytes())
    return h.hexdigest()[:16]


def _wipe_index(store: IndexDir) -> None:
    import shutil

    shutil.rmtree(store.tantivy_path, ignore_errors=True)
    store.manifest_path.unlink(missing_ok=True)


@dataclass
class BuildPlan:
    """What a build has to do, decided before any report is read."""

    #: (path key, text or None to read the file, metadata) of every file to process, in order.
    work: list[tuple[str, str | None, dict | None]] = field(default_factory=list)
    #: path key → (sha256, size, mtime) of the files in ``work`` (recorded in the manifest).
    entries: dict[str, tuple[str, int, float]] = field(default_factory=dict)
    #: Every source file found, processed or not (what ``prune`` keeps).
    seen: set[str] = field(default_factory=set)
    #: Start from an empty index (new schema, or rebuilding from the originals).
    rebuild_all: bool = False
    #: Same schema, new analysis: every report is analysed again and replaces itself.
    reanalyse: bool = False


def _open_for_build(store: IndexDir) -> tuple[Manifest, tantivy.Index, bool, bool]:
    """The manifest and the index to bring up to date: (manifest, index, rebuild_all, reanalyse)."""
    manifest = store.load_manifest()
    rebuild_all = reanalyse = False
    fingerprint = analysis_fingerprint()
    if manifest.files and manifest.schema_version == SCHEMA_VERSION and manifest.analysis != fingerprint:
        # Same schema, new lexicons or tables: every file is analysed again (cheap: the
        # segmentation cache survives) and replaces its documents.  Reports posted to the
        # API keep theirs (rebuild them with --from-originals).
        reanalyse = True
        manifest.files = {}
    if manifest.schema_version != SCHEMA_VERSION and (manifest.files or store.exists()):
        # Schema or analysis changed: start a new index and process everything again.
        _wipe_index(store)
        manifest = Manifest()
        rebuild_all = True
    manifest.schema_version = SCHEMA_VERSION
    manifest.analysis = fingerprint
    try:
        index = open_index(store.tantivy_path, create=True)
    except ValueError as exc:
        if "schema does not match" not in str(exc):
            raise
        _wipe_index(store)
        manifest = Manifest()
        rebuild_all = True
        index = open_index(store.tantivy_path, create=True)
    return manifest, index, rebuild_all, reanalyse


def plan_build(
    sources: list[Path],
    store: IndexDir,
    manifest: Manifest,
    summary: BuildSummary,
    *,
    rebuild_all: bool,
    reanalyse: bool,
    from_originals: bool,
) -> BuildPlan:
    """Which files changed since the last build (a ``stat`` each; a hash when the time moved)."""
    plan = BuildPlan(rebuild_all=rebuild_all or from_originals, reanalyse=reanalyse)
    if from_originals:
        for path in sorted(store.originals.glob("*.txt")):
            meta_path = path.with_suffix(".json")
            meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
            plan.work.append((str(path), path.read_text("utf-8"), meta))
            plan.entries[str(path)] = ("", 0, 0.0)
        return plan
    files, problems = collect_files(sources)
    summary.skipped += problems
    for path in files:
        key = str(path.resolve())
        plan.seen.add(key)
        try:
            size, mtime = _stat(path)
        except OSError as exc:
            summary.skipped.append((str(path), f"cannot read: {exc.strerror}"))
            continue
        if path.suffix.lower() not in SUFFIXES:  # skipped without being read or hashed
            if _is_metadata_of_a_report(path):
                continue
            reason = unknown_type(path)
            summary.skipped.append((str(path), reason))
            manifest.files[key] = FileEntry("", None, size, mtime, reason)
            continue
        old = None if plan.rebuild_all else manifest.files.get(key)
        if old is not None and old.size == size and old.mtime == mtime:
            sha = old.sha256  # the same size and time: taken as unchanged without reading it
        else:
            sha = _sha256(path)
        if old is not None and old.sha256 == sha:
            old.mtime = mtime
            if old.error:
                summary.skipped.append((str(path), old.error))
            else:
                summary.unchanged += 1
            continue
        plan.entries[key] = (sha, size, mtime)
        plan.work.append((key, None, {"file": path.name}))
    return plan


def _source_bytes(key: str, plan: BuildPlan) -> bytes | None:
    """The bytes of a source file that is not plain text (PDF, Word, scan, HTML), kept beside its
    text so a reader can open the original; None for .txt (the text is the original) and rebuilds."""
    path = Path(key)
    if key not in plan.seen or path.suffix.lower() == ".txt":
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


class _Apply:
    """Writes a plan's reports: each processed file adds, replaces or duplicates a report."""

    def __init__(
        self, plan: BuildPlan, store: IndexDir, manifest: Manifest, writer: IndexWriter, summary: BuildSummary
    ) -> None:
        self.plan, self.store, self.manifest, self.writer, self.summary = plan, store, manifest, writer, summary
        self.learnt = store.load_abbreviations()
        self.segmenter = Segmenter(store.segment_cache)
        self.indexed_now: set[str] = set()
        # Reports that files outside this build still refer to: never deleted by it.
        self.referenced: set[str] = (
            set()
            if plan.rebuild_all
            else {e.doc_id for k, e in manifest.files.items() if e.doc_id and k not in plan.entries}
        )
        self.pending: dict[str, FileEntry] = {}
        self.since_commit = 0

    def commit(self) -> None:
        """Index, then the manifest that says which files it holds, then what was learnt."""
        self.writer.commit()
        self.manifest.files.update(self.pending)
        self.pending.clear()
        self.store.save_manifest(self.manifest)
        self.store.save_abbreviations(self.learnt)
        self.segmenter.flush()
        self.since_commit = 0

    def run(self, jobs: int, max_bytes: int, progress: bool) -> None:
        bar = _Progress(len(self.plan.work), progress)
        pool = None
        work = self.plan.work
        if jobs > 1 and len(work) >= 4:
            cache = str(self.store.segment_cache) if self.store.segment_cache.exists() else None
            pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(cache, self.learnt))
            results = _in_order(pool, _process, ((k, max_bytes, t, m) for k, t, m in work), AHEAD_PER_WORKER * jobs)
        else:
            _init_worker(None, self.learnt, in_process=True)
            global _worker_segmenter
            _worker_segmenter = self.segmenter  # in process: read and write the cache file directly
            results = (_process(k, max_bytes, t, m) for k, t, m in work)
        try:
            for key, outcome, fresh, hits, misses in results:
                bar.step()
                self.segmenter.store_many(fresh)
                self.summary.cached_sentences += hits
                self.summary.segmented_sentences += misses
                self.file_done(key, outcome)
                if self.since_commit >= COMMIT_EVERY:
                    self.commit()
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)

    def file_done(self, key: str, outcome: Processed | str) -> None:
        plan, summary, writer = self.plan, self.summary, self.writer
        sha, size, mtime = plan.entries[key]
        old = self.manifest.files.get(key)
        old_id = old.doc_id if old else None
        if isinstance(outcome, str):  # skipped: its previous report goes
            summary.skipped.append((key, outcome))
            self.pending[key] = FileEntry(sha, None, size, mtime, outcome)
            if old_id and old_id not in self.referenced:
                writer.delete(old_id)
                summary.removed += 1
            return
        report = outcome
        for abbr, expansions in report.abbreviations.items():
            bucket = self.learnt.setdefault(abbr, [])
            bucket += [e for e in expansions if e not in bucket]
        if old_id and old_id != report.id and old_id not in self.referenced:
            writer.delete(old_id)
            summary.replaced += 1
        elif old_id == report.id and not plan.rebuild_all:
            summary.replaced += 1  # the same text, its sidecar (or its spacing) changed: tagged anew
        elif plan.rebuild_all or not old:
            summary.added += 1
        fresh = report.id not in self.indexed_now and report.id not in self.referenced
        if fresh and (plan.reanalyse or old_id == report.id) and writer.committed(report.id):
            writer.delete(report.id)  # the same report, analysed anew
            in_index = False
        else:
            in_index = not plan.rebuild_all and writer.committed(report.id)
        if report.id in self.indexed_now or report.id in self.referenced or in_index:
            summary.duplicates += 1 if report.id in self.indexed_now or not old else 0
        else:
            meta = {"file": report.file, "title": report.title, "source": report.source, "url": report.url}
            meta.update(report.given)
            writer.add(report.id, report.text, meta, report.fields, durable=False, source=_source_bytes(key, plan))
            self.indexed_now.add(report.id)
            self.since_commit += 1
        if key in plan.seen:  # a source file (not an original being rebuilt)
            self.pending[key] = FileEntry(sha, report.id, size, mtime)

    def prune(self) -> None:
        """Reports whose every file is gone from the sources."""
        for key in [k for k in self.manifest.files if k not in self.plan.seen and k not in self.plan.entries]:
            entry = self.manifest.files.pop(key)
            still_used = {e.doc_id for e in self.manifest.files.values()} | {e.doc_id for e in self.pending.values()}
            if entry.doc_id and entry.doc_id not in still_used:
                self.writer.delete(entry.doc_id)
                self.summary.removed += 1


def build_index(
    sources: list[Path],
    index_dir: Path,
    *,
    prune: bool = False,
    jobs: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = False,
    from_originals: bool = False,
) -> BuildSummary:
    """Bring ``index_dir`` up to date with the reports in ``sources``: plan, apply, prune."""
    started = time.monotonic()
    store = IndexDir(index_dir)
    summary = BuildSummary()
    manifest, index, rebuild_all, reanalyse = _open_for_build(store)
    plan = plan_build(
        sources, store, manifest, summary, rebuild_all=rebuild_all, reanalyse=reanalyse, from_originals=from_originals
    )
    with IndexWriter(store, index, heap=BULK_HEAP) as writer:
        if plan.rebuild_all:
            writer.delete_all()
        apply = _Apply(plan, store, manifest, writer, summary)
        apply.run(jobs or min(os.cpu_count() or 1, 4), max_bytes, progress)
        if prune:
            apply.prune()
        apply.commit()
    apply.segmenter.close()
    searcher = index.searcher()
    summary.paragraphs = searcher.num_docs
    summary.documents = document_count(searcher)
    summary.seconds = time.monotonic() - started
    return summary
