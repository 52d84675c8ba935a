"""Ownership of triples (issue 16, item 3): an editor of organisation B cannot deprecate or
redirect a concept of organisation A's vocabulary by publishing triples about it, and readers
believe a deprecation only from the vocabulary that owns the concept."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Literal, NamedNode, Quad

from api.app import create_app
from registry.auth import Role
from registry.catalogue import Catalogue
from registry.namespaces import PUBLIC_UNION_GRAPH, Dct, Owl
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import issue_token
from tests.conftest import VOCABULARIES_DIR

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
TURTLE = {"Content-Type": "text/turtle"}
B = "https://example.org/b/"


def b_vocabulary(victim: str, extra: str = "") -> bytes:
    """Organisation B's own small vocabulary, plus triples about A's concept `victim`."""
    return f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dct: <http://purl.org/dc/terms/> .
<{B}scheme> a skos:ConceptScheme ; dct:title "B-lijst"@nl ; skos:hasTopConcept <{B}c1> ; dct:publisher <{B}org> .
<{B}org> a <http://xmlns.com/foaf/0.1/Organization> ; <http://xmlns.com/foaf/0.1/name> "B" .
<{B}c1> a skos:Concept ; skos:prefLabel "B één"@nl ; skos:inScheme <{B}scheme> ; skos:topConceptOf <{B}scheme> ;
    skos:exactMatch <{victim}> .
{extra}
""".encode()


def attack(victim: str) -> str:
    return f'<{victim}> owl:deprecated true ; dct:isReplacedBy <{B}c1> .'


@pytest.fixture
def two_organisations(test_settings):
    """A registry where organisation A (kennisnet) has published werkvormen; tokens for A and B."""
    store = OxigraphStore()
    tokens = {}
    for org in ("kennisnet", "other"):
        create_organisation(store, org, org)
        token, _ = issue_token(store, org, Role.EDITOR)
        tokens[org] = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(test_settings, store=store)) as client:
        assert client.put("/api/vocabularies/werkvormen/draft", content=WERKVORMEN.read_bytes(), headers={**TURTLE, **tokens["kennisnet"]}).status_code == 200
        assert client.post("/api/vocabularies/werkvormen/releases", json={"version": "1.0", "change_note": "eerste"}, headers=tokens["kennisnet"]).status_code == 201
        victim = client.get("/api/vocabularies/werkvormen/concepts", params={"limit": 1}).json()["data"][0]["uri"]
        yield client, store, tokens["kennisnet"], tokens["other"], victim


def test_another_organisation_cannot_deprecate_a_concept_it_does_not_own(two_organisations):
    client, _, _, b, victim = two_organisations
    refused = client.put("/api/vocabularies/b-lijst/draft", content=b_vocabulary(victim, attack(victim)), headers={**TURTLE, **b})
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["type"].endswith("/foreign-statements")
    assert problem["subjects"] == [victim] and problem["total"] == 1
    assert victim in problem["detail"]
    assert client.get("/api/resolve", params={"uri": victim}).json()["status"] == "current"
    assert client.get("/api/concepts", params={"uri": victim}).json()["deprecated"] is False


def test_declaring_another_vocabularys_concept_in_ones_own_scheme_is_refused(two_organisations):
    client, _, _, b, victim = two_organisations
    claim = f"<{victim}> skos:inScheme <{B}scheme> ; owl:deprecated true ."
    refused = client.put("/api/vocabularies/b-lijst/draft", content=b_vocabulary(victim, claim), headers={**TURTLE, **b})
    assert refused.status_code == 422, refused.text
    assert refused.json()["subjects"] == [victim]


def test_mappings_from_own_concepts_to_others_are_allowed_and_published(two_organisations):
    client, _, _, b, victim = two_organisations
    upload = client.put("/api/vocabularies/b-lijst/draft", content=b_vocabulary(victim), headers={**TURTLE, **b})
    assert upload.status_code == 200, upload.text
    published = client.post("/api/vocabularies/b-lijst/releases", json={"version": "1", "change_note": "eerste"}, headers=b)
    assert published.status_code == 201, published.text


def test_the_refusal_names_at_most_twenty_subjects_and_counts_all(two_organisations):
    client, _, _, b, victim = two_organisations
    theirs = [c["uri"] for c in client.get("/api/vocabularies/werkvormen/concepts", params={"limit": 25}).json()["data"]]
    assert len(theirs) == 25
    relabelled = "\n".join(f"<{iri}> skos:prefLabel \"x\"@nl ." for iri in theirs)
    refused = client.put("/api/vocabularies/b-lijst/draft", content=b_vocabulary(victim, relabelled), headers={**TURTLE, **b})
    assert refused.status_code == 422
    assert len(refused.json()["subjects"]) == 20 and refused.json()["total"] == 25


def test_subjects_no_registered_vocabulary_owns_are_the_files_own_business(two_organisations):
    """Agents, classes and version resources described inline (as VocPub and NL-SBB files do)."""
    client, _, _, b, victim = two_organisations
    inline = "<https://example.org/people/1> a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> \"Iemand\" ."
    upload = client.put("/api/vocabularies/b-lijst/draft", content=b_vocabulary(victim, inline), headers={**TURTLE, **b})
    assert upload.status_code == 200, upload.text


def test_a_draft_edited_to_claim_a_foreign_concept_cannot_be_published(two_organisations):
    client, store, _, b, victim = two_organisations
    assert client.put("/api/vocabularies/b-lijst/draft", content=b_vocabulary(victim), headers={**TURTLE, **b}).status_code == 200
    draft = NamedNode(Catalogue(store).state("b-lijst").draft_graph)
    store.add_quads([Quad(NamedNode(victim), Owl.deprecated, Literal("true"), draft)])  # e.g. written before this check existed
    refused = client.post("/api/vocabularies/b-lijst/releases", json={"version": "1", "change_note": "eerste"}, headers=b)
    assert refused.status_code == 422 and refused.json()["subjects"] == [victim]


def test_readers_believe_deprecation_only_from_the_owning_vocabulary(two_organisations):
    """Defence in depth: foreign triples that reached a release (and the union of releases) some
    other way do not change what /api/resolve and the concept view say."""
    client, store, _, b, victim = two_organisations
    assert client.put("/api/vocabularies/b-lijst/draft", content=b_vocabulary(victim), headers={**TURTLE, **b}).status_code == 200
    published = client.post("/api/vocabularies/b-lijst/releases", json={"version": "1", "change_note": "eerste"}, headers=b)
    assert published.status_code == 201, published.text
    release = NamedNode(Catalogue(store).vocabulary("b-lijst").graph)
    forged = [(NamedNode(victim), Owl.deprecated, Literal("true")), (NamedNode(victim), Dct.isReplacedBy, NamedNode(B + "c1"))]
    store.add_quads([Quad(*t, graph) for t in forged for graph in (release, PUBLIC_UNION_GRAPH)])
    resolution = client.get("/api/resolve", params={"uri": victim}).json()
    assert resolution["status"] == "current" and resolution["replacements"] == [victim]
    concept = client.get("/api/concepts", params={"uri": victim}).json()
    assert concept["deprecated"] is False
    assert concept["replaced_by"] == []
    page = client.get("/concepts", params={"uri": victim})
    assert page.status_code == 200 and "data-deprecated" not in page.text
