"""The held-out set (``bench/heldout``): its files are well-formed, and the harness scores it.

The held-out reports, queries and labels were written before any tuning and are never tuned on, so
these tests assert no quality target: only that every marker and label means what it says and that
``python -m bench.relevance --heldout`` produces figures (see docs/QUALITY.md, "Held-out set").
"""

import json

import pytest

from bench.judging import CLASSES, HELDOUT, corpus_files, load_labels, load_queries, norm, raw_units

TOPICS_JSON = HELDOUT.labels.parent.parent.parent / "indexer" / "data" / "topics.json"


@pytest.fixture(scope="module")
def texts():
    return {f.name: [norm(line) for line in f.read_text("utf-8").splitlines()] for f in corpus_files(HELDOUT)}


def test_every_marker_occurs_in_the_heldout_corpus():
    units = [norm(text) for _, text in raw_units(bench=HELDOUT)]
    queries = load_queries(HELDOUT.judgments)
    assert len(queries) >= 40
    for query in queries:
        assert query.cls in CLASSES, query
        assert query.g2, query.q
        for marker in query.g2 + query.g1:
            assert any(norm(marker) in u for u in units), (query.q, marker)


def test_not_paragraphs_are_lines_of_their_files(texts):
    spec = json.loads(HELDOUT.judgments.read_text("utf-8"))
    for item in spec["not_paragraphs"]:
        assert norm(item["line"]).strip() in [t.strip() for t in texts[item["file"]]], item


def test_every_class_has_queries():
    classes = {q.cls for q in load_queries(HELDOUT.judgments)}
    assert classes == set(CLASSES)


def test_labels_name_real_units(texts):
    from indexer.gazetteer import gazetteer

    g = gazetteer()
    labels = load_labels(HELDOUT.labels)
    dated = labels.get("dated_units", {})
    for code, unit in dated.items():
        assert code not in g.districts, f"{code} is in the gazetteer: no need to list it as dated"
        assert unit["became"] in g.districts and unit["province_code"] in g.provinces, unit
    assert set(labels["documents"]) == set(texts), "every held-out report has its labels"
    for name, truth in labels["documents"].items():
        district, province = truth["district_code"], truth["province_code"]
        if district is not None:
            assert district in g.districts or district in dated, (name, district)
            owner = g.districts[district].province_code if district in g.districts else dated[district]["province_code"]
            assert owner == province, (name, district, province)
        if province is not None:
            assert province in g.provinces, (name, province)
        assert isinstance(truth["year"], int), name
    for query in load_queries(HELDOUT.judgments):
        for code in query.filters.get("district", []):
            assert code in g.districts or code in dated, (query.q, code)
        for code in query.filters.get("province", []):
            assert code in g.provinces, (query.q, code)


def test_labelled_paragraphs(texts):
    labels = load_labels(HELDOUT.labels)
    slugs = {t["slug"] for t in json.loads(TOPICS_JSON.read_text("utf-8"))["topics"]}
    paragraphs = labels["paragraphs"]
    assert len(paragraphs) >= 80
    for item in paragraphs:
        hits = [line for line in texts[item["file"]] if norm(item["marker"]) in line]
        assert len(hits) == 1, (item["file"], item["marker"], len(hits))
        assert item["topics"] and set(item["topics"]) <= slugs, item
        truth = labels["documents"][item["file"]]
        assert (item["district_code"], item["province_code"], item["year"]) == (
            truth["district_code"],
            truth["province_code"],
            truth["year"],
        ), item


@pytest.fixture(scope="module")
def figures():
    from bench.relevance import run

    return run(fast=True, bench=HELDOUT)


def test_heldout_harness_produces_figures(figures):
    assert figures["set"] == HELDOUT.name
    assert figures["files"] == len(corpus_files(HELDOUT))
    summary = figures["summary"]
    assert set(summary) == {"engine", "sqlite-fts5", "tantivy-default"}
    for rows in summary.values():
        assert set(rows) == set(CLASSES) | {"overall"}
        for row in rows.values():
            assert 0.0 <= row["ndcg10"] <= 1.0 and row["n"] >= 1
    tagger = figures["tagger"]
    assert not tagger["missing"], tagger["missing"]
    assert tagger["paragraphs"] >= 80
    for facet in ("district", "province", "year"):
        assert 0.0 <= tagger["accuracy"][facet] <= 1.0
        assert 0.0 <= tagger["document_accuracy"][facet] <= 1.0
    assert len(tagger["documents"]) == figures["files"]
    assert any(t["recall"] is not None for t in tagger["topics"].values())


def test_heldout_block_is_printed_apart(figures, capsys):
    from bench.relevance import print_heldout

    print_heldout(figures, show=0)
    out = capsys.readouterr().out
    assert "held-out (never tuned on)" in out
    assert "nDCG" in out and "Tagger" in out
