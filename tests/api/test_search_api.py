"""`GET /api/search` and `GET /api/autocomplete` over the real bundled vocabularies."""

from __future__ import annotations

import pytest

PROBLEM = "application/problem+json"
ESCO_SKILL = "http://data.europa.eu/esco/model#Skill"


def search(client, **params):
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def autocomplete(client, **params):
    response = client.get("/api/autocomplete", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_search_answers_with_ranked_hits_and_a_count(client):
    body = search(client, q="kunstzinnige orientatie")
    assert body["count"] >= 2 and body["count_exact"] is True
    assert (body["offset"], body["limit"]) == (0, 20)
    first = body["data"][0]
    assert first["match"] == "exact"
    assert first["label"] == first["matched_label"] == "Kunstzinnige oriëntatie"
    assert first["matched_property"] == "prefLabel" and first["matched_language"] == "nl"
    assert first["uri"].startswith("https://opendata.slo.nl/curriculum/uuid/")
    assert set(first) == {
        "uri", "vocabulary", "label", "label_language", "matched_label", "matched_property",
        "matched_language", "match", "notation", "deprecated", "types",
    }


def test_match_kinds_come_in_rank_order(client):
    order = ["exact", "prefix", "word-prefix", "fuzzy"]
    kinds = [hit["match"] for hit in search(client, q="engels", limit=50)["data"]]
    assert kinds == sorted(kinds, key=order.index)
    assert kinds[0] == "exact" and "prefix" in kinds and "word-prefix" in kinds


def test_vocabulary_is_repeatable(client):
    hits = search(client, q="engels", vocabulary=["slo-vakleergebieden", "slo-fo-kerndoelen"], limit=50)["data"]
    assert {hit["vocabulary"] for hit in hits} == {"slo-vakleergebieden", "slo-fo-kerndoelen"}


def test_type_filter(client):
    hits = search(client, q="communicat", type=ESCO_SKILL, limit=50)["data"]
    assert hits and all(ESCO_SKILL in hit["types"] for hit in hits)


def test_language_filter_and_label_language(client):
    hits = search(client, q="economy and finance", lang="en")["data"]
    assert hits[0]["label"] == "Economy and finance" and hits[0]["label_language"] == "en"
    assert not search(client, q="economy and finance", lang="nl", vocabulary="eu-data-theme")["data"]
    dutch = search(client, q="economy and finance", vocabulary="eu-data-theme")["data"][0]
    assert (dutch["label"], dutch["label_language"]) == ("Economie en financiën", "nl")


def test_deprecated_concepts_only_when_asked(client):
    default = search(client, q="Schriftelijk taalonderwijs", vocabulary="slo-kerndoelen", limit=50)
    assert not any(hit["deprecated"] for hit in default["data"])
    included = search(client, q="Schriftelijk taalonderwijs", vocabulary="slo-kerndoelen", deprecated="true", limit=50)
    assert any(hit["deprecated"] for hit in included["data"])
    assert included["count"] > default["count"]


def test_notation_search(client):
    hits = search(client, q="VO Kerndoel 31")["data"]
    assert hits[0]["notation"] == "VO Kerndoel 31" and hits[0]["matched_property"] == "notation"
    assert hits[0]["label"] == "Processen in de natuur"


def test_paging(client):
    first = search(client, q="taal", limit=5)
    second = search(client, q="taal", offset=5, limit=5)
    both = search(client, q="taal", limit=10)
    assert [h["uri"] for h in first["data"] + second["data"]] == [h["uri"] for h in both["data"]]
    assert search(client, q="taal", limit=500)["limit"] == 50  # capped


def test_autocomplete_suggests_the_best_few(client):
    body = autocomplete(client, q="Kunstz", lang="nl", limit=5)
    assert 0 < body["count"] == len(body["data"]) <= 5
    labels = [hit["matched_label"] for hit in body["data"]]
    assert labels[0].lower().startswith("kunstz")  # label prefixes before word prefixes
    assert "Kunstzinnige oriëntatie" in labels  # SLO's learning area, beside ESCO's Dutch occupations
    assert all(any(word.startswith("kunstz") for word in hit["matched_label"].lower().split()) for hit in body["data"])
    assert autocomplete(client, q="s", limit=500)["count"] == 20  # capped
    diacritics = autocomplete(client, q="geisoleerde", vocabulary="slo-doelen")["data"]
    assert diacritics and all("geïsoleerde" in hit["matched_label"].lower() for hit in diacritics)


@pytest.mark.parametrize(
    ("path", "params", "status", "location"),
    [
        ("/api/search", {"q": "?!"}, 400, "q"),
        ("/api/search", {"q": "taal", "limit": "0"}, 400, "limit"),
        ("/api/search", {"q": "taal", "offset": "-1"}, 400, "offset"),
        ("/api/search", {"q": "taal", "offset": "2000"}, 400, "offset"),
        ("/api/search", {"q": "taal", "vocabulary": "no-such-list"}, 400, "vocabulary"),
        ("/api/search", {"q": "taal", "type": "not an iri"}, 400, "type"),
        ("/api/search", {"q": "taal", "lang": "n l"}, 400, "lang"),
        ("/api/autocomplete", {"q": "taal", "vocabulary": "no-such-list"}, 400, "vocabulary"),
        ("/api/autocomplete", {"q": "taal", "limit": "-3"}, 400, "limit"),
    ],
)
def test_bad_parameters_are_problems_naming_the_parameter(client, path, params, status, location):
    response = client.get(path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["location"] == location


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/api/search", {}, "q"),
        ("/api/search", {"q": ""}, "q"),
        ("/api/search", {"q": "taal", "deprecated": "maybe"}, "deprecated"),
        ("/api/autocomplete", {"q": "taal", "limit": "many"}, "limit"),
    ],
)
def test_malformed_parameters_are_422_problems(client, path, params, name):
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)
    assert name in {p["name"] for p in response.json()["invalid_params"]}
