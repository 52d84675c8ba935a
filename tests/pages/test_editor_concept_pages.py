"""Editing one concept of a draft in the browser's forms (in process): add, change per language
without dropping the others, move, deprecate with confirmation; every failed form keeps its input."""

from __future__ import annotations

from urllib.parse import urlencode

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from tests.pages.test_editor_pages import (  # noqa: F401 (fixtures)
    WERKVORMEN,
    assert_field_error,
    page,
    post,
    publish,
    register,
    registry,
    sign_in,
)

BIJLES = "https://w3id.org/eduvoc/vocab/werkvormen/bijles"
NEW = "https://w3id.org/eduvoc/vocab/werkvormen/samen-puzzelen"


def _draft(registry) -> Graph:  # noqa: F811
    """The draft of werkvormen as an rdflib graph (read from the store the app writes)."""
    from rdflib.term import Literal as RdfLiteral

    from registry.catalogue import Catalogue
    from registry.drafts import draft_graph

    graph = Graph()
    for quad in registry.store.quads(graph=draft_graph(Catalogue(registry.store), "werkvormen")):
        o = quad.object
        value = URIRef(o.value) if type(o).__name__ == "NamedNode" else RdfLiteral(o.value, lang=o.language, datatype=None if o.language else URIRef(o.datatype.value))
        if type(quad.subject).__name__ == "NamedNode":
            graph.add((URIRef(quad.subject.value), URIRef(quad.predicate.value), value))
    return graph


def _published_werkvormen(registry):  # noqa: F811
    client = registry.client
    sign_in(client, registry.editor)
    register(client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    publish(client, "werkvormen", "1.0", "eerste release")
    post(client, "/editor/vocabularies/werkvormen/draft/start")
    return client


def _concept_url(uri: str, action: str = "") -> str:
    return f"/editor/vocabularies/werkvormen/concept{'/' + action if action else ''}?{urlencode({'uri': uri})}"


def test_changing_the_dutch_label_keeps_the_english_one(registry):  # noqa: F811
    client = _published_werkvormen(registry)
    document = page(client, _concept_url(BIJLES))
    form = document.find("form", data_form="change")
    fields = {i.get("name"): i.get("value") or "" for i in form.find_all("input")}
    fields.update({t.get("name"): t.text for t in form.find_all("textarea")})
    assert fields["pref_nl"] and fields["pref_en"]
    assert document.find("h1").text == fields["pref_nl"]
    english = fields["pref_en"]
    fields["pref_nl"] = "Bijles (individueel)"
    post(client, _concept_url(BIJLES, "change"), data=fields)
    draft = _draft(registry)
    labels = {(str(o), o.language) for o in draft.objects(URIRef(BIJLES), SKOS.prefLabel)}
    assert ("Bijles (individueel)", "nl") in labels and (english, "en") in labels
    assert page(client, _concept_url(BIJLES) + "&done=changed").find("p", role="status").get("data-done") == "changed"


def test_a_change_without_any_label_comes_back_with_the_input_and_the_field_named(registry):  # noqa: F811
    client = _published_werkvormen(registry)
    response = post(client, _concept_url(BIJLES, "change"), 400, data={"pref_nl": "", "pref_en": "", "definition_nl": "Mijn definitie", "notation": ""})
    from tests.pages.dom import parse

    document = parse(response.text)
    assert "voorkeursterm" in assert_field_error(document, "change-pref_nl")
    assert document.by_id("change-definition_nl").text == "Mijn definitie"


def test_add_move_and_deprecate_with_confirmation(registry):  # noqa: F811
    client = _published_werkvormen(registry)
    post(client, "/editor/vocabularies/werkvormen/concept/add",
         data={"uri": NEW, "pref_nl": "Samen puzzelen", "pref_en": "Puzzling together", "broader": ""})
    draft = _draft(registry)
    assert (URIRef(NEW), SKOS.prefLabel, Literal("Samen puzzelen", lang="nl")) in draft
    post(client, _concept_url(NEW, "move"), data={"broader": BIJLES})
    assert (URIRef(NEW), SKOS.broader, URIRef(BIJLES)) in _draft(registry)

    from tests.pages.dom import parse

    # no confirmation: the form again, replacement kept, the box named
    document = parse(post(client, _concept_url(NEW, "deprecate"), 400, data={"replacement": BIJLES}).text)
    assert "Vink aan" in assert_field_error(document, "deprecate-confirm")
    assert document.by_id("deprecate-replacement").get("value") == BIJLES
    assert (URIRef(NEW), OWL.deprecated, None) not in _draft(registry)
    post(client, _concept_url(NEW, "deprecate"), data={"replacement": BIJLES, "confirm": "yes"})
    draft = _draft(registry)
    assert (URIRef(NEW), OWL.deprecated, Literal(True)) in draft


def test_adding_an_existing_concept_keeps_the_input_and_says_why(registry):  # noqa: F811
    client = _published_werkvormen(registry)
    response = post(client, "/editor/vocabularies/werkvormen/concept/add", 409,
                    data={"uri": BIJLES, "pref_nl": "Nog een bijles", "pref_en": ""})
    from tests.pages.dom import parse

    document = parse(response.text)
    assert document.by_id("add-pref_nl").get("value") == "Nog een bijles"
    assert "already a concept" in document.by_id("error-summary").text


def test_another_organisation_cannot_open_the_concept_editor(registry):  # noqa: F811
    client = _published_werkvormen(registry)
    client.cookies.clear()
    sign_in(client, registry.other)
    page(client, _concept_url(BIJLES), 403)


def test_the_header_links_the_editor_in_both_languages(registry):  # noqa: F811
    for lang, text in (("nl", "Redactie"), ("en", "Editor")):
        document = page(registry.client, f"/?lang={lang}")
        link = next(a for a in document.find("header").find_all("a") if a.get("href", "").startswith("/editor"))
        assert link.text == text


def test_the_session_endpoint_tells_public_pages_whether_an_editor_is_signed_in(registry):  # noqa: F811
    client = registry.client
    assert client.get("/editor/session").json() == {"signedIn": False, "organisation": None}
    sign_in(client, registry.editor)
    answer = client.get("/editor/session")
    assert answer.json() == {"signedIn": True, "organisation": "kennisnet"}
    assert answer.headers["cache-control"] == "no-store"


def test_emptying_a_language_removes_only_that_language_and_the_dutch_label_must_stay(registry):  # noqa: F811
    client = _published_werkvormen(registry)
    form = page(client, _concept_url(BIJLES)).find("form", data_form="change")
    fields = {i.get("name"): i.get("value") or "" for i in form.find_all("input")}
    fields.update({t.get("name"): t.text for t in form.find_all("textarea")})
    dutch = fields["pref_nl"]
    post(client, _concept_url(BIJLES, "change"), data={**fields, "pref_en": ""})
    labels = {(str(o), o.language) for o in _draft(registry).objects(URIRef(BIJLES), SKOS.prefLabel)}
    assert labels == {(dutch, "nl")}
    from tests.pages.dom import parse

    document = parse(post(client, _concept_url(BIJLES, "change"), 422, data={**fields, "pref_nl": "", "pref_en": "Tutoring"}).text)
    assert "Dutch preferred label" in document.by_id("error-summary").text
    assert document.by_id("change-pref_en").get("value") == "Tutoring"
