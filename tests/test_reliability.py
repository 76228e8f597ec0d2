"""Reliability: bad input, a killed indexer, a killed server, writes under searches.

Everything here runs the real command line or the real server in a subprocess.
``VNSEARCH_LONG_TESTS=1`` makes the fault runs longer (more kills, more documents).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import httpx
import pytest
import tantivy

from indexer import schema as F
from indexer.reading import _TCVN3, ReadError, decode_legacy, read_bytes_as_text, vietnamese_score
from search_api.live_server import LiveServer

from .conftest import API_KEY, ROOT, SEEDS

LONG = os.environ.get("VNSEARCH_LONG_TESTS") == "1"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook, tilde, dot below


# ----------------------------------------------------------------- legacy encoders (test side)
def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Word wrote it: letters with their vowel mark, tones as combining bytes."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += (base + tones).encode("cp1258", errors="replace")
    return bytes(out)


_TO_TCVN3 = {v: k for k, v in _TCVN3.items()}


def to_tcvn3(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = _TO_TCVN3.get(ch, _TO_TCVN3.get(ch.lower()))
        if code is not None:
            out.append(code)
        else:
            out += ch.encode("latin-1", errors="replace")
    return bytes(out)


def to_vni(text: str) -> bytes:
    """VNI-Windows (base letter + mark bytes), lower case: enough to be recognised."""
    out = []
    for ch in unicodedata.normalize("NFC", text.lower()):
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], set(parts[1:])
        tone = next((TONES.index(t) for t in TONES if t in marks), None)
        if ch == "đ":
            out.append("ñ")
        elif not marks or not base.isascii():
            out.append(ch)
        elif base == "i" and tone is not None:
            out.append("ìíæóò"[tone])
        elif "\u0302" in marks:
            out.append(base + "âàáåãä"[0 if tone is None else tone + 1])
        elif "\u0306" in marks:
            out.append(base + "êèéúüë"[0 if tone is None else tone + 1])
        elif "\u031b" in marks:
            out.append({"o": "ô", "u": "ö"}[base] + ("" if tone is None else "øùûõï"[tone]))
        else:
            out.append(base + "øùûõï"[tone])
    return "".join(out).encode("cp1252", errors="replace")


def build_cli(*args, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "indexer", "build", *map(str, args), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def doc_ids_in_index(index_dir: Path) -> dict[str, int]:
    """Document id → number of first paragraphs (1 unless a report was indexed twice)."""
    index = F.open_index(index_dir / "tantivy")
    index.reload()
    searcher = index.searcher()
    query = tantivy.Query.term_query(index.schema, F.POSITION, 0)
    result = searcher.aggregate(query, {"d": {"terms": {"field": F.DOC_ID, "size": 100_000}}})
    return {b["key"]: b["doc_count"] for b in result["d"]["buckets"]}


# ----------------------------------------------------------------- 1. bad input
def test_legacy_encodings_are_converted_exactly_or_refused():
    for path in SEED_FILES:
        text = unicodedata.normalize("NFC", path.read_text("utf-8"))
        # Windows-1258 comes back exactly (after NFC), whatever the punctuation cp1258 lacks.
        plain = text.translate({ord(c): "-" for c in "–—"}).translate({ord(c): '"' for c in "“”"}).replace("…", "...")
        assert read_bytes_as_text(to_cp1258(plain)) == plain, path.name
        # TCVN3 has no separate upper-case codes for toned letters: equal up to case.
        tcvn = read_bytes_as_text(to_tcvn3(plain))
        assert tcvn.lower() == plain.lower(), path.name
        # VNI is recognised and refused with the reason.
        with pytest.raises(ReadError, match="VNI"):
            read_bytes_as_text(to_vni(plain))
        # UTF-8 with one stray byte in the middle is not "converted" into mojibake.
        broken = text.encode("utf-8")
        broken = broken[:200] + b"\xff" + broken[200:]
        with pytest.raises(ReadError, match="not valid UTF-8"):
            read_bytes_as_text(broken)
    # Text that is not Vietnamese is never taken for Windows-1258 or TCVN3.
    rng = random.Random(3)
    for _ in range(50):
        noise = bytes(rng.randrange(1, 256) for _ in range(2000))
        assert decode_legacy(noise.replace(b"\x00", b" ")) is None
    french = (
        "Le développement économique de la région a été très important cette année, et les élus ont "
        "décidé de poursuivre les réformes engagées depuis plusieurs années. "
    ) * 10
    assert decode_legacy(french.encode("latin-1")) is None
    valid, marked, words = vietnamese_score(SEED_FILES[0].read_text("utf-8"))
    assert valid > 0.95 and marked > 0.5 and words > 500


def _bad_input_folder(src: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Good files (name → a phrase from their text) and bad files (name → the reason's key word)."""
    for path in SEED_FILES:
        shutil.copy(path, src / path.name)
    good = {p.name: "" for p in SEED_FILES}
    seed = [unicodedata.normalize("NFC", p.read_text("utf-8")) for p in SEED_FILES]

    def variant(i: int, note: str) -> str:
        # A seed report with one more paragraph, so it is a new document (ids hash the text).
        title, rest = seed[i].split("\n", 1)
        return (
            f"{title}\n\nTrong năm 2022, theo ghi chú lưu trữ ({note}, bản số {i}), văn phòng huyện đã lưu "
            f"đầy đủ báo cáo này cùng các phụ lục số liệu kèm theo.\n{rest}"
        )

    cp = variant(2, "bản mã hóa Windows-1258").replace("–", "-").replace("…", "...")
    (src / "bao cao cp1258.txt").write_bytes(to_cp1258(cp))
    good["bao cao cp1258.txt"] = "bản mã hóa Windows-1258"
    tc = variant(4, "bản mã hóa tcvn3").replace("–", "-").replace("…", "...")
    (src / "bao cao tcvn3.txt").write_bytes(to_tcvn3(tc))
    good["bao cao tcvn3.txt"] = "bản mã hóa tcvn3"
    (src / "Báo cáo dạng NFD.txt").write_text(
        unicodedata.normalize("NFD", variant(4, "bản dựng chữ tổ hợp NFD")), encoding="utf-8"
    )
    good["Báo cáo dạng NFD.txt"] = "bản dựng chữ tổ hợp NFD"
    (src / "Báo cáo Huyện ủy Lương Tài (bản sao).txt").write_text(
        variant(0, "tên tệp có dấu và khoảng trắng"), encoding="utf-8"
    )
    good["Báo cáo Huyện ủy Lương Tài (bản sao).txt"] = "tên tệp có dấu và khoảng trắng"
    (src / "notepad utf16.txt").write_bytes(variant(1, "bản UTF-16 của Notepad").encode("utf-16"))
    good["notepad utf16.txt"] = "bản UTF-16 của Notepad"
    paragraphs = "".join(f"<p>{p}</p>" for p in variant(1, "trang web có mã script").split("\n")[1:] if p.strip())
    title = seed[1].splitlines()[0]
    (src / "trang tin có script.html").write_text(
        f"<!doctype html><html><head><title>{title}</title><script>var secret = 'KHONGDUOCLAPCHIMUC';</script>"
        f"<style>.x{{color:red}}</style></head><body><nav>Trang chủ | Tin tức</nav><h1>{title}</h1>{paragraphs}"
        "<script>document.write('KHONGDUOCLAPCHIMUC')</script><footer>Bản quyền</footer></body></html>",
        encoding="utf-8",
    )
    good["trang tin có script.html"] = "trang web có mã script"

    bad = {}
    (src / "rỗng.txt").write_bytes(b"")
    bad["rỗng.txt"] = "empty"
    (src / "ảnh.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4000))
    bad["ảnh.txt"] = "binary"
    (src / "bị cắt.txt").write_bytes(seed[0].encode("utf-8")[:2999] + "ệ".encode()[:2])
    bad["bị cắt.txt"] = "cut inside a character"
    (src / "bao cao vni.txt").write_bytes(to_vni(variant(2, "bản VNI")))
    bad["bao cao vni.txt"] = "VNI"
    big = (seed[0] + "\n\n").encode("utf-8")
    with (src / "rất lớn 50MB.txt").open("wb") as f:
        for _ in range(50 * 1024 * 1024 // len(big) + 1):
            f.write(big)
    bad["rất lớn 50MB.txt"] = "too large"
    return good, bad


@pytest.mark.slow
def test_a_folder_of_bad_input_is_indexed_with_every_skip_explained(tmp_path):
    src = tmp_path / "báo cáo đầu vào"
    src.mkdir()
    good, bad = _bad_input_folder(src)
    assert (src / "rất lớn 50MB.txt").stat().st_size >= 50 * 1024 * 1024
    started = time.monotonic()
    result = build_cli(src, "--index", tmp_path / "idx")
    assert result.returncode == 3, result.stdout + result.stderr
    assert time.monotonic() - started < 120
    out = result.stdout
    assert f"documents: {len(good)}" in out, out
    skipped = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(skipped) == len(bad), out
    for name, reason in bad.items():
        assert any(name in line and reason in line for line in skipped), (name, reason, out)

    manifest = json.loads((tmp_path / "idx" / "manifest.json").read_text("utf-8"))["files"]
    by_name = {Path(k).name: v for k, v in manifest.items()}
    ids = doc_ids_in_index(tmp_path / "idx")
    assert len(ids) == len(good) and set(ids.values()) == {1}
    for name, phrase in good.items():
        entry = by_name[name]
        assert entry["error"] is None and entry["doc_id"] in ids, name
        original = (tmp_path / "idx" / "originals" / f"{entry['doc_id']}.txt").read_text("utf-8")
        assert unicodedata.is_normalized("NFC", original) or "NFD" in name
        if phrase:
            assert phrase.lower() in unicodedata.normalize("NFC", original).lower(), name
    for name in bad:
        assert by_name[name]["doc_id"] is None and by_name[name]["error"], name

    from search_api.engine import Engine, SearchParams

    engine = Engine.open(tmp_path / "idx", writable=False)
    assert engine.search(SearchParams(q="KHONGDUOCLAPCHIMUC")).total == 0  # scripts never indexed
    for phrase in (
        "bản mã hóa Windows-1258",
        "bản mã hóa tcvn3",
        "chữ tổ hợp NFD",
        "tên tệp có dấu",
        "Notepad",
        "trang web có mã script",
    ):
        assert engine.search(SearchParams(q=f'"{phrase}"')).total == 1, phrase

    # An unchanged folder costs a stat per file and still names every skipped file.
    again = build_cli(src, "--index", tmp_path / "idx")
    assert again.returncode == 3 and f"unchanged: {len(good)}" in again.stdout
    assert all(name in again.stdout for name in bad)


def test_exit_statuses_are_documented_and_kept(tmp_path):
    help_text = subprocess.run(
        [sys.executable, "-m", "indexer", "build", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout
    assert re.search(r"0 every file was indexed", help_text) and re.search(r"3 some files were skipped", help_text)
    assert re.search(r"1 fatal error", help_text)
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED_FILES[2], src / "a.txt")
    assert build_cli(src, "--index", tmp_path / "idx").returncode == 0
    (tmp_path / "not a folder").write_text("x")
    fatal = build_cli(src, "--index", tmp_path / "not a folder")
    assert fatal.returncode == 1 and "fatal" in fatal.stderr and "Traceback" not in fatal.stderr


# ----------------------------------------------------------------- 2a. kill -9 of the indexer
def seed_sentences() -> list[str]:
    out = []
    for path in SEED_FILES:
        for paragraph in path.read_text("utf-8").split("\n"):
            for s in re.split(r"(?<=[.;])\s+", paragraph.strip()):
                if 60 <= len(s) <= 220 and s.endswith((".", ";")):
                    out.append(s)
    return out


PLACES = [("Lương Tài", "Bắc Ninh"), ("Kiến Thụy", "Hải Phòng"), ("Ba Chẽ", "Quảng Ninh"), ("Lục Nam", "Bắc Giang")]


def generate_corpus(dst: Path, n: int, seed: int = 7) -> None:
    """``n`` small distinct reports: a title and three paragraphs of seed sentences with varied numbers."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    dst.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        district, province = rng.choice(PLACES)
        year = rng.choice([2019, 2020, 2021, 2022, 2023])
        paragraphs = [" ".join(rng.sample(sentences, 2)) for _ in range(3)]
        paragraphs[0] = (
            f"Trong năm {year}, huyện {district} đã thực hiện {rng.randint(10, 9999)} công trình và đạt "
            f"{rng.randint(1, 99)}% kế hoạch đề ra. "
        ) + paragraphs[0]
        (dst / f"bc_{i:05d}.txt").write_text(
            f"Báo cáo số {i} tổng kết công tác năm {year} của huyện {district}, tỉnh {province}\n\n"
            + "\n\n".join(paragraphs)
            + "\n",
            encoding="utf-8",
        )


def _kill_build_after_commit(src: Path, index: Path, after_commits: int = 1) -> int:
    """Start a build, ``kill -9`` it (and its workers) once ``after_commits`` commits are on disk;
    returns the number of files the manifest had then."""
    manifest = index / "manifest.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "indexer", "build", str(src), "--index", str(index), "--quiet", "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    start_files = len(json.loads(manifest.read_text("utf-8"))["files"]) if manifest.exists() else 0
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline:
            assert proc.poll() is None, "the build finished before it could be killed: use a larger corpus"
            try:
                files = len(json.loads(manifest.read_text("utf-8"))["files"]) if manifest.exists() else 0
            except (json.JSONDecodeError, OSError):
                files = 0  # never happens with atomic writes; tolerated only while polling
            if files >= start_files + 500 * after_commits:
                break
            time.sleep(0.01)
        else:
            raise AssertionError("no commit within 180 s")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return files


def _check_committed_state(index: Path) -> tuple[int, int]:
    """The index opens; every document the manifest names is in it, once."""
    manifest = json.loads((index / "manifest.json").read_text("utf-8"))["files"]
    committed = {e["doc_id"] for e in manifest.values() if e["doc_id"]}
    ids = doc_ids_in_index(index)
    missing = committed - set(ids)
    assert not missing, f"{len(missing)} documents of the last commit are missing"
    assert set(ids.values()) == {1}, "a report is in the index twice"
    from search_api.engine import Engine, SearchParams

    engine = Engine.open(index, writable=False)
    assert engine.search(SearchParams(q="nông thôn mới")).total > 0
    return len(committed), len(ids)


@pytest.mark.slow
def test_kill_9_of_the_indexer_loses_nothing_committed_and_the_next_run_completes(tmp_path):
    n = 4000 if LONG else 2000
    src, index = tmp_path / "src", tmp_path / "idx"
    generate_corpus(src, n)
    kills = []
    for _round in range(3 if LONG else 1):
        kills.append(_kill_build_after_commit(src, index))
        committed, in_index = _check_committed_state(index)
        assert 500 <= committed < n and in_index >= committed
    result = build_cli(src, "--index", index)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"documents: {n}" in result.stdout
    committed, in_index = _check_committed_state(index)
    assert committed == in_index == n
    assert len(list((index / "originals").glob("*.txt"))) >= n
    print(f"\n{n} reports; build killed with {kills} files committed; the next run completed: {in_index} documents")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
def test_workers_do_not_outlive_a_build_killed_alone(tmp_path):
    generate_corpus(tmp_path / "src", 1500)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "indexer",
            "build",
            str(tmp_path / "src"),
            "--index",
            str(tmp_path / "idx"),
            "--quiet",
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            workers = _children(proc.pid)
        assert len(workers) == 2 and proc.poll() is None
        time.sleep(1.0)  # mid-build
        os.kill(proc.pid, signal.SIGKILL)  # the build alone, as `kill -9 <pid>` does
        proc.wait(timeout=30)
        deadline = time.monotonic() + 5
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers), "worker processes still running after the build was killed"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # never leave them behind
        except ProcessLookupError:
            pass


# ----------------------------------------------------------------- 2b. kill -9 of the server
def _report(tag: str) -> dict:
    return {
        "title": f"Báo cáo kiểm thử {tag}",
        "text": f"Trong năm 2022, mã kiểm thử {tag}: huyện Lương Tài, tỉnh Bắc Ninh đã hoàn thành xây dựng "
        "nông thôn mới ở 5 xã, thu ngân sách đạt 120% dự toán, an ninh chính trị được giữ vững.",
    }


@pytest.mark.slow
def test_an_acknowledged_write_survives_kill_9_of_the_server(tmp_path, seed_index):
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    headers = {"X-API-Key": API_KEY}
    rounds = 5 if LONG else 2
    acknowledged, deleted = [], []
    server = LiveServer(index, api_key=API_KEY).start()
    try:
        for r in range(rounds):
            tag = f"zqxw{r:04d}"
            answer = httpx.post(f"{server.url}/api/v1/documents", json=_report(tag), headers=headers, timeout=60)
            assert answer.status_code == 201, answer.text
            server.kill9()  # right after the answer
            acknowledged.append((tag, answer.json()["id"]))
            server = LiveServer(index, api_key=API_KEY).start()
            for t, doc_id in acknowledged:
                doc = httpx.get(f"{server.url}/api/v1/documents/{doc_id}", timeout=30)
                assert doc.status_code == 200 and t in doc.json()["paragraphs"][0]["text"], (t, doc.text)
                hits = httpx.get(f"{server.url}/api/v1/search", params={"q": t}, timeout=30).json()
                assert hits["total"] == 1, t
            # A delete that was acknowledged stays done.
            victim = acknowledged.pop(0)
            assert (
                httpx.delete(f"{server.url}/api/v1/documents/{victim[1]}", headers=headers, timeout=30).status_code
                == 200
            )
            server.kill9()
            deleted.append(victim)
            server = LiveServer(index, api_key=API_KEY).start()
            for t, doc_id in deleted:
                assert httpx.get(f"{server.url}/api/v1/documents/{doc_id}", timeout=30).status_code == 404
                assert httpx.get(f"{server.url}/api/v1/search", params={"q": t}, timeout=30).json()["total"] == 0
        assert httpx.get(f"{server.url}/api/v1/health", timeout=30).json()["documents"] == 5 + len(acknowledged)
    finally:
        server.stop()


# ----------------------------------------------------------------- 2c. searches during writes
@pytest.mark.slow
def test_searches_never_fail_while_documents_are_ingested_and_deleted(tmp_path, seed_index):
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    headers = {"X-API-Key": API_KEY}
    writes = 40 if LONG else 12
    failures: list[str] = []
    counts = {"searches": 0}
    stop = threading.Event()
    with LiveServer(index, api_key=API_KEY) as writer, LiveServer(index) as reader:

        def searcher(base: str, seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=base, timeout=30) as client:
                while not stop.is_set():
                    path, params = rng.choice(
                        [
                            ("/api/v1/search", {"q": rng.choice(["nông thôn mới", "kiểm thử", "zqxw", "an ninh", ""])}),
                            ("/api/v1/search", {"q": "ngân sách", "sort": "newest", "per_page": 50}),
                            ("/api/v1/documents", {"q": "Lương Tài"}),
                            ("/api/v1/suggest", {"q": "kiểm"}),
                            ("/api/v1/facets", {}),
                        ]
                    )
                    try:
                        r = client.get(path, params=params)
                        if r.status_code != 200:
                            failures.append(f"{base}{path} {params} -> {r.status_code} {r.text[:200]}")
                    except httpx.HTTPError as exc:
                        failures.append(f"{base}{path} {params} -> {type(exc).__name__}: {exc}")
                    counts["searches"] += 1

        threads = [
            threading.Thread(target=searcher, args=(base, i), daemon=True)
            for i, base in enumerate([writer.url, writer.url, reader.url, reader.url])
        ]
        for t in threads:
            t.start()
        delays = {"writer": [], "reader": [], "deleted": []}

        def visible(base: str, tag: str, want: int) -> float:
            started = time.monotonic()
            while time.monotonic() - started < 5:
                if httpx.get(f"{base}/api/v1/search", params={"q": tag}, timeout=30).json()["total"] == want:
                    return time.monotonic() - started
                time.sleep(0.05)
            return float("inf")

        try:
            with httpx.Client(timeout=60) as client:
                for i in range(writes):
                    tag = f"zqxv{i:04d}"
                    r = client.post(f"{writer.url}/api/v1/documents", json=_report(tag), headers=headers)
                    assert r.status_code == 201, r.text
                    delays["writer"].append(visible(writer.url, tag, 1))
                    delays["reader"].append(visible(reader.url, tag, 1))
                    if i % 2:
                        assert (
                            client.delete(
                                f"{writer.url}/api/v1/documents/{r.json()['id']}", headers=headers
                            ).status_code
                            == 200
                        )
                        delays["deleted"].append(max(visible(writer.url, tag, 0), visible(reader.url, tag, 0)))
        finally:
            stop.set()
            for t in threads:
                t.join(timeout=60)
    assert not failures, failures[:5]
    assert counts["searches"] > 50
    for kind, values in delays.items():
        assert max(values) <= 2.0, (kind, values)
    print(
        f"\n{writes} writes, {writes // 2} deletes, {counts['searches']} concurrent searches; visible after "
        f"≤{max(delays['writer']):.2f} s (same server), ≤{max(delays['reader']):.2f} s (another process), "
        f"deletes ≤{max(delays['deleted']):.2f} s"
    )
