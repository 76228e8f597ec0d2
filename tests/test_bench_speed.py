"""The speed harness and its corpus generator work end to end (figures are never asserted).

``python -m bench.speed`` is run at a tiny size: it must build, serve, query the
engine and both peers, and write every figure the benchmark document quotes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import generate
from indexer.gazetteer import gazetteer
from indexer.pipeline import process_file

ROOT = Path(__file__).resolve().parent.parent


def test_corpus_is_deterministic_and_shaped_like_the_seeds(tmp_path):
    assert generate(4, tmp_path / "a", seed=3) == 80
    generate(4, tmp_path / "b", seed=3)
    generate(4, tmp_path / "c", seed=4)
    files = sorted((tmp_path / "a").iterdir())
    assert [f.read_bytes() for f in files] == [f.read_bytes() for f in sorted((tmp_path / "b").iterdir())]
    assert [f.read_bytes() for f in files] != [f.read_bytes() for f in sorted((tmp_path / "c").iterdir())]
    gaz = gazetteer()
    for path in files:
        title, date_line = path.read_text("utf-8").split("\n\n")[:2]
        assert re.fullmatch(r"\d\d/\d\d/20\d\d \d\d:\d\d", date_line)
        report = process_file(path)
        # The generated title names the district the indexer finds, and the year is the title's.
        assert report.district is not None and report.district.short in title
        assert report.district.code in gaz.districts
        assert str(report.year) in title
        assert len(report.paragraphs) == 20


@pytest.mark.slow
def test_speed_harness_runs_every_system_and_writes_its_figures(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.speed",
            "--paragraphs",
            "100",
            "--clients",
            "1,4",
            "--queries-per-client",
            "3",
            "--server-workers",
            "1",
            "--pyvi-seconds",
            "0.5",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    figures = json.loads((tmp_path / "p100" / "speed.json").read_text("utf-8"))
    assert figures["index"]["times_pyvi"] > 0 and figures["index"]["index_bytes"] > 0
    assert figures["pyvi"]["syllables_per_s"] > 0 and figures["pyvi_after"]["syllables_per_s"] > 0
    for clients in (1, 4):
        run = figures["api"][f"clients_{clients}"]
        assert run["errors"] == 0 and run["n"] >= 3 * clients and run["server_cpu_ms_per_request"] >= 0
    # The server's CPU is really read: one client sends the whole mix twice (100+ searches), which
    # never costs nothing; and no run is charged more CPU than its wall time on every core allows
    # (plus two clock ticks of slack on each reading).
    assert figures["api"]["clients_1"]["server_cpu_ms_per_request"] > 0
    for name in ("clients_1", "clients_4", "clients_4_no_facets"):
        run = figures["api"][name]
        wall_ms = run["n"] / run["requests_per_s"] * 1000
        cpu_ms = (run["server_cpu_ms_per_request"] - 0.05) * run["n"]
        assert cpu_ms <= wall_ms * (os.cpu_count() or 1) + 40, (name, run)
    assert figures["api"]["clients_4_no_facets"]["errors"] == 0
    assert len(figures["api"]["queries"]) >= 50 and figures["api"]["server_pss_mb"] > 0
    assert figures["sqlite_fts5"]["p50"] > 0 and figures["tantivy_raw"]["p50"] > 0
    assert "× faster" in out.stdout


@pytest.mark.slow
def test_versus_serves_each_version_in_turn(seed_index):
    """``bench.versus`` starts each version's server from its own tree on its own index and
    drives the same mix through it, round after round (here one tree under two names)."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.versus",
            f"a=.:{seed_index}",
            f"b={ROOT}:{seed_index}",
            "--rounds",
            "2",
            "--queries-per-client",
            "2",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert [line.split(":")[0].split() for line in lines if line.startswith("round")] == [
        ["round", "0", "a"],
        ["round", "0", "b"],
        ["round", "1", "a"],
        ["round", "1", "b"],
    ]
    rows = json.loads(lines[-1])
    assert [(r["round"], r["version"]) for r in rows] == [(0, "a"), (0, "b"), (1, "a"), (1, "b")]
    for row in rows:
        assert row["clients_1"]["n"] == 60 and row["clients_16"]["n"] == 32 and row["clients_16_no_facets"]["n"] == 32
        assert row["clients_1"]["errors"] == row["clients_16"]["errors"] == row["clients_16_no_facets"]["errors"] == 0
    bad = subprocess.run([sys.executable, "-m", "bench.versus", "nonsense"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "NAME=TREE:INDEX" in bad.stderr


@pytest.mark.slow
def test_breakdown_splits_a_search_between_tantivy_and_python(seed_index, tmp_path):
    """``bench.breakdown`` times every Tantivy call the engine makes (with facets, their pass is
    an ``aggregate``; without them there is none),
    and Tantivy's share is part of the whole."""
    figures_path = tmp_path / "breakdown.json"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.breakdown",
            "--index",
            str(seed_index),
            "--rounds",
            "1",
            "--json",
            str(figures_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    figures = json.loads(figures_path.read_text("utf-8"))
    assert figures["searches"] >= 50 and figures["paragraphs"] == 48
    on, off = figures["facets"], figures["no_facets"]
    assert {"search", "aggregate", "doc", "snippet"} <= set(on["tantivy_by_call_ms"])
    assert "search" in off["tantivy_by_call_ms"] and "aggregate" not in off["tantivy_by_call_ms"]
    for run in (on, off):
        assert 0 < run["tantivy_ms_per_search"] <= run["cpu_ms_per_search"]
        # Each figure is rounded on its own: the parts add up to the whole within that rounding.
        assert abs(run["python_ms_per_search"] + run["tantivy_ms_per_search"] - run["cpu_ms_per_search"]) <= 0.02
    assert "Tantivy" in out.stdout and "facets off" in out.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "bench.breakdown", "--index", str(tmp_path / "nowhere")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "no index" in missing.stderr
