"""What an operator meets: a writable server started on nothing, /metrics, HEAD /,
and the one write path shared by the build and the API."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from indexer.build import build_index
from indexer.store import IndexDir
from search_api.app import create_app
from search_api.config import Settings

from .conftest import API_KEY, SEEDS

REPORT = (
    "Huyện ủy Lương Tài tổng kết công tác dân vận năm 2022\n\n"
    "Năm 2022, Ban Dân vận Huyện ủy Lương Tài đã tham mưu triển khai công tác dân vận chính quyền, "
    "phong trào thi đua dân vận khéo gắn với xây dựng nông thôn mới kiểu mẫu tại các xã.\n\n"
    "Mặt trận Tổ quốc và các đoàn thể vận động nhân dân hiến đất làm đường giao thông nông thôn, "
    "góp phần hoàn thành chỉ tiêu giải phóng mặt bằng các dự án trọng điểm của huyện."
)


def _metric(text: str, name: str, **labels: str) -> float | None:
    """The value of one sample in Prometheus' text format."""
    for line in text.splitlines():
        if not line.startswith(name + ("{" if labels else " ")):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line[: line.rindex("}")])) if labels else {}
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_writable_server_starts_on_a_missing_folder_and_takes_posts(tmp_path):
    index = tmp_path / "new" / "index"
    app = create_app(Settings(index=index, api_key=API_KEY))
    with TestClient(app) as client:
        assert client.get("/api/v1/health").json()["documents"] == 0
        assert client.get("/api/v1/search", params={"q": "dân vận"}).json()["total"] == 0
        posted = client.post("/api/v1/documents", json={"text": REPORT}, headers={"X-API-Key": API_KEY})
        assert posted.status_code == 201, posted.text
        found = client.get("/api/v1/search", params={"q": "công tác dân vận"}).json()
        assert found["total"] >= 1
        assert found["hits"][0]["document_id"] == posted.json()["id"]
        assert client.get("/api/v1/health").json()["documents"] == 1


def test_read_only_server_on_a_missing_folder_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="indexer build"):
        create_app(Settings(index=tmp_path / "nothing", api_key=None))


def test_a_build_into_a_server_made_index_keeps_what_was_posted(tmp_path):
    index = tmp_path / "index"
    with TestClient(create_app(Settings(index=index, api_key=API_KEY))) as client:
        posted = client.post("/api/v1/documents", json={"text": REPORT}, headers={"X-API-Key": API_KEY}).json()
    summary = build_index([SEEDS / "000_0c76d55f23b5fd2a.txt"], index, jobs=1)
    assert summary.added == 1 and summary.documents == 2
    assert IndexDir(index).original_path(posted["id"]).exists()


def test_deleting_removes_the_original_only_with_the_paragraphs(client):
    doc_id = client.get("/api/v1/search", params={"q": "nông thôn mới"}).json()["hits"][0]["document_id"]
    original = IndexDir(client.app.state.settings.index).original_path(doc_id)
    assert original.exists()
    assert client.delete(f"/api/v1/documents/{doc_id}", headers={"X-API-Key": API_KEY}).status_code == 200
    assert not original.exists()
    assert client.get(f"/api/v1/documents/{doc_id}").status_code == 404


def test_metrics_count_requests_by_route_and_read_the_index(client):
    client.get("/api/v1/search", params={"q": "nông thôn mới"})
    client.get("/api/v1/search", params={"q": "dân vận"})
    client.get("/api/v1/documents/0000000000000000")
    client.get("/api/v1/search", params={"page": 0})
    client.post("/api/v1/documents", json={"text": REPORT}, headers={"X-API-Key": API_KEY})
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert _metric(text, "vnsearch_http_requests_total", route="/api/v1/search", status="200") == 2
    assert _metric(text, "vnsearch_http_requests_total", route="/api/v1/search", status="422") == 1
    # By the route's template, never the raw path (a crawler cannot add series).
    assert _metric(text, "vnsearch_http_requests_total", route="/api/v1/documents/{doc_id}", status="404") == 1
    assert "0000000000000000" not in text
    assert _metric(text, "vnsearch_searches_total") == 2
    assert _metric(text, "vnsearch_ingested_total", result="created") == 1
    assert _metric(text, "vnsearch_index_documents") == 6
    count = _metric(text, "vnsearch_http_request_duration_seconds_count", route="/api/v1/search", method="GET")
    assert count == 3
    # Not part of the public API's schema.
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]


def test_head_of_the_page_answers_for_uptime_monitors(read_client):
    assert read_client.head("/").status_code == 200


def test_a_post_says_which_tags_were_given(client):
    body = {"text": REPORT, "district": "264", "year": 2021}
    answer = client.post("/api/v1/documents", json=body, headers={"X-API-Key": API_KEY}).json()
    assert answer["year"] == 2021 and answer["district"]["value"] == "264"
    assert set(answer["given"]) == {"district", "year"}
