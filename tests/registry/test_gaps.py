"""Gap analysis: ESCO skills against the learning-outcome list."""

from __future__ import annotations

import pytest

from registry.errors import InvalidInput
from registry.gaps import analyse, resolve_demand
from registry.search import SearchIndex, sync_search_index

# labels that name one ESCO skill unambiguously ("computer programming" no longer does in full ESCO: "Java (computer programming)", ...)
DIGCOMP_SKILLS = ["solve technical problems", "manage digital identity", "develop digital content", "protect personal data and privacy"]


@pytest.fixture(scope="module")
def index(bundled_registry):
    store, catalogue = bundled_registry
    search_index = SearchIndex(None)
    sync_search_index(store, catalogue, search_index)
    return search_index


def test_skills_are_covered_by_the_learning_outcomes_mapped_to_them(bundled_registry, index):
    store, catalogue = bundled_registry
    demands = resolve_demand(store, catalogue, index, DIGCOMP_SKILLS + ["speak Dutch", "lassen van staal"], "esco-skills")
    assert all(d.iri and d.iri.startswith("http://data.europa.eu/esco/skill/") for d in demands[:5])
    assert demands[5].iri is None  # nothing in ESCO skills reads like it
    report = analyse(store, catalogue, demands, offer_vocabulary="learning-outcomes")
    statuses = [item.status for item in report.items]
    assert statuses == ["exact"] * 4 + ["uncovered", "unresolved"]
    assert report.covered == 4 and report.coverage == pytest.approx(4 / 6)
    assert report.counts["exact"] == 4 and report.counts["uncovered"] == 1 and report.counts["unresolved"] == 1
    first = report.items[0]
    assert report.labels[first.covered_by[0]] == "solve technical problems"
    assert first.paths[0].steps[0].direction == "inverse"  # the learning outcome states the exactMatch


def test_an_offer_given_as_concepts_and_an_identical_concept(bundled_registry, index):
    store, catalogue = bundled_registry
    demands = resolve_demand(store, catalogue, index, DIGCOMP_SKILLS[:2], "esco-skills")
    offered = [demands[0].iri]  # the ESCO skill itself is on offer
    report = analyse(store, catalogue, demands, offer_concepts=offered)
    assert [item.status for item in report.items] == ["identical", "uncovered"]


def test_unknown_iris_are_reported_not_guessed(bundled_registry, index):
    store, catalogue = bundled_registry
    demands = resolve_demand(store, catalogue, index, ["http://data.europa.eu/esco/skill/not-in-the-subset"], None)
    assert analyse(store, catalogue, demands, offer_vocabulary="learning-outcomes").items[0].status == "unknown"
    with pytest.raises(InvalidInput) as raised:
        analyse(store, catalogue, demands, offer_concepts=["https://example.org/module/1"])
    assert raised.value.location == "offer_concepts"
    with pytest.raises(InvalidInput) as raised:
        analyse(store, catalogue, demands, offer_vocabulary="learning-outcomes", offer_concepts=["https://example.org/m"])
    assert raised.value.location == "offer"
    with pytest.raises(InvalidInput):
        resolve_demand(store, catalogue, index, [], None)
