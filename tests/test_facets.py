"""Facets are defined once (indexer.facets): the API's parameters, its answers,
the definitions the page reads and `indexer stats` all follow that list."""

from __future__ import annotations

from indexer.facets import FACETS, NAMES
from indexer.stats import render_stats


def test_every_facet_is_a_documented_search_parameter_and_a_key_of_the_counts(read_client):
    schema = read_client.get("/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
    for facet in FACETS:
        assert facet.name in parameters, facet.name
        assert facet.values in parameters[facet.name]["description"]
    assert list(read_client.get("/api/v1/facets").json()) == list(NAMES)
    assert list(read_client.get("/api/v1/search", params={"q": "nông thôn"}).json()["facets"]) == list(NAMES)


def test_the_page_reads_titles_from_the_definitions(read_client):
    definitions = read_client.get("/api/v1/facets/definitions").json()
    assert [d["name"] for d in definitions] == list(NAMES)
    assert {d["name"]: d["title"] for d in definitions}["district"] == "Huyện / quận"


def test_a_facet_value_filters_to_what_its_count_said(read_client):
    counts = read_client.get("/api/v1/search", params={"q": "nông thôn mới"}).json()["facets"]
    for facet in FACETS:
        for value in counts[facet.name][:2]:
            ticked = read_client.get("/api/v1/search", params={"q": "nông thôn mới", facet.name: value["value"]})
            assert ticked.json()["total"] == value["count"], (facet.name, value)


def test_a_numeric_facet_refuses_text(read_client):
    response = read_client.get("/api/v1/search", params={"year": "hai nghìn"})
    assert response.status_code == 422


def test_stats_lists_every_facet_with_labels(seed_index):
    text = render_stats(seed_index)
    for facet in FACETS:
        assert f"by {facet.name}:" in text
    assert "Lương Tài" in text


def test_todays_province_is_a_facet_and_a_filter_beside_the_legacy_one(read_client):
    """Bình Lục (Hà Nam) is in Ninh Bình since 1/7/2025: people looking for Ninh Bình find it."""
    from indexer.provinces2025 import province_2025

    ninh_binh = province_2025("35")  # Hà Nam's legacy code
    assert ninh_binh.short == "Ninh Bình"
    counts = read_client.get("/api/v1/facets").json()
    today = {v["value"]: v for v in counts["province_2025"]}
    assert today[ninh_binh.code]["label"] == "Ninh Bình"
    found = read_client.get("/api/v1/search", params={"province_2025": ninh_binh.code}).json()
    assert found["total"] == today[ninh_binh.code]["count"] > 0
    assert {h["province"]["label"] for h in found["hits"]} == {"Hà Nam"}
    assert {h["province_2025"]["label"] for h in found["hits"]} == {"Ninh Bình"}
