"""PATCH …/draft/concepts changes only what it names (issue #14): per-language values, an explicit
`remove`, an answer that says what changed, and a 422 problem for an edit that would lose data."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.auth import Role
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import issue_token
from tests.conftest import VOCABULARIES_DIR

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
AR = "https://w3id.org/eduvoc/vocab/werkvormen/augmented-reality"
PATH = "/api/vocabularies/werkvormen/draft/concepts"


@pytest.fixture
def client(test_settings):
    store = OxigraphStore()
    create_organisation(store, "kennisnet", "Kennisnet")
    token, _ = issue_token(store, "kennisnet", Role.EDITOR)
    with TestClient(create_app(test_settings, store=store)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        assert client.put("/api/vocabularies/werkvormen/draft", content=WERKVORMEN.read_bytes(), headers={"Content-Type": "text/turtle"}).status_code == 200
        yield client


def concept(client) -> dict:
    """The concept as the draft's Turtle export has it: {property: {language: [values]}}."""
    from rdflib import Graph, URIRef

    graph = Graph().parse(data=client.get("/api/vocabularies/werkvormen/draft/export", params={"format": "turtle"}).text, format="turtle")
    found: dict[str, dict[str, list[str]]] = {}
    for p, o in graph.predicate_objects(URIRef(AR)):
        found.setdefault(str(p).rsplit("#", 1)[-1], {}).setdefault(getattr(o, "language", None) or "", []).append(str(o))
    return found


def test_an_english_definition_keeps_the_dutch_one(client):
    before = concept(client)["definition"]
    response = client.patch(PATH, params={"uri": AR}, json={"definitions": {"en": "Overlaying digital objects."}})
    assert response.status_code == 200, response.text
    assert concept(client)["definition"] == {"nl": before["nl"], "en": ["Overlaying digital objects."]}
    assert response.json()["changed"] == [{"field": "definitions", "language": "en", "old": before["en"], "new": ["Overlaying digital objects."]}]


def test_remove_names_the_languages_to_remove(client):
    response = client.patch(PATH, params={"uri": AR}, json={"remove": {"definitions": ["en"]}})
    assert response.status_code == 200, response.text
    assert set(concept(client)["definition"]) == {"nl"}
    assert response.json()["changed"][0]["new"] == []


def test_an_edit_that_drops_the_dutch_label_is_a_422_problem(client):
    response = client.patch(PATH, params={"uri": AR}, json={"pref_labels": {"en": "AR"}, "remove": {"pref_labels": ["nl"]}})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/edit-refused") and "Dutch" in response.json()["detail"]
    assert response.json()["location"] == "remove.pref_labels"
    assert concept(client)["prefLabel"]["nl"] == ["Augmented reality"]


def test_an_empty_value_is_a_422_problem_naming_the_field(client):
    response = client.patch(PATH, params={"uri": AR}, json={"pref_labels": {"en": ""}})
    assert response.status_code == 422
    assert response.json()["location"] == "pref_labels.en"
    assert "en" in concept(client)["prefLabel"]

