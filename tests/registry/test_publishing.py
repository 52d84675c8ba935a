"""The editor's life cycle in the domain: organisations, tokens, drafts, releases, diff, feed,
deprecation and resolution, and the audit trail — on a real vocabulary (werkvormen)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pyoxigraph import NamedNode
from rdflib import RDF, SKOS, URIRef

from registry.audit import audit_trail, export_prov
from registry.auth import Role
from registry.concept_edits import ConceptChange, add_concept, change_concept, deprecate_concept, move_concept
from registry.diff import diff_releases
from registry.drafts import discard_draft, publish_draft, start_draft, upload_draft
from registry.errors import Conflict, Forbidden, InvalidInput, QualityViolations, Unauthenticated
from registry.feed import changelog_feed
from registry.formats import format_named
from registry.organisations import create_organisation, list_organisations
from registry.resolution import resolve, resolve_many
from registry.tokens import authenticate, issue_token, list_tokens, revoke_token
from tests.conftest import VOCABULARIES_DIR

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
TURTLE = format_named("turtle")


@pytest.fixture
def editor(empty_registry):
    store, _ = empty_registry
    create_organisation(store, "kennisnet", "Kennisnet")
    token, _ = issue_token(store, "kennisnet", Role.EDITOR, label="test editor")
    return authenticate(store, token)


@pytest.fixture
def published(empty_registry, editor):
    store, catalogue = empty_registry
    upload_draft(store, catalogue, "werkvormen", WERKVORMEN, TURTLE, editor, source_name="werkvormen.ttl")
    publish_draft(store, catalogue, "werkvormen", editor, "1.0", "first release", check=None)
    return store, catalogue


def concepts_of(path=WERKVORMEN):
    from rdflib import Graph

    graph = Graph().parse(path)
    return graph, sorted(str(c) for c in graph.subjects(RDF.type, SKOS.Concept))


def test_tokens_authenticate_until_revoked(empty_registry):
    store, _ = empty_registry
    create_organisation(store, "slo", "SLO")
    token, info = issue_token(store, "slo", Role.EDITOR)
    assert authenticate(store, token).organisation == "slo"
    assert info.id in token and "secretHash" not in token
    with pytest.raises(Unauthenticated):
        authenticate(store, token[:-2] + "xx")
    revoke_token(store, info.id)
    with pytest.raises(Unauthenticated):
        authenticate(store, token)
    assert list_tokens(store, "slo")[0].revoked is not None


def test_the_secret_is_stored_only_as_a_hash(empty_registry):
    store, _ = empty_registry
    create_organisation(store, "slo", "SLO")
    token, _ = issue_token(store, "slo", Role.EDITOR)
    secret = token.split("_", 2)[2]
    everything = " ".join(str(q) for q in store._store)
    assert secret not in everything
    assert "$argon2" in everything


def test_an_expired_token_is_refused(empty_registry, monkeypatch):
    store, _ = empty_registry
    create_organisation(store, "slo", "SLO")
    token, _ = issue_token(store, "slo", Role.EDITOR, valid_days=1)
    import registry.tokens as tokens

    later = datetime.now(UTC) + timedelta(days=2)
    monkeypatch.setattr(tokens, "datetime", type("FrozenDatetime", (datetime,), {"now": staticmethod(lambda tz=None: later)}))
    with pytest.raises(Unauthenticated):
        authenticate(store, token)


def test_organisations_are_unique(empty_registry):
    store, _ = empty_registry
    create_organisation(store, "slo", "SLO")
    with pytest.raises(Conflict):
        create_organisation(store, "slo", "SLO again")
    assert [o.slug for o in list_organisations(store)] == ["slo"]


def test_upload_and_publish_make_a_release_owned_by_the_uploader(published, editor):
    store, catalogue = published
    record = catalogue.vocabulary("werkvormen")
    _, concepts = concepts_of()
    assert record.owner == "kennisnet"
    assert [r.version for r in record.releases] == ["1.0"]
    assert record.concept_count == len(concepts)
    assert catalogue.state("werkvormen").draft_graph is None


def test_another_organisation_may_not_write(published):
    store, catalogue = published
    create_organisation(store, "other", "Other")
    token, _ = issue_token(store, "other", Role.EDITOR)
    with pytest.raises(Forbidden):
        start_draft(store, catalogue, "werkvormen", authenticate(store, token))
    with pytest.raises(Unauthenticated):
        start_draft(store, catalogue, "werkvormen", None)


def test_an_admin_may_write_any_vocabulary(published):
    store, catalogue = published
    create_organisation(store, "eduvoc", "eduvoc")
    token, _ = issue_token(store, "eduvoc", Role.ADMIN)
    start_draft(store, catalogue, "werkvormen", authenticate(store, token))


def test_edit_deprecate_publish_then_diff_feed_and_resolution(published, editor):
    store, catalogue = published
    graph, concepts = concepts_of()
    first, second, third, old, replacement = concepts[0], concepts[1], concepts[2], concepts[-1], concepts[-2]
    start_draft(store, catalogue, "werkvormen", editor)
    change_concept(store, catalogue, "werkvormen", editor, first, ConceptChange(pref_labels={"nl": "Gewijzigd label", "en": "Changed label"}))
    change_concept(store, catalogue, "werkvormen", editor, second, ConceptChange(definitions={"nl": "Nieuwe definitie.", "en": "New definition."}))
    move_concept(store, catalogue, "werkvormen", editor, third, [])
    deprecate_concept(store, catalogue, "werkvormen", editor, old, [replacement])
    publish_draft(store, catalogue, "werkvormen", editor, "1.1", "three changes, one deprecation", check=None)

    diff = diff_releases(store, catalogue, "werkvormen", "1.0", "1.1")
    assert set(diff.changed) >= {first, second, third, old}
    label_change = next(c for c in diff.changed[first] if c.property.endswith("prefLabel"))
    assert "Gewijzigd label@nl" in label_change.added
    assert diff.deprecated == [old]
    assert diff.replaced == {old: [replacement]}
    assert diff.added == [] and diff.removed == []

    feed = changelog_feed(store, catalogue, "werkvormen", "http://localhost")
    assert [item["_eduvoc"]["version"] for item in feed["items"]] == ["1.1", "1.0"]
    assert feed["items"][0]["_eduvoc"]["changes"]["deprecated"] == 1

    resolution = resolve(store, catalogue, old)
    assert resolution.status == "deprecated"
    assert resolution.replacements == [replacement]
    assert [r.status for r in resolve_many(store, catalogue, [first, old, "https://example.org/x"])] == ["current", "deprecated", "unknown"]

    releases = catalogue.vocabulary("werkvormen").releases
    assert NamedNode(releases[0].graph) in store.named_graphs()  # 1.0 stays available
    trail = audit_trail(store, vocabulary="werkvormen")
    assert [r.action for r in reversed(trail)] == [
        "upload-draft", "publish", "start-draft", "change-concept", "change-concept", "change-concept", "deprecate-concept", "publish"]
    assert all(r.agent.startswith("https://w3id.org/eduvoc/token/") and r.organisation == "kennisnet" for r in trail)
    assert b"prov:Activity" in export_prov(trail)


def test_a_moved_concept_keeps_hierarchy_symmetric(published, editor):
    store, catalogue = published
    graph, concepts = concepts_of()
    child = next(str(s) for s in graph.subjects(SKOS.broader, None))
    old_parent = str(graph.value(URIRef(child), SKOS.broader))
    new_parent = next(str(s) for s in graph.subjects(SKOS.topConceptOf, None) if str(s) not in (child, old_parent))
    start_draft(store, catalogue, "werkvormen", editor)
    move_concept(store, catalogue, "werkvormen", editor, child, [new_parent])
    draft = NamedNode(catalogue.state("werkvormen").draft_graph)
    rows = list(store.query("SELECT ?p ?c WHERE { { ?c <http://www.w3.org/2004/02/skos/core#broader> ?p } UNION { ?p <http://www.w3.org/2004/02/skos/core#narrower> ?c } }", default_graph=[draft]))
    pairs = {(r["p"].value, r["c"].value) for r in rows}
    assert (new_parent, child) in pairs
    parents_of_child = {p for p, c in pairs if c == child}
    assert parents_of_child == {new_parent}


def test_add_concept_validates_its_links(published, editor):
    store, catalogue = published
    _, concepts = concepts_of()
    start_draft(store, catalogue, "werkvormen", editor)
    new = "https://w3id.org/eduvoc/vocab/werkvormen/escaperoom"
    add_concept(store, catalogue, "werkvormen", editor, new, ConceptChange(pref_labels={"nl": "Escaperoom", "en": "Escape room"}, broader=[concepts[0]]))
    with pytest.raises(Conflict):
        add_concept(store, catalogue, "werkvormen", editor, new, ConceptChange(pref_labels={"nl": "x"}))
    with pytest.raises(InvalidInput) as raised:
        add_concept(store, catalogue, "werkvormen", editor, new + "2", ConceptChange(pref_labels={"nl": "x"}, broader=["https://example.org/nope"]))
    assert raised.value.location == "broader"


def test_a_release_version_cannot_be_reused(published, editor):
    store, catalogue = published
    start_draft(store, catalogue, "werkvormen", editor)
    with pytest.raises(Conflict, match="immutable"):
        publish_draft(store, catalogue, "werkvormen", editor, "1.0", "again", check=None)


def test_violations_block_publication_and_leave_the_draft(published, editor):
    store, catalogue = published

    class Failing:
        blocks_publication = True

    start_draft(store, catalogue, "werkvormen", editor)
    with pytest.raises(QualityViolations):
        publish_draft(store, catalogue, "werkvormen", editor, "2.0", "blocked", check=lambda store, graph: Failing())
    assert catalogue.state("werkvormen").draft_graph is not None
    assert [r.version for r in catalogue.vocabulary("werkvormen").releases] == ["1.0"]


def test_a_failed_upload_leaves_draft_and_releases_as_they_were(published, editor, tmp_path):
    store, catalogue = published
    start_draft(store, catalogue, "werkvormen", editor)
    draft_before = catalogue.state("werkvormen").draft_graph
    broken = tmp_path / "werkvormen.ttl"
    broken.write_text(WERKVORMEN.read_text(encoding="utf-8")[: len(WERKVORMEN.read_text(encoding="utf-8")) // 2] + " ;;; broken", encoding="utf-8")
    with pytest.raises(InvalidInput):
        upload_draft(store, catalogue, "werkvormen", broken, TURTLE, editor, source_name="werkvormen.ttl")

    def crash():
        raise RuntimeError("injected")

    with pytest.raises(RuntimeError):
        upload_draft(store, catalogue, "werkvormen", WERKVORMEN, TURTLE, editor, source_name="werkvormen.ttl", before_switch=crash)
    assert catalogue.state("werkvormen").draft_graph == draft_before
    assert [r.version for r in catalogue.vocabulary("werkvormen").releases] == ["1.0"]
    referenced = {draft_before, *(r.graph for r in catalogue.vocabulary("werkvormen").releases)}
    assert {g.value for g in store.named_graphs() if "/graph/vocabulary/" in g.value} == referenced


def test_discard_draft(published, editor):
    store, catalogue = published
    start_draft(store, catalogue, "werkvormen", editor)
    discard_draft(store, catalogue, "werkvormen", editor)
    with pytest.raises(Conflict):  # the vocabulary exists; its state (no draft) conflicts, as after a concurrent publication
        publish_draft(store, catalogue, "werkvormen", editor, "2.0", "nothing", check=None)
