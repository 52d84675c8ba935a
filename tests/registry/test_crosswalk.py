"""Crosswalks over the bundled mappings and hierarchy, and over a mapping accepted in the mapping
store: an SLO goal followed to ESCO skills through a learning outcome."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Variable

from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.crosswalk import crosswalk
from registry.errors import InvalidInput, NotFound
from registry.mappings.model import NewMapping, Status
from registry.mappings.service import (
    SYSTEM_PRINCIPAL,
    create_mapping_set,
    propose_mappings,
    review_mapping,
)
from registry.namespaces import SKOS
from registry.oxigraph_store import OxigraphStore
from tests.conftest import ONTOLOGY_DIR, VOCABULARIES_DIR

BEGELEIDINGSGESPREK = "https://w3id.org/eduvoc/vocab/werkvormen/begeleidingsgesprek"
SLO_PRIVACY_GOAL = "https://opendata.slo.nl/curriculum/uuid/f6241c78-9ba6-4a03-b70d-00805d9456ad"
LO_SCHEME = NamedNode("https://w3id.org/eduvoc/vocab/learning-outcomes")


def learning_outcome(store, catalogue, label: str) -> tuple[str, str]:
    """(the learning outcome with this English prefLabel, the ESCO skill it is an exactMatch of)."""
    rows = list(store.query(
        "SELECT ?lo ?skill ?label ?scheme WHERE { ?lo <http://www.w3.org/2004/02/skos/core#inScheme> ?scheme ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label ; <http://www.w3.org/2004/02/skos/core#exactMatch> ?skill }",
        substitutions={Variable("label"): Literal(label, language="en"), Variable("scheme"): LO_SCHEME},
        default_graph=catalogue.current_graphs(),
    ))
    assert len(rows) == 1, rows
    return rows[0]["lo"].value, rows[0]["skill"].value


def test_a_bundled_mapping_is_one_forward_step(bundled_registry):
    store, catalogue = bundled_registry
    result = crosswalk(store, catalogue, NamedNode(BEGELEIDINGSGESPREK), "xapi-activity-types")
    assert result.reached == ["http://adlnet.gov/expapi/activities/meeting"]
    (step,) = result.paths[0].steps
    assert (step.predicate, step.direction, step.kind) == (SKOS + "broadMatch", "forward", "mapping")
    assert result.paths[0].relation == "mapping" and result.labels[step.target] == "meeting"


def test_a_mapping_is_followed_against_its_direction_too(bundled_registry):
    store, catalogue = bundled_registry
    lo, skill = learning_outcome(store, catalogue, "protect personal data and privacy")
    result = crosswalk(store, catalogue, NamedNode(skill), "learning-outcomes", max_hops=1)
    assert result.reached == [lo]
    (step,) = result.paths[0].steps
    assert (step.source, step.predicate, step.target, step.direction) == (skill, SKOS + "exactMatch", lo, "inverse")
    assert result.paths[0].relation == "exact"


def test_hierarchy_steps_go_one_way_never_to_siblings(bundled_registry):
    store, catalogue = bundled_registry
    lo, skill = learning_outcome(store, catalogue, "solve technical problems")
    result = crosswalk(store, catalogue, NamedNode(lo), "esco-skills", max_hops=3)
    assert result.paths[0].steps[0].target == skill and result.paths[0].relation == "exact"
    for path in result.paths:
        climbs = [s.predicate.endswith("broader") == (s.direction == "forward") for s in path.steps if s.kind == "hierarchy"]
        assert len(set(climbs)) <= 1, path  # up or down, not up then down
    without = crosswalk(store, catalogue, NamedNode(lo), "esco-skills", max_hops=3, hierarchy=False)
    assert all(step.kind == "mapping" for path in without.paths for step in path.steps)
    assert len(without.paths) < len(result.paths)


def test_max_hops_bounds_the_walk(bundled_registry):
    store, catalogue = bundled_registry
    assert crosswalk(store, catalogue, NamedNode(SLO_PRIVACY_GOAL), "esco-skills", max_hops=6).paths == []
    with pytest.raises(InvalidInput) as raised:
        crosswalk(store, catalogue, NamedNode(SLO_PRIVACY_GOAL), "esco-skills", max_hops=7)
    assert raised.value.location == "max_hops"
    with pytest.raises(InvalidInput):
        crosswalk(store, catalogue, NamedNode(SLO_PRIVACY_GOAL), "no-such-list")
    with pytest.raises(NotFound):
        crosswalk(store, catalogue, NamedNode("https://example.org/not-a-concept"), "esco-skills")


@pytest.fixture(scope="module")
def registry_with_accepted_mapping():
    """Every bundled vocabulary, and a mapping set slo-doelen -> learning-outcomes with one accepted
    closeMatch from an SLO goal about privacy to the learning outcome 'protect personal data and privacy'."""
    store = OxigraphStore()
    catalogue = Catalogue(store)
    load_files(store, catalogue, bundled_files(VOCABULARIES_DIR, ONTOLOGY_DIR))
    lo, skill = learning_outcome(store, catalogue, "protect personal data and privacy")
    create_mapping_set(store, catalogue, SYSTEM_PRINCIPAL, set_id="slo-digitale-geletterdheid", source="slo-doelen",
                       target="learning-outcomes", title="SLO digitale geletterdheid -> leeruitkomsten")
    (mapping_id,) = propose_mappings(store, catalogue, "slo-digitale-geletterdheid",
                                     [NewMapping(SLO_PRIVACY_GOAL, "skos:closeMatch", lo, 0.8)], SYSTEM_PRINCIPAL)
    review_mapping(store, catalogue, mapping_id, Status.ACCEPTED, SYSTEM_PRINCIPAL)
    return store, catalogue, lo, skill


def test_an_slo_goal_reaches_an_esco_skill_through_an_accepted_mapping(registry_with_accepted_mapping):
    store, catalogue, lo, skill = registry_with_accepted_mapping
    result = crosswalk(store, catalogue, NamedNode(SLO_PRIVACY_GOAL), "esco-skills", max_hops=2)
    assert skill in result.reached
    path = next(p for p in result.paths if p.end == skill)
    assert [(s.source, s.predicate, s.target, s.direction) for s in path.steps] == [
        (SLO_PRIVACY_GOAL, SKOS + "closeMatch", lo, "forward"),
        (lo, SKOS + "exactMatch", skill, "forward"),
    ]
    assert path.relation == "mapping"
    assert result.labels[skill] == "protect personal data and privacy"
    assert crosswalk(store, catalogue, NamedNode(SLO_PRIVACY_GOAL), "esco-skills", max_hops=1).paths == []
