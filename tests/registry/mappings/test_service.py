"""Mapping sets and mappings: the model, statuses, who may do what, atomic writes, and the plain
SKOS triples of accepted mappings in the public SPARQL default graph."""

from __future__ import annotations

import pytest

from registry.audit import audit_trail
from registry.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    Unauthenticated,
    UnknownReference,
)
from registry.mappings import service
from registry.mappings.layout import ACCEPTED_GRAPH, MAPPINGS_GRAPH
from registry.mappings.model import NewMapping, Status
from registry.sparql import QueryLimits, run_query
from tests.mapping_files import curated_mappings
from tests.registry.mappings.conftest import ADMIN, OTHER, OWNER

WV = "https://w3id.org/eduvoc/vocab/werkvormen/"
ADL = "http://adlnet.gov/expapi/activities/"
LIMITS = QueryLimits(10.0, 10_000)


def public_matches(store, catalogue, subject: str) -> set[tuple[str, str]]:
    """(predicate, object) of `subject`'s skos:*Match triples into the ADL namespace, as the public
    SPARQL endpoint answers (the vocabulary's own curated matches point elsewhere)."""
    query = f"""SELECT ?p ?o WHERE {{ <{subject}> ?p ?o FILTER(STRSTARTS(STR(?p), "http://www.w3.org/2004/02/skos/core#")
      && STRENDS(STR(?p), "Match") && STRSTARTS(STR(?o), "{ADL}")) }}"""
    outcome = run_query(store, catalogue, query, LIMITS)
    return {(row[0].value, row[1].value) for row in outcome.solutions()}


def test_a_set_is_created_between_two_registered_vocabularies(registry):
    store, catalogue = registry
    created = service.create_mapping_set(store, catalogue, OWNER, set_id="wv-lct", source="werkvormen",
                                         target="https://w3id.org/eduvoc/vocab/ooapi-learning-component-type",
                                         title="Werkvormen → OOAPI", description="Gecureerd", license="https://creativecommons.org/licenses/by/4.0/")
    listed = service.list_mapping_sets(store, catalogue)
    assert [s.id for s in listed] == ["wv-lct"]
    found = listed[0]
    assert (found.source, found.target, found.owner) == ("werkvormen", "ooapi-learning-component-type", "kennisnet")
    assert found.source_scheme == "https://w3id.org/eduvoc/vocab/werkvormen"
    assert (found.title, found.description, found.license) == ("Werkvormen → OOAPI", "Gecureerd", "https://creativecommons.org/licenses/by/4.0/")
    assert found.creator == OWNER.subject and found.created == created.created


def test_creating_a_set_checks_its_input(registry, xapi_set):
    store, catalogue = registry
    with pytest.raises(UnknownReference) as unknown:
        service.create_mapping_set(store, catalogue, OWNER, set_id="x", source="werkvormen", target="no-such-list", title="x")
    assert unknown.value.location == "target"
    with pytest.raises(Conflict):
        service.create_mapping_set(store, catalogue, OWNER, set_id=xapi_set, source="werkvormen", target="xapi-activity-types", title="x")
    with pytest.raises(InvalidInput) as bad_id:
        service.create_mapping_set(store, catalogue, OWNER, set_id="Not Valid", source="werkvormen", target="xapi-activity-types", title="x")
    assert bad_id.value.location == "id"
    with pytest.raises(Forbidden):
        service.create_mapping_set(store, catalogue, OWNER, set_id="y", source="werkvormen", target="xapi-activity-types", title="y", owner="surf")
    with pytest.raises(Unauthenticated):
        service.create_mapping_set(store, catalogue, None, set_id="z", source="werkvormen", target="xapi-activity-types", title="z")


def test_any_organisation_may_propose(registry, xapi_set):
    store, catalogue = registry
    ids = service.propose_mappings(store, catalogue, xapi_set, [
        NewMapping(WV + "werkcollege", "close", ADL + "meeting", 0.75, "semapv:LexicalMatching", "labels lijken op elkaar"),
        NewMapping(WV + "hoorcollege", "skos:broadMatch", ADL + "meeting"),
    ], OTHER)
    assert len(ids) == 2
    first = service.get_mapping(store, ids[0])
    assert (first.subject, first.predicate, first.object) == (WV + "werkcollege", "http://www.w3.org/2004/02/skos/core#closeMatch", ADL + "meeting")
    assert first.status is Status.PROPOSED
    assert (first.confidence, first.justification, first.comment) == (0.75, "https://w3id.org/semapv/vocab/LexicalMatching", "labels lijken op elkaar")
    assert first.author == (OTHER.subject,) and first.organisation == "surf" and first.date is not None
    second = service.get_mapping(store, ids[1])
    assert second.justification == "https://w3id.org/semapv/vocab/ManualMappingCuration" and second.confidence is None
    assert service.get_mapping_set(store, catalogue, xapi_set).counts == {"proposed": 2}
    assert public_matches(store, catalogue, WV + "werkcollege") == set()  # a proposal is not a SKOS statement


def test_a_mapping_to_an_unknown_concept_is_refused_and_nothing_is_written(registry, xapi_set):
    store, catalogue = registry
    before = store.count(MAPPINGS_GRAPH)
    with pytest.raises(UnknownReference) as error:
        service.propose_mappings(store, catalogue, xapi_set, [
            NewMapping(WV + "werkcollege", "close", ADL + "meeting"),
            NewMapping(WV + "werkcollege", "exact", ADL + "no-such-activity"),
        ], OTHER)
    assert error.value.location == "mappings[1].object"
    assert ADL + "no-such-activity" in error.value.message
    # a concept of the wrong side (the target vocabulary) as subject is unknown too
    with pytest.raises(UnknownReference) as wrong_side:
        service.propose_mappings(store, catalogue, xapi_set, [NewMapping(ADL + "meeting", "exact", ADL + "meeting")], OTHER)
    assert wrong_side.value.location == "mappings[0].subject"
    assert store.count(MAPPINGS_GRAPH) == before
    assert service.list_mappings(store, xapi_set) == []


@pytest.mark.parametrize(("mapping", "location"), [
    (NewMapping(WV + "werkcollege", "sameAs", ADL + "meeting"), "mappings[0].predicate"),
    (NewMapping(WV + "werkcollege", "exact", ADL + "meeting", justification="semapv:Guessing"), "mappings[0].justification"),
    (NewMapping(WV + "werkcollege", "exact", ADL + "meeting", confidence=1.5), "mappings[0].confidence"),
    (NewMapping("not an iri", "exact", ADL + "meeting"), "mappings[0].subject"),
])
def test_bad_values_are_named(registry, xapi_set, mapping, location):
    store, catalogue = registry
    with pytest.raises(InvalidInput) as error:
        service.propose_mappings(store, catalogue, xapi_set, [mapping], OTHER)
    assert error.value.location == location


def test_proposing_needs_a_principal_a_set_and_a_new_triple(registry, xapi_set):
    store, catalogue = registry
    mapping = NewMapping(WV + "werkcollege", "close", ADL + "meeting")
    with pytest.raises(Unauthenticated):
        service.propose_mappings(store, catalogue, xapi_set, [mapping], None)
    with pytest.raises(NotFound):
        service.propose_mappings(store, catalogue, "no-such-set", [mapping], OTHER)
    service.propose_mappings(store, catalogue, xapi_set, [mapping], OTHER)
    with pytest.raises(Conflict):
        service.propose_mappings(store, catalogue, xapi_set, [mapping], OWNER)
    with pytest.raises(InvalidInput):
        service.propose_mappings(store, catalogue, xapi_set, [NewMapping(WV + "hoorcollege", "close", ADL + "meeting")] * 2, OWNER)


def test_owners_accept_and_the_skos_triple_appears_in_the_public_default_graph(registry, xapi_set):
    store, catalogue = registry
    [mapping_id] = service.propose_mappings(store, catalogue, xapi_set, [NewMapping(WV + "werkcollege", "close", ADL + "meeting")], OTHER)
    with pytest.raises(Forbidden):
        service.review_mapping(store, catalogue, mapping_id, Status.ACCEPTED, OTHER, "ik wil dit")
    accepted = service.review_mapping(store, catalogue, mapping_id, Status.ACCEPTED, OWNER, "klopt")
    assert accepted.status is Status.ACCEPTED and accepted.reviewer == (OWNER.subject,) and accepted.reviewed is not None
    assert [c.text for c in accepted.comments] == ["klopt"]
    assert (("http://www.w3.org/2004/02/skos/core#closeMatch", ADL + "meeting")) in public_matches(store, catalogue, WV + "werkcollege")
    with pytest.raises(Conflict):
        service.review_mapping(store, catalogue, mapping_id, Status.ACCEPTED, OWNER)


def test_a_rejected_mapping_leaves_the_public_default_graph_but_stays_queryable(registry, xapi_set):
    store, catalogue = registry
    [mapping_id] = service.propose_mappings(store, catalogue, xapi_set, [NewMapping(WV + "werkcollege", "close", ADL + "meeting")], OTHER)
    service.review_mapping(store, catalogue, mapping_id, Status.ACCEPTED, OWNER)
    with pytest.raises(InvalidInput) as no_comment:
        service.review_mapping(store, catalogue, mapping_id, Status.REJECTED, OWNER)
    assert no_comment.value.location == "comment"
    rejected = service.review_mapping(store, catalogue, mapping_id, Status.REJECTED, ADMIN, "toch niet: een werkcollege is geen vergadering")
    assert rejected.status is Status.REJECTED
    assert public_matches(store, catalogue, WV + "werkcollege") == set()
    assert store.count(ACCEPTED_GRAPH) == 0
    # ... while the record, its status and comment are in the public default graph for SPARQL
    query = f"""PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX eduvoc: <https://w3id.org/eduvoc/def/>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX sssom: <https://w3id.org/sssom/>
    SELECT ?status ?text WHERE {{ ?set sssom:mappings ?m . ?m owl:annotatedSource <{WV}werkcollege> ; eduvoc:mappingStatus ?status ;
      eduvoc:reviewComment ?c . ?c rdfs:comment ?text }}"""
    rows = {(r[0].value, r[1].value) for r in run_query(store, catalogue, query, LIMITS).solutions()}
    assert rows == {("rejected", "toch niet: een werkcollege is geen vergadering")}


def test_a_triple_two_sets_accept_stays_until_both_reject(registry, xapi_set):
    store, catalogue = registry
    service.create_mapping_set(store, catalogue, OTHER, set_id="surf-xapi", source="werkvormen", target="xapi-activity-types", title="SURF")
    mapping = NewMapping(WV + "werkcollege", "close", ADL + "meeting")
    [ours] = service.propose_mappings(store, catalogue, xapi_set, [mapping], OWNER)
    [theirs] = service.propose_mappings(store, catalogue, "surf-xapi", [mapping], OTHER)
    service.review_mapping(store, catalogue, ours, Status.ACCEPTED, OWNER)
    service.review_mapping(store, catalogue, theirs, Status.ACCEPTED, OTHER)
    service.review_mapping(store, catalogue, ours, Status.REJECTED, OWNER, "niet in onze set")
    assert public_matches(store, catalogue, WV + "werkcollege") == {("http://www.w3.org/2004/02/skos/core#closeMatch", ADL + "meeting")}
    service.review_mapping(store, catalogue, theirs, Status.REJECTED, OTHER, "ook niet in de onze")
    assert public_matches(store, catalogue, WV + "werkcollege") == set()


def test_anyone_signed_in_may_comment_in_order(registry, xapi_set):
    store, catalogue = registry
    [mapping_id] = service.propose_mappings(store, catalogue, xapi_set, [NewMapping(WV + "werkcollege", "close", ADL + "meeting")], OWNER)
    service.add_comment(store, catalogue, mapping_id, OTHER, "eerste")
    commented = service.add_comment(store, catalogue, mapping_id, OWNER, "tweede")
    assert [(c.text, c.organisation) for c in commented.comments] == [("eerste", "surf"), ("tweede", "kennisnet")]
    with pytest.raises(Unauthenticated):
        service.add_comment(store, catalogue, mapping_id, None, "anoniem")
    with pytest.raises(InvalidInput):
        service.add_comment(store, catalogue, mapping_id, OTHER, "   ")


def test_mappings_of_a_concept_from_either_side(registry, xapi_set):
    store, catalogue = registry
    pairs = [(s, p, o) for s, p, o in curated_mappings("xapi-activity-types")]
    service.propose_mappings(store, catalogue, xapi_set, [NewMapping(s, p, o) for s, p, o in pairs], OWNER)
    subject, _, obj = pairs[0]
    assert {m.object for m in service.mappings_of_concept(store, subject)} == {o for s, _, o in pairs if s == subject}
    assert {m.subject for m in service.mappings_of_concept(store, obj)} == {s for s, _, o in pairs if o == obj}
    assert service.mappings_of_concept(store, WV + "no-such-concept") == []


def test_writes_are_audited(registry, xapi_set):
    store, catalogue = registry
    [mapping_id] = service.propose_mappings(store, catalogue, xapi_set, [NewMapping(WV + "werkcollege", "close", ADL + "meeting")], OTHER)
    service.review_mapping(store, catalogue, mapping_id, Status.REJECTED, OWNER, "nee")
    service.add_comment(store, catalogue, mapping_id, OTHER, "jammer")
    setup = {"load", "create-organisation", "issue-token"}  # the fixture's own writes are audited too
    actions = [r.action for r in reversed(audit_trail(store)) if r.action not in setup]
    assert actions == ["create-mapping-set", "propose-mappings", "reject-mapping", "comment-mapping"]
    assert [r.action for r in audit_trail(store, organisation="surf") if r.action not in setup][-1] == "propose-mappings"


class FailingUpdates:
    """The store, but every SPARQL update fails (as a full disk or a crash would)."""

    def __init__(self, store) -> None:
        self._store = store

    def update(self, sparql_update: str) -> None:
        raise OSError("injected: the store refused the update")

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_a_failed_write_changes_nothing(registry, xapi_set):
    store, catalogue = registry
    [mapping_id] = service.propose_mappings(store, catalogue, xapi_set, [NewMapping(WV + "werkcollege", "close", ADL + "meeting")], OTHER)
    before = (store.count(MAPPINGS_GRAPH), store.count(ACCEPTED_GRAPH), len(audit_trail(store)))
    failing = FailingUpdates(store)
    with pytest.raises(OSError):
        service.review_mapping(failing, catalogue, mapping_id, Status.ACCEPTED, OWNER, "ok")
    with pytest.raises(OSError):
        service.propose_mappings(failing, catalogue, xapi_set, [NewMapping(WV + "hoorcollege", "close", ADL + "meeting")], OTHER)
    assert (store.count(MAPPINGS_GRAPH), store.count(ACCEPTED_GRAPH), len(audit_trail(store))) == before
    assert service.get_mapping(store, mapping_id).status is Status.PROPOSED
    assert not catalogue.write_lock.locked()
