"""Concept edits change only what they name (issue #14): per-language values replace that language
only, removing a language is asked for explicitly, and an edit that would drop the Dutch preferred
label or a language nobody named is refused — on the real werkvormen vocabulary."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Variable

from registry.concept_edits import ConceptChange, FieldChange, change_concept
from registry.drafts import draft_graph, publish_draft, start_draft, upload_draft
from registry.errors import EditRefused, InvalidInput
from registry.formats import format_named
from registry.organisations import create_organisation
from registry.tokens import authenticate, issue_token
from registry.auth import Role
from tests.conftest import VOCABULARIES_DIR

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
AR = "https://w3id.org/eduvoc/vocab/werkvormen/augmented-reality"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@pytest.fixture
def draft(empty_registry):
    store, catalogue = empty_registry
    create_organisation(store, "kennisnet", "Kennisnet")
    token, _ = issue_token(store, "kennisnet", Role.EDITOR)
    editor = authenticate(store, token)
    upload_draft(store, catalogue, "werkvormen", WERKVORMEN, format_named("turtle"), editor, source_name="werkvormen.ttl")
    publish_draft(store, catalogue, "werkvormen", editor, "1.0", "first", check=None)
    start_draft(store, catalogue, "werkvormen", editor)
    return store, catalogue, editor


def values(draft, prop: str, iri: str = AR) -> dict[str, list[str]]:
    store, catalogue, _ = draft
    rows = store.query("SELECT ?c ?p ?o WHERE { ?c ?p ?o }", substitutions={Variable("c"): NamedNode(iri), Variable("p"): NamedNode(SKOS + prop)},
                       default_graph=[draft_graph(catalogue, "werkvormen")])
    found: dict[str, list[str]] = {}
    for row in rows:
        term = row["o"]
        assert isinstance(term, Literal)
        found.setdefault(term.language or "", []).append(term.value)
    return {k: sorted(v) for k, v in found.items()}


def change(draft, **fields) -> list[FieldChange]:
    store, catalogue, editor = draft
    return change_concept(store, catalogue, "werkvormen", editor, AR, ConceptChange(**fields))


def test_an_english_definition_replaces_the_english_one_only(draft):
    before = values(draft, "definition")
    assert set(before) == {"nl", "en"}
    changes = change(draft, definitions={"en": "A new English definition."})
    assert values(draft, "definition") == {"nl": before["nl"], "en": ["A new English definition."]}
    assert changes == [FieldChange("definitions", "en", before["en"], ["A new English definition."])]


def test_an_english_label_keeps_the_dutch_label(draft):
    change(draft, pref_labels={"en": "AR"})
    assert values(draft, "prefLabel") == {"nl": ["Augmented reality"], "en": ["AR"]}


def test_a_new_language_is_added(draft):
    changes = change(draft, pref_labels={"de": "Erweiterte Realität"}, alt_labels={"en": ["AR", "mixed reality"]})
    assert values(draft, "prefLabel")["de"] == ["Erweiterte Realität"]
    assert values(draft, "altLabel") == {"nl": ["AR", "toegevoegde realiteit"], "en": ["AR", "mixed reality"]}
    assert [(c.field, c.language, c.old) for c in changes] == [("pref_labels", "de", []), ("alt_labels", "en", [])]


def test_the_same_value_changes_nothing(draft):
    assert change(draft, pref_labels={"nl": "Augmented reality"}) == []


def test_a_language_is_removed_only_when_asked(draft):
    changes = change(draft, remove={"definitions": ["en"], "alt_labels": ["nl"]})
    assert values(draft, "definition").keys() == {"nl"}
    assert values(draft, "altLabel") == {}
    assert {(c.field, c.language, tuple(c.new)) for c in changes} == {("definitions", "en", ()), ("alt_labels", "nl", ())}


def test_an_empty_value_is_refused_not_taken_as_removal(draft):
    with pytest.raises(EditRefused) as refused:
        change(draft, definitions={"en": "  "})
    assert refused.value.location == "definitions.en" and "remove" in refused.value.message
    assert values(draft, "definition").keys() == {"nl", "en"}


def test_dropping_the_dutch_label_is_refused(draft):
    with pytest.raises(EditRefused) as refused:
        change(draft, remove={"pref_labels": ["nl"]})
    assert "Dutch" in refused.value.message
    with pytest.raises(EditRefused):
        change(draft, pref_labels={"en": "AR"}, remove={"pref_labels": ["nl"]})
    assert values(draft, "prefLabel")["nl"] == ["Augmented reality"]


def test_removing_what_is_not_there_or_setting_and_removing_is_refused(draft):
    with pytest.raises(InvalidInput, match="no definitions in 'fr'"):
        change(draft, remove={"definitions": ["fr"]})
    with pytest.raises(InvalidInput, match="both set and removed"):
        change(draft, definitions={"en": "x"}, remove={"definitions": ["en"]})
    with pytest.raises(InvalidInput, match="not a language tag"):
        change(draft, definitions={"not a language": "x"})
    with pytest.raises(InvalidInput, match="cannot remove by language"):
        change(draft, remove={"notation": ["nl"]})


def test_a_language_tag_is_matched_whatever_its_case(draft):
    change(draft, definitions={"EN": "Upper-case tag."})
    assert values(draft, "definition")["en"] == ["Upper-case tag."]
