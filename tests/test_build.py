"""The incremental build and the command line, on real files."""

import re
import shutil
import subprocess
import sys

import tantivy

from indexer import schema as F
from indexer.build import build_index

from .conftest import ROOT, SEEDS


def _paragraph_count(index_dir):
    index = F.open_index(index_dir / "tantivy")
    return index.searcher().num_docs


def test_rebuild_of_unchanged_folder_does_nothing(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    first = build_index([src], tmp_path / "idx", jobs=1)
    assert first.added == 5 and first.segmented_sentences > 100
    again = build_index([src], tmp_path / "idx", jobs=1)
    assert again.unchanged == 5 and again.added == 0 and again.segmented_sentences == 0
    assert again.paragraphs == first.paragraphs


def test_changed_file_replaces_its_document_and_prune_removes(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    build_index([src], tmp_path / "idx", jobs=1)
    target = src / "000_0c76d55f23b5fd2a.txt"
    target.write_text(
        target.read_text("utf-8") + "\n\nĐoạn bổ sung: huyện Lương Tài tiếp tục đẩy mạnh chuyển đổi số "
        "trong các cơ quan, đơn vị và ứng dụng nền tảng số trong quản lý.\n",
        encoding="utf-8",
    )
    changed = build_index([src], tmp_path / "idx", jobs=1)
    assert changed.replaced == 1 and changed.unchanged == 4
    assert changed.segmented_sentences <= 3  # only the new sentence is segmented
    assert changed.documents == 5
    (src / "001_957a071da1a51fb9.txt").unlink()
    kept = build_index([src], tmp_path / "idx", jobs=1)
    assert kept.documents == 5  # without --prune nothing is removed
    pruned = build_index([src], tmp_path / "idx", jobs=1, prune=True)
    assert pruned.removed == 1 and pruned.documents == 4


def test_same_text_in_two_files_is_one_document(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS / "002_565f1c175572ee32.txt", src / "a.txt")
    shutil.copy(SEEDS / "002_565f1c175572ee32.txt", src / "b copy.txt")
    summary = build_index([src], tmp_path / "idx", jobs=1)
    assert summary.documents == 1


def test_bad_files_are_reported_and_the_rest_indexed(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (src / "cut.txt").write_bytes("Báo cáo tình hình năm 2022 của huyện".encode()[:-2])
    (src / "menu only.html").write_text(
        "<html><body><nav>Trang chủ</nav><p>Tin mới</p></body></html>", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "indexer", "build", str(src), "--index", str(tmp_path / "idx"), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 3, result.stderr
    assert "documents: 5" in result.stdout
    for name, reason in (
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("cut.txt", "UTF-8"),
        ("menu only.html", "furniture"),
    ):
        assert any(name in line and reason in line for line in result.stdout.splitlines()), (name, result.stdout)


def test_parallel_build_matches_serial(tmp_path):
    serial = build_index([SEEDS], tmp_path / "a", jobs=1)
    parallel = build_index([SEEDS], tmp_path / "b", jobs=2)
    assert serial.paragraphs == parallel.paragraphs == _paragraph_count(tmp_path / "b")


def test_workers_are_kept_at_most_a_few_reports_ahead_of_the_writer():
    """A large build must not hold every finished report in memory while the parent writes."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from indexer.build import _in_order

    started, lock, peak = [], threading.Lock(), [0]
    consumed = [0]

    def work(i):
        with lock:
            started.append(i)
            peak[0] = max(peak[0], len(started) - consumed[0])
        return i * i

    with ThreadPoolExecutor(2) as pool:
        out = []
        for result in _in_order(pool, work, ((i,) for i in range(200)), ahead=5):
            out.append(result)
            consumed[0] += 1
    assert out == [i * i for i in range(200)]  # file order, whatever finishes first
    assert peak[0] <= 5


def test_cli_inspect_and_stats(tmp_path, seed_index):
    out = subprocess.run(
        [sys.executable, "-m", "indexer", "inspect", str(SEEDS / "004_89987b1a15d4823c.txt")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "Ba Chẽ" in out and "TT&VH Ba Chẽ" in out and "year:        2020" in out
    # Every tag comes with its evidence, and the terms that fired explain each paragraph's topics.
    assert "[district] district Ba Chẽ (Quảng Ninh) [202]" in out and "[year] year 2020" in out
    assert re.search(r"paragraphs \(\d+\):", out) and re.search(r"\* [a-z-]+: .+ \(\d", out)
    # The page's counter is listed among the lines that are not paragraphs, with the reason.
    assert re.search(r"- \[(counter|after the byline)\] Hôm nay: 2023", out)
    stats = subprocess.run(
        [sys.executable, "-m", "indexer", "stats", "--index", str(seed_index)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "Lương Tài (Bắc Ninh)" in stats and "documents: 5" in stats


def test_originals_are_kept_and_rebuildable(tmp_path):
    build_index([SEEDS], tmp_path / "idx", jobs=1)
    originals = sorted((tmp_path / "idx" / "originals").glob("*.txt"))
    assert len(originals) == 5
    again = build_index([], tmp_path / "idx", jobs=1, from_originals=True)
    assert again.documents == 5
    index = F.open_index(tmp_path / "idx" / "tantivy")
    q = tantivy.Query.term_query(index.schema, F.DISTRICT, "202")
    assert index.searcher().search(q, 1).count > 0


def test_new_lexicons_reanalyse_every_file(tmp_path, monkeypatch):
    import indexer.build as build

    first = build_index([SEEDS], tmp_path / "idx", jobs=1)
    monkeypatch.setattr(build, "analysis_fingerprint", lambda: "a-new-lexicon")
    again = build_index([SEEDS], tmp_path / "idx", jobs=1)
    assert again.unchanged == 0 and again.added == 5
    assert again.documents == first.documents and again.paragraphs == first.paragraphs
    assert again.segmented_sentences == 0  # the segmentation cache survives
    assert build_index([SEEDS], tmp_path / "idx", jobs=1).unchanged == 5


def test_packed_facet_keys_count_what_the_readable_fields_hold(seed_index, monkeypatch):
    """``place`` and ``topic_bits`` (what facets count) agree with district, province
    and topic (what filters match), value by value; so does the per-topic fallback
    used when topic combinations outnumber the aggregation's buckets."""
    from indexer import facet_keys
    from indexer.facets import NAMES

    index = F.open_index(seed_index / "tantivy")
    searcher, schema = index.searcher(), index.schema
    everything = tantivy.Query.all_query()
    counts = facet_keys.count(searcher, schema, everything, NAMES)
    fields = {"district": F.DISTRICT, "province": F.PROVINCE, "topic": F.TOPIC}
    for facet, field in fields.items():
        assert counts[facet], facet
        for value, n in counts[facet].items():
            assert searcher.search(tantivy.Query.term_query(schema, field, value), 1).count == n, (facet, value)
    for year, n in counts["year"].items():
        assert searcher.search(tantivy.Query.term_query(schema, F.YEAR, year), 1).count == n, year
    assert (
        sum(counts["year"].values())
        == searcher.search(
            tantivy.Query.range_query(schema, F.YEAR, tantivy.FieldType.Integer, 1900, 2100, use_inverted_index=True), 1
        ).count
    )
    # Dense columns: a paragraph without a place, topic or year still holds a value (0).
    for column in (F.PLACE, F.TOPIC_BITS, F.YEAR_KEY):
        filled = searcher.aggregate(everything, {"n": {"value_count": {"field": column}}})["n"]["value"]
        assert filled == searcher.num_docs, column
    monkeypatch.setattr(facet_keys, "BUCKETS", 1)
    assert facet_keys.count(searcher, schema, everything, ["topic"])["topic"] == counts["topic"]
    assert facet_keys.place_key("264", "27") == 27264 and facet_keys.place_key(None, "27") == 27000
    assert facet_keys.place_key(None, None) == facet_keys.NONE
