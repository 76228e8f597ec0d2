"""The HTTP contract, through FastAPI's TestClient on the real seed index."""

import html
import re

import pytest

from indexer.facets import FACETS

from .conftest import API_KEY


def search(client, **params):
    r = client.get("/api/v1/search", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def texts(result):
    return [h["text"].lower() for h in result["hits"]]


@pytest.mark.parametrize("q", ["nông thôn mới kiểu mẫu", "nong thon moi kieu mau", "NTM kiểu mẫu"])
def test_same_paragraphs_whatever_the_spelling(read_client, q):
    result = search(read_client, q=q)
    assert result["total"] >= 3
    assert any("nông thôn mới kiểu mẫu" in t for t in texts(result))
    assert any("ntm kiểu mẫu" in t for t in texts(result))


def test_tone_placement_variants_match(read_client):
    a, b = search(read_client, q="Tỉnh uỷ"), search(read_client, q="Tỉnh ủy")
    assert a["total"] == b["total"] > 0
    assert [h["id"] for h in a["hits"]] == [h["id"] for h in b["hits"]]


def test_abbreviation_finds_expansion_and_back(read_client):
    by_abbr = search(read_client, q="HĐND", per_page=50)
    assert any("hội đồng nhân dân" in t and "hđnd" not in t for t in texts(by_abbr))
    by_words = search(read_client, q="hội đồng nhân dân", per_page=50)
    assert any("hđnd" in t and "hội đồng nhân dân" not in t for t in texts(by_words))


def test_accented_query_prefers_exact_marks(read_client):
    result = search(read_client, q="mới", per_page=100)
    first = result["hits"][0]["text"].lower()
    assert re.search(r"\bmới\b", first)


def test_cross_boundary_ranks_the_real_word_first(client):
    client.post(
        "/api/v1/documents",
        headers={"X-API-Key": API_KEY},
        json={
            "text": "Hội nghị quyết định giao chỉ tiêu thu ngân sách cho các xã trong năm 2022 với tổng số 30 tỷ đồng, "
            "tăng 10% so với năm trước; các xã cam kết hoàn thành đúng tiến độ được giao.",
            "title": "Giao chỉ tiêu ngân sách",
        },
    )
    result = search(client, q="nghị quyết")
    assert "hội nghị quyết định" not in result["hits"][0]["text"].lower()


def test_adjacent_syllables_rank_above_scattered_ones(client):
    """Proximity: a paragraph with the run "nông thôn mới" comes before one that has the same
    syllables apart (and more often, which alone would rank it first), typed with or without marks."""
    for text, title in (
        (
            "Năm 2023, huyện Yên Thế tiếp tục xây dựng nông thôn mới theo kế hoạch đã đề ra; các xã trên địa bàn "
            "hoàn thành đủ chỉ tiêu được giao, thu nhập bình quân đầu người tăng khá so với năm trước, hạ tầng giao "
            "thông, thủy lợi, trường học và trạm y tế tiếp tục được đầu tư, đời sống người dân được cải thiện.",
            "Liền mạch",
        ),
        (
            "Nông dân thôn Đông nhận giống mới, nông dân thôn Tây nhận máy mới, nông dân thôn Nam nhận phân mới.",
            "Rời rạc",
        ),
    ):
        r = client.post("/api/v1/documents", headers={"X-API-Key": API_KEY}, json={"text": text, "title": title})
        assert r.status_code == 201, r.text
    for q in ("nông thôn mới", "nong thon moi"):
        titles = [h["title"] for h in search(client, q=q, per_page=100)["hits"]]
        assert "Rời rạc" in titles and titles.index("Liền mạch") < titles.index("Rời rạc"), q


def test_year_range_filter(read_client):
    every = search(read_client, q="")
    years = {int(v["value"]): v["count"] for v in every["facets"]["year"]}
    assert len(years) >= 2
    low, high = min(years), max(years)
    ranged = search(read_client, q="", year_from=low, year_to=low, per_page=100)
    assert ranged["total"] == years[low] and all(h["year"] == low for h in ranged["hits"])
    upto = search(read_client, q="", year_to=high - 1, per_page=100)
    assert upto["total"] == sum(n for y, n in years.items() if y < high)
    assert all(h["year"] is not None and h["year"] < high for h in upto["hits"])


def test_quoted_phrase_and_exclusion(read_client):
    phrase = search(read_client, q='"giải phóng mặt bằng"', per_page=50)
    assert phrase["total"] > 0 and all("giải phóng mặt bằng" in t for t in texts(phrase))
    excluded = search(read_client, q='"giải phóng mặt bằng" -GPMB', per_page=50)
    assert excluded["total"] < phrase["total"]
    assert all("gpmb" not in t for t in texts(excluded))


def test_or(read_client):
    a = search(read_client, q="OCOP")["total"]
    b = search(read_client, q="captcha")["total"]
    both = search(read_client, q="OCOP OR du lịch")["total"]
    assert both >= a and b == 0


def test_partial_matches_are_flagged(read_client):
    result = search(read_client, q="nông thôn mới zyxwv")
    assert result["partial"] is True and result["total"] > 0 and all(h["partial"] for h in result["hits"])


def test_did_you_mean_for_unaccented(read_client):
    assert search(read_client, q="nong thon moi")["did_you_mean"] == "nông thôn mới"
    assert search(read_client, q="nông thôn mới")["did_you_mean"] is None


def test_empty_query_browses_everything(read_client):
    result = search(read_client)
    assert result["total"] == read_client.get("/api/v1/health").json()["paragraphs"]


def test_facet_counts_equal_filtered_totals(read_client):
    base = search(read_client, q="kinh tế")
    for facet in ("district", "province", "year", "topic"):
        assert base["facets"][facet], facet
        for value in base["facets"][facet]:
            filtered = search(read_client, q="kinh tế", **{facet: value["value"]})
            assert filtered["total"] == value["count"], (facet, value)


def test_facets_are_disjunctive(read_client):
    one = search(read_client, q="kinh tế", district="264")
    districts = {v["value"]: v for v in one["facets"]["district"]}
    assert districts["264"]["selected"] and len(districts) > 1  # other districts still offered
    two = search(read_client, q="kinh tế", district=["264", "352"])
    assert two["total"] == districts["264"]["count"] + districts["352"]["count"]
    assert search(read_client, q="kinh tế", district="264", year=2021)["total"] == 0  # AND across facets


@pytest.mark.parametrize("q", ["kinh tế", "nong thon moi", "nông thôn mới xyzzy"])  # full, unaccented, partial
def test_facets_can_be_skipped_without_changing_the_hits(read_client, q):
    counted = search(read_client, q=q, district="264")
    bare = search(read_client, q=q, district="264", facets="false")
    assert bare["facets"] == {f.name: [] for f in FACETS}
    assert any(counted["facets"].values())
    for key in ("total", "partial", "did_you_mean"):
        assert bare[key] == counted[key], key
    assert [h["id"] for h in bare["hits"]] == [h["id"] for h in counted["hits"]]
    assert read_client.get("/api/v1/search", params={"q": q, "facets": "sometimes"}).status_code == 422


def test_labels_and_hit_shape(read_client):
    hit = search(read_client, q="Lương Tài")["hits"][0]
    assert hit["district"] == {"value": "264", "label": "Lương Tài (Bắc Ninh)"}
    assert hit["province"]["label"] == "Bắc Ninh" and hit["year"] == 2022
    assert hit["id"] == f"{hit['document_id']}:{hit['position']}"


def test_pagination_is_stable(read_client):
    full = [h["id"] for h in search(read_client, q="kinh tế", per_page=20)["hits"]]
    paged = [h["id"] for p in (1, 2, 3, 4) for h in search(read_client, q="kinh tế", per_page=5, page=p)["hits"]]
    assert paged == full


def test_sort_newest(read_client):
    years = [h["year"] for h in search(read_client, sort="newest", per_page=100)["hits"]]
    assert years == sorted(years, reverse=True)


def test_documents_list_and_detail(read_client):
    docs = read_client.get("/api/v1/documents", params={"province": "31"}).json()
    assert docs["total"] == 2 and {d["district"]["label"] for d in docs["documents"]} == {
        "Kiến Thụy (Hải Phòng)",
        "Thủy Nguyên (Hải Phòng)",
    }
    doc = read_client.get(f"/api/v1/documents/{docs['documents'][0]['id']}").json()
    assert [p["position"] for p in doc["paragraphs"]] == list(range(len(doc["paragraphs"])))
    # Report-level fields (kept on the first paragraph only) reach both the list and the page.
    listed = docs["documents"][0]
    assert listed["paragraphs"] == len(doc["paragraphs"]) == doc["paragraphs"][-1]["position"] + 1
    assert listed["file"] and listed["file"] == doc["file"] and doc["file"].endswith(".txt")
    assert all(p["id"] == f"{doc['id']}:{p['position']}" for p in doc["paragraphs"])


def test_suggest_is_accent_insensitive(read_client):
    suggestions = [s["text"] for s in read_client.get("/api/v1/suggest", params={"q": "nong th"}).json()["suggestions"]]
    assert "nông thôn" in suggestions and "nông thôn mới" in suggestions and len(suggestions) <= 10


def test_facets_and_health(read_client):
    facets = read_client.get("/api/v1/facets").json()
    assert {v["label"] for v in facets["year"]} == {"2020", "2021", "2022"}
    health = read_client.get("/api/v1/health").json()
    assert health["status"] == "ok" and health["documents"] == 5


def test_ingest_search_delete_and_html_escaping(client):
    body = {
        "text": "Huyện Lục Nam, tỉnh Bắc Giang tổng kết năm 2023: hoàn thành xây dựng nông thôn mới kiểu mẫu tại "
        "3 xã, <script>alert('x')</script> thu ngân sách đạt 120% dự toán, an ninh được giữ vững.",
        "title": "Lục Nam tổng kết năm 2023",
    }
    r = client.post("/api/v1/documents", json=body, headers={"X-API-Key": API_KEY})
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["district"]["label"] == "Lục Nam (Bắc Giang)" and created["year"] == 2023
    again = client.post("/api/v1/documents", json=body, headers={"X-API-Key": API_KEY})
    assert again.status_code == 200 and again.json()["id"] == created["id"] and again.json()["created"] is False
    hits = search(client, q="alert", district="218")["hits"]
    assert hits and "<script>" not in hits[0]["highlight"] and "&lt;script&gt;" in hits[0]["highlight"]
    assert "<mark>alert</mark>" in hits[0]["highlight"]
    assert html.unescape(re.sub("</?mark>", "", hits[0]["highlight"])).replace(" …", "").strip() in hits[0]["text"]
    assert client.delete(f"/api/v1/documents/{created['id']}", headers={"X-API-Key": API_KEY}).status_code == 200
    assert search(client, q="alert", district="218")["total"] == 0
    assert client.get(f"/api/v1/documents/{created['id']}").status_code == 404


def test_auth(client, read_client):
    body = {"text": "Một báo cáo đủ dài để được lập chỉ mục, nói về công tác xây dựng Đảng của huyện trong năm 2022."}
    assert client.post("/api/v1/documents", json=body).status_code == 401
    assert client.post("/api/v1/documents", json=body, headers={"X-API-Key": "wrong"}).status_code == 403
    r = read_client.post("/api/v1/documents", json=body, headers={"X-API-Key": "anything"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "writes_disabled"
    assert client.delete("/api/v1/documents/0123456789abcdef").status_code == 401


@pytest.mark.parametrize(
    "path,params,status",
    [
        ("/api/v1/search", {"per_page": 0}, 422),
        ("/api/v1/search", {"per_page": 101}, 422),
        ("/api/v1/search", {"page": 0}, 422),
        ("/api/v1/search", {"q": "x" * 501}, 422),
        ("/api/v1/search", {"year": "abc"}, 422),
        ("/api/v1/search", {"sort": "random"}, 422),
        ("/api/v1/search", {"year_from": 2022, "year_to": 2020}, 422),
        ("/api/v1/documents/doesnotexist", {}, 404),
        ("/api/v1/documents/0123456789abcdef", {}, 404),
        ("/api/v1/documents/..%2F..%2Fetc%2Fpasswd", {}, 404),
    ],
)
def test_errors_are_json(read_client, path, params, status):
    r = read_client.get(path, params=params)
    assert r.status_code == status
    body = r.json()
    assert set(body["error"]) == {"code", "message"} and body["error"]["message"]


@pytest.mark.parametrize("q", ['"', "-", "OR", "- -x", '"" OR ""', "((", "*", "a OR", "OR b", "\u0301", "🙂", '-"a b"'])
def test_odd_queries_never_fail(read_client, q):
    assert read_client.get("/api/v1/search", params={"q": q}).status_code == 200


def test_body_limits(client):
    r = client.post(
        "/api/v1/documents",
        content=b"x" * (3 * 1024 * 1024),
        headers={"X-API-Key": API_KEY, "Content-Type": "application/json"},
    )
    assert r.status_code == 413
    r = client.post("/api/v1/documents", json={"text": "ngắn"}, headers={"X-API-Key": API_KEY})
    assert r.status_code == 422 and r.json()["error"]["code"]


def test_security_headers(read_client):
    r = read_client.get("/api/v1/health")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in r.headers


def test_openapi(read_client):
    spec = read_client.get("/openapi.json").json()
    assert "/api/v1/search" in spec["paths"] and "/api/v1/documents/{doc_id}" in spec["paths"]


def test_did_you_mean_for_misspelt(read_client):
    result = search(read_client, q="giai phong mat bangg")
    assert result["did_you_mean"] == "giải phóng mặt bằng"
    assert search(read_client, q=result["did_you_mean"])["total"] > 0


def test_few_full_matches_are_followed_by_partial_ones(read_client):
    result = search(read_client, q="thu nhập bình quân đầu người", per_page=20)
    full = [h for h in result["hits"] if not h["partial"]]
    assert result["total"] == len(full) >= 1 and result["partial"] is False
    assert len(result["hits"]) > len(full) and all(h["partial"] for h in result["hits"][len(full) :])
    assert "thu nhập bình quân đầu người" in result["hits"][0]["text"].lower()
    # Facet counts still describe the full matches: ticking one gives its count.
    for value in result["facets"]["district"]:
        assert search(read_client, q="thu nhập bình quân đầu người", district=value["value"])["total"] == value["count"]


def test_did_you_mean_for_wrong_marks(read_client):
    assert search(read_client, q="nông thôn mởi")["did_you_mean"] == "nông thôn mới"
    assert search(read_client, q="Tỉnh uỷ")["did_you_mean"] is None


def test_concurrent_searches_answer_as_one_at_a_time(engine, monkeypatch):
    """Searches in flight together count facets on their own thread, one alone on a second
    thread (see ``Engine._count_facets``): both give the same answers."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from search_api import facets
    from search_api.engine import SearchParams

    where: set[bool] = set()
    compute = facets.compute

    def recording(*args):
        where.add(threading.current_thread().name.startswith("facets"))
        return compute(*args)

    monkeypatch.setattr(facets, "compute", recording)

    queries = [
        SearchParams(q="kinh tế"),
        SearchParams(q="nong thon moi", district=["264"]),
        SearchParams(q="HĐND", year=[2022]),
        SearchParams(q='"giải phóng mặt bằng"'),
        SearchParams(q="an ninh", topic=["quoc-phong-an-ninh"], year_from=2021),
    ]

    def answer(params):
        r = engine.search(params)
        return r.model_dump(exclude={"took_ms"})

    alone = [answer(p) for p in queries]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(answer, queries * 8))
    assert together == alone * 8
    assert all(a["facets"]["district"] and a["total"] for a in alone[:3])
    assert where == {True, False}  # both ways were taken
