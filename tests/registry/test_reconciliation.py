"""Reconciliation batches (the W3C draft's query shape) against the bundled vocabularies."""

from __future__ import annotations

import json

import pytest

from registry.errors import InvalidInput
from registry.reconciliation import extend, parse_batch, reconcile, suggest_types
from registry.search import SearchIndex, sync_search_index

HOORCOLLEGE = "https://w3id.org/eduvoc/vocab/werkvormen/hoorcollege"


@pytest.fixture(scope="module")
def index(bundled_registry):
    store, catalogue = bundled_registry
    search_index = SearchIndex(None)
    sync_search_index(store, catalogue, search_index)
    return search_index


def run(bundled_registry, index, batch: dict):
    store, catalogue = bundled_registry
    return reconcile(store, catalogue, index, parse_batch(json.dumps(batch), catalogue))


def test_local_terms_with_typos_reconcile_to_the_right_concepts(bundled_registry, index):
    answers = run(bundled_registry, index, {
        "q0": {"query": "hoorcollege", "type": "werkvormen"},
        "q1": {"query": "HOORCOLEGE", "type": "werkvormen", "limit": 3},
        "q2": {"query": "groepsopdracht"},
        "q3": {"query": "solve technical problems", "type": "esco-skills"},
    })
    assert answers["q0"][0].id == HOORCOLLEGE and answers["q0"][0].score == 100 and answers["q0"][0].match
    assert answers["q1"][0].id == HOORCOLLEGE and len(answers["q1"]) <= 3
    assert answers["q2"][0].vocabulary == "werkvormen" and answers["q2"][0].match
    assert answers["q3"][0].id.startswith("http://data.europa.eu/esco/skill/")


def test_a_notation_property_decides_between_candidates(bundled_registry, index):
    plain = run(bundled_registry, index, {"q0": {"query": "begeleiding", "type": "werkvormen"}})["q0"]
    with_notation = run(bundled_registry, index, {"q0": {"query": "begeleiding", "type": "werkvormen",
                                                         "properties": [{"pid": "notation", "v": "begeleidingsgesprek"}]}})["q0"]
    assert plain[0].id.endswith("/begeleiding")
    assert with_notation[0].id.endswith("/begeleidingsgesprek")


def test_a_broader_property_agrees_by_label_or_iri(bundled_registry, index):
    answer = run(bundled_registry, index, {"q0": {"query": "hoorcollege", "type": "werkvormen",
                                                  "properties": [{"pid": "broader", "v": "Instructie"}]}})["q0"]
    assert answer[0].id == HOORCOLLEGE and answer[0].score == 100


@pytest.mark.parametrize(
    ("batch", "location"),
    [
        ("{not json", "queries"),
        ("[]", "queries"),
        ('{"q0": "hoorcollege"}', "queries.q0"),
        ('{"q0": {"query": ""}}', "queries.q0.query"),
        ('{"q0": {"query": "x", "type": "no-such-list"}}', "queries.q0.type"),
        ('{"q0": {"query": "x", "limit": "3"}}', "queries.q0.limit"),
        ('{"q0": {"query": "x", "properties": [{"pid": "colour", "v": "red"}]}}', "queries.q0.properties[0].pid"),
    ],
)
def test_a_malformed_batch_names_where(bundled_registry, batch, location):
    _, catalogue = bundled_registry
    with pytest.raises(InvalidInput) as raised:
        parse_batch(batch, catalogue)
    assert raised.value.location == location


def test_data_extension_and_type_suggest(bundled_registry):
    store, catalogue = bundled_registry
    data = extend(store, catalogue, [HOORCOLLEGE, "https://example.org/unknown"], ["notation", "broader", "inScheme"])
    row = data["rows"][HOORCOLLEGE]
    assert row["notation"] == [{"str": "hoorcollege"}]
    assert row["broader"][0]["id"].endswith("/instructie") and row["inScheme"][0]["id"] == "werkvormen"
    assert data["rows"]["https://example.org/unknown"] == {"notation": [], "broader": [], "inScheme": []}
    assert ("werkvormen", catalogue.vocabulary("werkvormen").label("nl")) in suggest_types(catalogue, "werkv")
