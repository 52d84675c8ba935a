"""The SPARQL page's examples and prefixes against the bundled registry (in process)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from api.routers.sparql_page import EXAMPLES, PREFIXES, declared


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.key for e in EXAMPLES])
def test_every_example_returns_rows_on_a_fresh_registry(client, example):
    graph = example.query.lstrip().upper().startswith(("CONSTRUCT", "DESCRIBE"))
    response = client.get("/sparql", params={"query": declared(example.query), "format": "ntriples" if graph else "json"})
    assert response.status_code == 200, response.text
    if graph:
        assert response.text.count(" .\n") > 0
    elif "boolean" in response.json():
        assert response.json()["boolean"] is True
    else:
        assert len(response.json()["results"]["bindings"]) > 0


def test_declared_adds_only_the_prefixes_used_and_not_declared():
    query = "PREFIX skos: <http://example.org/other#>\nSELECT * WHERE { ?c skos:prefLabel ?l ; dct:modified ?m }"
    text = declared(query)
    assert f"PREFIX dct: <{PREFIXES['dct']}>" in text
    assert text.count("PREFIX skos:") == 1
    assert "PREFIX owl:" not in text


def test_the_form_without_script_runs_the_query_with_the_prefixes(client):
    response = client.get("/sparql/run", params={"query": EXAMPLES[1].query, "format": "csv"}, follow_redirects=False)
    assert response.status_code == 303
    sent = parse_qs(urlsplit(response.headers["location"]).query)
    assert sent["format"] == ["csv"]
    answer = client.get(response.headers["location"])
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert len(answer.text.splitlines()) > 2


@pytest.mark.parametrize("lang, title, absent", [("en", "Examples", "Voorbeelden"), ("nl", "Voorbeelden", "Examples")])
def test_the_page_is_in_the_asked_language_and_shows_the_prefixes(client, lang, title, absent):
    response = client.get("/sparql", params={"lang": lang}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert f"<h2>{title}</h2>" in response.text and f"<h2>{absent}</h2>" not in response.text
    for name, iri in PREFIXES.items():
        assert f"<code>{name}:</code>" in response.text and iri in response.text
    assert "<script>" not in response.text and " style=" not in response.text
