"""Taking results away: CSV and NDJSON exports, the Atom feed, and the page's static files."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from search_api import export

from .conftest import API_KEY

COLUMNS = list(export.COLUMNS)
ATOM = "{http://www.w3.org/2005/Atom}"


def get(client, path, **params):
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r


def every_full_match(client, **params) -> list[dict]:
    result = get(client, "/api/v1/search", per_page=100, facets=False, **params).json()
    assert result["total"] <= 100
    return [h for h in result["hits"] if not h["partial"]]


def read_csv(r) -> list[dict]:
    assert r.content.startswith("\ufeff".encode()), "no BOM"
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"), newline="")))
    assert rows == [] or list(rows[0]) == COLUMNS
    return rows


@pytest.mark.parametrize("q", ["nông thôn mới", "HĐND"])
def test_csv_holds_every_full_match_in_order(read_client, q):
    hits = every_full_match(read_client, q=q)
    r = get(read_client, "/api/v1/search", q=q, format="csv")
    rows = read_csv(r)
    assert int(r.headers["x-total-count"]) == len(hits) == len(rows) > 0
    assert r.headers["x-export-capped"] == "false"
    assert [row["paragraph_id"] for row in rows] == [h["id"] for h in hits]
    for row, hit in zip(rows, hits, strict=True):
        assert row["text"] == hit["text"] and row["report_id"] == hit["document_id"]
        assert row["district"] == (hit["district"]["label"] if hit["district"] else "")
        assert row["province_2025"] == (hit["province_2025"]["label"] if hit["province_2025"] else "")
        assert row["year"] == (str(hit["year"]) if hit["year"] else "")
        assert row["topics"] == "; ".join(t["label"] for t in hit["topics"])


def test_csv_quotes_quotes_and_carries_the_report_address(client):
    text = "\n\n".join(
        f'Đoạn {n} của báo cáo kiểm thử xuất dữ liệu: có dấu "ngoặc kép", dấu phẩy, và chữ Việt; '
        "huyện đẩy mạnh chuyển đổi số trong các cơ quan, đơn vị, tiếp tục triển khai hiệu quả."
        for n in range(1, 4)
    )
    url = "https://example.gov.vn/bao-cao-kiem-thu"
    r = client.post(
        "/api/v1/documents", headers={"X-API-Key": API_KEY}, json={"text": text, "title": "Xuất", "url": url}
    )
    assert r.status_code == 201, r.text
    rows = read_csv(get(client, "/api/v1/search", q='"ngoặc kép"', format="csv"))
    assert len(rows) >= 3 and all('"ngoặc kép"' in row["text"] for row in rows)
    # The address is stored on the report's first paragraph; every row of the report carries it.
    assert {row["url"] for row in rows} == {url} and any(row["position"] != "0" for row in rows)


def test_csv_rows_with_newlines_survive(monkeypatch):
    from datetime import date

    from search_api.engine import Row, Rows

    row = Row("r", "r:0", 0, 'Tiêu đề, "trích"', None, None, None, 2024, date(2024, 6, 30), [], None, "một\nhai\r\nba")
    body = "".join(export._csv(iter([row])))
    back = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"), newline="")))
    assert back[1][3] == 'Tiêu đề, "trích"' and back[1][-1] == "một\nhai\r\nba" and back[1][8] == "2024-06-30"
    assert Rows(1, False, iter([row])).total == 1


def test_grouped_export_is_one_row_per_report(read_client):
    grouped = get(read_client, "/api/v1/search", q="nông thôn mới", group="report", per_page=100).json()
    full = [h for h in grouped["hits"] if not h["partial"]]
    r = get(read_client, "/api/v1/search", q="nông thôn mới", group="report", format="ndjson")
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert r.headers["content-type"].startswith("application/x-ndjson")
    assert int(r.headers["x-total-count"]) == grouped["total_reports"] == len(lines)
    assert [(x["report_id"], x["paragraph_id"]) for x in lines] == [(h["document_id"], h["id"]) for h in full]
    assert all(list(x) == COLUMNS for x in lines)


def test_ndjson_lines_parse_and_filters_apply(read_client):
    every = get(read_client, "/api/v1/search", q="", facets=True).json()
    year = every["facets"]["year"][0]
    r = get(read_client, "/api/v1/search", q="", year=year["value"], format="ndjson")
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert len(lines) == year["count"] == int(r.headers["x-total-count"])
    assert all(x["year"] == int(year["value"]) for x in lines)


def test_export_stops_at_the_cap_and_says_so(read_client, monkeypatch):
    monkeypatch.setattr(export, "EXPORT_CAP", 7)
    r = get(read_client, "/api/v1/search", q="", format="csv")
    rows = read_csv(r)
    assert len(rows) == 7 and int(r.headers["x-total-count"]) > 7
    assert r.headers["x-export-capped"] == "true" and r.headers["x-export-cap"] == "7"


def test_documents_export(read_client):
    listed = get(read_client, "/api/v1/documents", q="nông thôn mới", per_page=100).json()
    r = get(read_client, "/api/v1/documents", q="nông thôn mới", format="csv")
    rows = read_csv(r)
    assert [row["report_id"] for row in rows] == [d["id"] for d in listed["documents"]]
    assert int(r.headers["x-total-count"]) == listed["total"] and all(row["position"] == "0" for row in rows)
    lines = get(read_client, "/api/v1/documents", format="ndjson").text.splitlines()
    assert len(lines) == get(read_client, "/api/v1/documents").json()["total"]
    bad = read_client.get("/api/v1/documents", params={"format": "atom"})
    assert bad.status_code == 422 and "format" in bad.json()["error"]["message"]


def test_atom_feed_parses_newest_first(read_client):
    r = get(read_client, "/api/v1/search", q="nông thôn mới", format="atom", page=3, sort="oldest")
    assert r.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(r.content)  # well-formed
    # What Atom (RFC 4287) requires: feed id, title, updated, an author; each entry id, title, updated.
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for tag in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.get("bozo_exception")
    grouped = get(read_client, "/api/v1/search", q="nông thôn mới", group="report", per_page=100).json()
    assert len(feed.entries) == grouped["total_reports"] == len(entries) > 1
    stamps = [e.updated for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    # Stable: the same ids (and feed id) on the next poll, whatever page or order the link had.
    again = feedparser.parse(get(read_client, "/api/v1/search", q="nông thôn mới", format="atom").content)
    assert [e.id for e in again.entries] == [e.id for e in feed.entries] and again.feed.id == feed.feed.id
    best = {h["document_id"]: h for h in grouped["hits"]}
    for e in feed.entries:
        report = e.id.rsplit(":", 1)[1]
        assert best[report]["text"] in e.summary  # the report's best paragraph
        assert f"doc={report}" in e.link


def test_feed_ids_differ_per_search(read_client):
    a = feedparser.parse(get(read_client, "/api/v1/search", q="nông thôn mới", format="atom").content)
    b = feedparser.parse(get(read_client, "/api/v1/search", q="HĐND", format="atom").content)
    assert a.feed.id != b.feed.id


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/style.css"])
def test_page_and_static_files_answer_head_with_validators(read_client, path):
    got, head = read_client.get(path), read_client.head(path)
    assert got.status_code == head.status_code == 200
    assert head.content == b"" and head.headers["content-length"] == got.headers["content-length"]
    assert "no-cache" in got.headers["cache-control"]
    if path != "/":
        etag = got.headers["etag"]
        assert head.headers["etag"] == etag
        again = read_client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304
