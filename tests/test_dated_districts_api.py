"""A report about a district merged away since is found and labelled under its name then, over HTTP."""

from __future__ import annotations

from .conftest import API_KEY


def posted_under(client, body: dict, code: str, label: str, year: int, q: str) -> dict:
    """POST ``body``; it must be tagged ``code`` under ``label`` and ``year``, and found with that facet
    value labelled so. Returns the facet value."""
    r = client.post("/api/v1/documents", json=body, headers={"X-API-Key": API_KEY})
    assert r.status_code == 201, r.text
    assert r.json()["district"] == {"value": code, "label": label} and r.json()["year"] == year
    found = client.get("/api/v1/search", params={"q": q, "district": code}).json()
    assert found["total"] >= 1
    facet = {v["value"]: v for v in found["facets"]["district"]}
    assert facet[code]["label"] == label
    return facet[code]


def test_a_merged_district_is_a_facet_with_its_label_then(client):
    body = {
        "text": "Ban Chấp hành Đảng bộ huyện tổng kết năm 2023\n\nSáng 12/12/2023, Ban Chấp hành Đảng bộ huyện "
        "tổng kết nhiệm vụ chính trị năm 2023: 39/42 chỉ tiêu đạt và vượt, thu ngân sách đạt 104% dự toán.",
        "url": "https://baobariavungtau.com.vn/chinh-tri/202312/huyen-long-dien-tong-ket-nam-2023-1/",
    }
    value = posted_under(client, body, "974", "Long Điền (nay Long Đất, Bà Rịa - Vũng Tàu)", 2023, "chỉ tiêu")
    assert value["lat"] is not None  # on the map at Long Đất
    # A caller may give the retired district's code too.
    given = dict(body, text=body["text"] + " Nhân dân đồng thuận cao.", url=None, district="975")
    r = client.post("/api/v1/documents", json=given, headers={"X-API-Key": API_KEY})
    assert r.status_code == 201 and r.json()["district"]["label"] == "Đất Đỏ (nay Long Đất, Bà Rịa - Vũng Tàu)"


def test_a_district_of_the_2019_2021_round_is_a_facet_under_its_name_then(client):
    body = {
        "text": "Huyện ủy Thông Nông tổng kết năm 2018\n\nSáng 21/12/2018, Huyện ủy Thông Nông tổng kết công tác năm "
        "2018: 14/16 chỉ tiêu đạt và vượt, trồng mới 320 ha rừng phòng hộ đầu nguồn.",
    }
    posted_under(client, body, "979", "Thông Nông (nay Hà Quảng, Cao Bằng)", 2018, "rừng phòng hộ")
    # Filtering by its successor does not find it: in 2018 the report was not Hà Quảng's.
    assert client.get("/api/v1/search", params={"q": "rừng phòng hộ", "district": "045"}).json()["total"] == 0
