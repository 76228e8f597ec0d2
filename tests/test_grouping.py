"""Results by report (group=report): one hit per report, totals and facet counts of reports."""

from __future__ import annotations

import pytest

from indexer.facets import NAMES


def search(client, **params):
    r = client.get("/api/v1/search", params=params)
    assert r.status_code == 200, r.text
    return r.json()


QUERIES = ["nông thôn mới", "HĐND", "chuyển đổi số", ""]


@pytest.mark.parametrize("q", QUERIES)
def test_grouped_totals_are_the_distinct_reports_of_the_full_matches(read_client, q):
    flat = search(read_client, q=q, per_page=100, facets=False)
    assert flat["total"] <= 100 or q == "", "seed corpus grew: page through"
    reports = {h["document_id"] for h in flat["hits"] if not h["partial"]}
    grouped = search(read_client, q=q, group="report", per_page=100)
    if q:
        assert grouped["total_reports"] == len(reports) > 0
    assert grouped["total"] == flat["total"]
    full = [h for h in grouped["hits"] if not h["partial"]]
    assert len(full) == grouped["total_reports"]
    assert len({h["document_id"] for h in grouped["hits"]}) == len(grouped["hits"])
    if q:
        assert {h["document_id"] for h in full} == reports
        for hit in full:
            mine = [h for h in flat["hits"] if h["document_id"] == hit["document_id"] and not h["partial"]]
            assert hit["matching_paragraphs"] == len(mine)


def test_a_report_is_ranked_by_its_best_paragraph_with_two_more(read_client):
    flat = search(read_client, q="nông thôn mới", per_page=100, facets=False)
    flat["hits"] = [h for h in flat["hits"] if not h["partial"]]
    grouped = search(read_client, q="nông thôn mới", group="report", per_page=100, facets=False)
    grouped["hits"] = [h for h in grouped["hits"] if not h["partial"]]
    # Reports in the order of their first paragraph in the ungrouped ranking; that paragraph leads.
    first: dict[str, dict] = {}
    for h in flat["hits"]:
        first.setdefault(h["document_id"], h)
    assert [h["document_id"] for h in grouped["hits"]] == list(first)
    for hit in grouped["hits"]:
        assert hit["id"] == first[hit["document_id"]]["id"]
        assert "<mark>" in hit["highlight"]
        others = [h["id"] for h in flat["hits"] if h["document_id"] == hit["document_id"]][1:3]
        assert [m["id"] for m in hit["more"]] == others
        assert len(hit["more"]) == min(2, hit["matching_paragraphs"] - 1)
        for m in hit["more"]:
            assert m["id"] == f"{hit['document_id']}:{m['position']}" and "<mark>" in m["highlight"]
    assert any(h["more"] for h in grouped["hits"])


def test_grouped_pages_are_pages_of_reports(read_client):
    every = search(read_client, q="", group="report", per_page=100, facets=False)
    assert every["total_reports"] >= 3
    paged = [search(read_client, q="", group="report", per_page=2, page=p, facets=False) for p in (1, 2, 3)]
    ids = [h["document_id"] for r in paged for h in r["hits"]]
    assert ids == [h["document_id"] for h in every["hits"]][: len(ids)]
    assert all(r["total_reports"] == every["total_reports"] for r in paged)


@pytest.mark.parametrize("q", ["", "nông thôn mới", "cán bộ"])
def test_a_report_count_is_what_ticking_it_gives(read_client, q):
    grouped = search(read_client, q=q, group="report")
    checked = 0
    for facet in NAMES:
        for value in grouped["facets"][facet]:
            ticked = search(read_client, q=q, group="report", facets=False, per_page=100, **{facet: value["value"]})
            cards = [h for h in ticked["hits"] if not h["partial"]]
            assert ticked["total_reports"] == value["count"] == len(cards), (facet, value)
            checked += 1
    assert checked >= 5
    # Topics differ per paragraph: a report counts once, so fewer reports than paragraphs.
    flat = search(read_client, q=q)
    topic_flat = {v["value"]: v["count"] for v in flat["facets"]["topic"]}
    assert any(v["count"] < topic_flat[v["value"]] for v in grouped["facets"]["topic"])


def test_ungrouped_search_is_as_it_was(read_client):
    r = search(read_client, q="nông thôn mới")
    assert r["group"] == "paragraph" and r["total_reports"] is None  # not counted: see BENCHMARKS
    assert all("more" not in h and "matching_paragraphs" not in h for h in r["hits"])


def test_partial_matches_group_too(read_client):
    flat = search(read_client, q="nông thôn mới xyzzy")
    grouped = search(read_client, q="nông thôn mới xyzzy", group="report")
    assert flat["partial"] and grouped["partial"] and grouped["hits"]
    assert all(h["partial"] for h in grouped["hits"])
    assert grouped["total_reports"] == len({h["document_id"] for h in grouped["hits"]}) or grouped["total_reports"] > 10


@pytest.mark.parametrize("params", [{"group": "reports"}, {"group": ""}, {"format": "xls"}])
def test_bad_group_or_format_is_422(read_client, params):
    r = read_client.get("/api/v1/search", params={"q": "x", **params})
    assert r.status_code == 422 and r.json()["error"]["message"]


def _report_keys(index_dir) -> dict[str, set[int]]:
    """{report id: its paragraphs' report keys} of an index, read off its fast columns."""
    import tantivy

    from indexer import schema as F
    from indexer.store import IndexDir

    index = F.open_index(IndexDir(index_dir).tantivy_path)
    index.reload()
    searcher = index.searcher()
    agg = {"d": {"terms": {"field": F.DOC_ID, "size": 1000}, "aggs": {"k": {"terms": {"field": F.REPORT_KEY}}}}}
    buckets = searcher.aggregate(tantivy.Query.all_query(), agg)["d"]["buckets"]
    return {b["key"]: {k["key"] for k in b["k"]["buckets"]} for b in buckets}


def test_report_numbers_stay_unique_through_posts_and_deletes(client, writable_index):
    from indexer.facet_keys import report_number

    before = _report_keys(writable_index)
    assert all(len(keys) == 1 for keys in before.values())  # one key per report, on every paragraph
    numbers = {report_number(k) for keys in before.values() for k in keys}
    assert len(numbers) == len(before)
    headers = {"X-API-Key": "test-key-123"}
    text = (
        "Huyện Lục Nam, tỉnh Bắc Giang tổng kết năm 2023: hoàn thành xây dựng nông thôn mới kiểu mẫu tại 3 xã, "
        "thu ngân sách đạt 120% dự toán, an ninh được giữ vững, đời sống người dân được cải thiện."
    )
    r = client.post("/api/v1/documents", json={"text": text, "title": "Lục Nam 2023"}, headers=headers)
    assert r.status_code == 201, r.text
    first = r.json()["id"]
    victim = sorted(before)[0]
    assert client.delete(f"/api/v1/documents/{victim}", headers=headers).status_code == 200
    r = client.post(
        "/api/v1/documents", json={"text": text.replace("2023", "2024"), "title": "Lục Nam 2024"}, headers=headers
    )
    second = r.json()["id"]
    after = _report_keys(writable_index)
    assert victim not in after and {first, second} <= set(after)
    new = {report_number(next(iter(after[i]))) for i in (first, second)}
    # New reports take numbers past every one given before, the deleted one's included: a number names one report.
    assert min(new) > max(numbers) and len(new) == 2
    assert len({report_number(next(iter(k))) for k in after.values()}) == len(after)
    grouped = search(client, q="nông thôn mới", group="report", per_page=100)
    assert grouped["total_reports"] == len({h["document_id"] for h in grouped["hits"] if not h["partial"]})
    assert second in {h["document_id"] for h in grouped["hits"]}
