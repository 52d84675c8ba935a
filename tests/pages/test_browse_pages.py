"""Browse and history pages in process: the A–Z list and facets against the bundled files, the
releases, one release, the diff and the changes across a registry where an editor published twice,
and the HTML error pages a browser gets (API clients keep problem+json)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, SKOS, URIRef

from api.app import create_app
from api.i18n import translate_plural
from registry.auth import Role
from registry.collation import initial, sort_key
from registry.concept_edits import ConceptChange, change_concept, deprecate_concept
from registry.drafts import publish_draft, start_draft, upload_draft
from registry.formats import format_named
from registry.organisations import create_organisation
from registry.tokens import authenticate, issue_token
from tests.conftest import VOCABULARIES_DIR
from tests.pages.test_pages import page, query_of

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
EDUCATION_LEVEL = URIRef("https://w3id.org/eduvoc/def/educationLevel")


# --- browsing ----------------------------------------------------------------------------------

def test_the_vocabulary_page_offers_the_a_to_z_index_and_its_collections(client):
    document = page(client, "/vocabularies/slo-doelen")
    index = document.find("nav", class_="az-index")
    letters = {a.text: a.get("href") for a in index.find_all("a")}
    assert "J" in letters and "Q" not in letters  # no goal starts with a Q
    assert query_of(letters["J"])["letter"] == ["J"]
    collections = document.find("section", aria_labelledby="collections-heading").find_all("a")
    assert len(collections) == 4
    assert "17.113" in document.by_id("browse-heading").parent.text


def test_a_letter_opens_the_list_at_its_first_concept_in_dutch_order(client):
    document = page(client, "/vocabularies/slo-doelen/concepts?letter=K")
    labels = [li.find("a").text for li in document.find("ol", class_="concept-list").find_all("li")]
    assert len(labels) == 100
    assert initial(sort_key(labels[0])) == "K"
    keys = [sort_key(label) for label in labels]
    assert keys == sorted(keys)


def test_a_level_facet_lists_exactly_the_concepts_of_that_level(client, bundled_vocabulary):
    graph = bundled_vocabulary("slo-kerndoelen")
    document = page(client, "/vocabularies/slo-kerndoelen/concepts")
    facet = document.find("section", aria_labelledby="facet-level")
    link = facet.find_all("a")[0]
    level = query_of(link.get("href"))["level"][0]
    expected = {str(s) for s in graph.subjects(EDUCATION_LEVEL, URIRef(level))}
    assert link.parent.find("span", class_="count").text == str(len(expected))
    filtered = page(client, link.get("href"))
    shown = {query_of(li.find("a").get("href"))["uri"][0] for li in filtered.find("ol", class_="concept-list").find_all("li")}
    assert shown == expected
    assert filtered.find("a", aria_current="true", class_="active-filter")


def test_equal_labels_are_told_apart_by_notation_or_context(client):
    document = page(client, "/vocabularies/slo-doelen/concepts?letter=B")
    items = document.find("ol", class_="concept-list").find_all("li")
    same = [li for li in items if li.find("a").text == "beantwoorden van de informatievraag"]
    assert len(same) == 2
    assert all(li.find("span", class_="context") for li in same)


def test_an_unknown_facet_value_is_a_404_page_and_a_bad_letter_a_400_page(client):
    document = page(client, "/vocabularies/slo-kerndoelen/concepts?level=https://example.org/x", status=404)
    assert "example.org/x" in document.find("p", class_="error-message").text
    page(client, "/vocabularies/slo-kerndoelen/concepts?letter=%C3%A4", status=400)


def test_the_vocabulary_page_answers_from_prepared_data_for_english_too(client):
    document = page(client, "/vocabularies/esco-skills/concepts?lang=en")
    assert document.find("h1").text.startswith("All concepts")
    assert document.find("section", aria_labelledby="facet-group")


# --- history -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def history_client(test_settings) -> Iterator[tuple[TestClient, dict]]:
    """werkvormen published as 1.0, then as 1.1 with a changed label and a deprecation."""
    from rdflib import Graph

    from registry.catalogue import Catalogue
    from registry.oxigraph_store import OxigraphStore

    store = OxigraphStore()
    catalogue = Catalogue(store)
    create_organisation(store, "kennisnet", "Kennisnet")
    token, _ = issue_token(store, "kennisnet", Role.EDITOR, label="test editor")
    editor = authenticate(store, token)
    path = VOCABULARIES_DIR / "werkvormen.ttl"
    upload_draft(store, catalogue, "werkvormen", path, format_named("turtle"), editor, source_name="werkvormen.ttl")
    publish_draft(store, catalogue, "werkvormen", editor, "1.0", "eerste release", check=None)
    concepts = sorted(str(c) for c in Graph().parse(path).subjects(RDF.type, SKOS.Concept))
    changed, old, replacement = concepts[0], concepts[-1], concepts[-2]
    start_draft(store, catalogue, "werkvormen", editor)
    change_concept(store, catalogue, "werkvormen", editor, changed, ConceptChange(pref_labels={"nl": "Gewijzigd label", "en": "Changed label"}))
    deprecate_concept(store, catalogue, "werkvormen", editor, old, [replacement])
    publish_draft(store, catalogue, "werkvormen", editor, "1.1", "een wijziging en een vervallen begrip", check=None)
    with TestClient(create_app(test_settings, store=store)) as client:
        yield client, {"changed": changed, "old": old, "replacement": replacement}


def test_the_releases_page_lists_both_newest_first_with_a_diff_link(history_client):
    client, _ = history_client
    document = page(client, "/vocabularies/werkvormen/releases")
    rows = document.find("table", class_="releases").find("tbody").find_all("tr")
    assert [row.find("th").find("a").text for row in rows] == ["1.1", "1.0"]
    diff_link = rows[0].find_all("td")[-1].find("a")
    assert query_of(diff_link.get("href")) == {"from": ["1.0"], "to": ["1.1"]}


def test_the_vocabulary_page_shows_the_version_of_the_current_release(history_client):
    client, _ = history_client
    document = page(client, "/vocabularies/werkvormen")
    terms = {dt.text: dt for dt in document.find("section", aria_labelledby="about-heading").find_all("dt")}
    version = document.find("dd", data_release="1.1")
    assert version.text.startswith("1.1")
    assert "Laatste release" not in terms  # one version on the page, the release's
    assert all(dd.text.split(" ")[0] != "1.0" for dd in document.find_all("dd"))


def test_every_release_has_its_own_page_and_the_feed_links_there(history_client):
    client, _ = history_client
    feed = client.get("/api/vocabularies/werkvormen/feed").json()
    for item in feed["items"]:
        path = item["url"].removeprefix("http://testserver")
        document = page(client, path)
        assert document.find("span", data_release_version=True).text == item["_eduvoc"]["version"]
    older = page(client, "/vocabularies/werkvormen/releases/1.0")
    assert older.find("p", class_="notice")  # not the current release, and it says so
    response = client.get("/release/werkvormen/1.0", headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/vocabularies/werkvormen/releases/1.0"


@pytest.mark.parametrize("lang, heading", [("nl", "Wat is er veranderd van 1.0 naar 1.1"), ("en", "What changed from 1.0 to 1.1")])
def test_the_diff_page_names_the_changed_and_the_deprecated_concept_with_its_replacement(history_client, lang, heading):
    client, concepts = history_client
    document = page(client, f"/vocabularies/werkvormen/diff?from=1.0&to=1.1&lang={lang}")
    assert document.find("h1").text == heading
    changed = document.by_id("diff-changed").parent
    assert "Gewijzigd label" in changed.text or "Changed label" in changed.text
    assert changed.find("table", class_="property-changes")
    deprecated = document.by_id("diff-deprecated").parent
    links = [query_of(a.get("href"))["uri"][0] for a in deprecated.find_all("a")]
    assert links == [concepts["old"], concepts["replacement"]]
    summary = document.find("ul", class_="diff-summary").text
    assert ("1 vervallen begrip" if lang == "nl" else "1 deprecated concept") in summary


def test_the_changes_page_lists_the_month_with_new_changed_and_deprecated(history_client):
    client, concepts = history_client
    document = page(client, "/changes")
    month = document.find("nav", class_="months").find("a", aria_current="page").text
    assert document.by_id("month-heading").text == month
    rows = document.find("table", class_="changes").find("tbody").find_all("tr")
    kinds = [row.find_all("td")[2].text for row in rows]
    assert "vervallen" in kinds and "gewijzigd" in kinds and "eerste release" in kinds
    english = page(client, "/changes?lang=en")
    assert "deprecated" in [row.find_all("td")[2].text for row in english.find("table", class_="changes").find("tbody").find_all("tr")]


def test_one_release_only_has_nothing_to_compare(client):
    document = page(client, "/vocabularies/werkvormen/diff?lang=en")
    assert "nothing to compare" in document.text
    assert not document.find_all("ul", class_="diff-summary")


# --- error pages -------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/no/such/page", "/api/vocabularies/no-such-list", "/resource?uri=https://example.org/unknown"])
def test_a_browser_gets_an_html_error_page_for_every_path(client, url):
    document = page(client, url, status=404, headers={"Accept": BROWSER_ACCEPT})
    assert document.find("h1").text == "Niet gevonden"
    english = page(client, url + ("&" if "?" in url else "?") + "lang=en", status=404, headers={"Accept": BROWSER_ACCEPT})
    assert english.find("h1").text == "Not found"
    assert english.find("p", class_="error-message").find("span").get("lang") is None  # the message is English too


@pytest.mark.parametrize("accept", [None, "application/json", "application/problem+json", "*/*"])
def test_api_clients_keep_problem_json(client, accept):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/api/vocabularies/no-such-list", headers=headers)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_domain_messages_are_rendered_in_the_page_language(client):
    document = page(client, "/vocabularies/no-such-list", status=404)
    assert document.find("p", class_="error-message").text == "Er is geen waardenlijst no-such-list geregistreerd."
    english = page(client, "/vocabularies/no-such-list?lang=en", status=404)
    assert english.find("p", class_="error-message").text == "No vocabulary no-such-list is registered."


def test_plural_forms():
    assert translate_plural("nl", "concepts_count", 1, n=1) == "1 begrip"
    assert translate_plural("nl", "concepts_count", 2, n=2) == "2 begrippen"
    assert translate_plural("en", "concepts_count", 0, n=0) == "0 concepts"


# --- concept page: hierarchy, linked values, problem reports ------------------------------------

ESCO_SKILL = "http://data.europa.eu/esco/skill/e439742d-558d-4f52-885e-afdc740b48cf"
KERNDOEL_WITH_LEVEL = "https://opendata.slo.nl/curriculum/uuid/d357271b-3cfd-40c4-881d-084b71ca05c8"


def test_the_concept_page_shows_where_the_concept_sits_in_its_hierarchy(client, bundled_vocabulary):
    graph = bundled_vocabulary("esco-skills")
    document = page(client, f"/concepts?uri={ESCO_SKILL}")
    tree = document.by_id("hierarchy-heading").parent.find("ul", data_tree=True)
    uris = [li.get("data-uri") for li in tree.find_all("li") if li.get("data-uri")]
    top, current = uris[0], tree.find("a", aria_current="page")
    assert (None, SKOS.hasTopConcept, URIRef(top)) in graph or (URIRef(top), SKOS.topConceptOf, None) in graph
    assert query_of(current.get("href"))["uri"] == [ESCO_SKILL]
    for parent, child in zip(uris, uris[1:uris.index(ESCO_SKILL) + 1], strict=False):
        assert (URIRef(child), SKOS.broader, URIRef(parent)) in graph or (URIRef(parent), SKOS.narrower, URIRef(child)) in graph


def test_linked_values_that_are_concepts_show_their_label_and_others_are_external_links(client):
    kerndoel = page(client, f"/concepts?uri={KERNDOEL_WITH_LEVEL}").by_id("other-heading").parent
    level = kerndoel.find("a")
    assert level.get("href").startswith("/concepts?")
    assert not level.text.startswith("http")
    esco = page(client, f"/concepts?uri={ESCO_SKILL}").by_id("other-heading").parent
    for link in esco.find_all("a"):
        assert link.get("href").startswith("http") and "external" in link.get("rel")


@pytest.mark.parametrize("iri", [ESCO_SKILL, KERNDOEL_WITH_LEVEL, "https://w3id.org/eduvoc/vocab/werkvormen/bijles"])
def test_every_concept_link_on_a_concept_page_answers(client, iri):
    document = page(client, f"/concepts?uri={iri}")
    links = {a.get("href") for a in document.find_all("a") if a.get("href", "").startswith("/concepts?")}
    assert links
    for href in links:
        assert client.get(href).status_code == 200, href


@pytest.fixture(scope="module")
def contact_client(bundled_registry, test_settings) -> Iterator[TestClient]:
    store, _ = bundled_registry
    settings = test_settings.model_copy(update={"contact_email": "beheer@example.org"})
    with TestClient(create_app(settings, store=store)) as client:
        yield client


def test_a_problem_with_a_concept_is_reported_to_the_contact(contact_client, client):
    document = page(contact_client, f"/concepts?uri={ESCO_SKILL}")
    link = document.find("a", data_report_problem=True)
    assert link.get("href").startswith("mailto:beheer@example.org?subject=")
    assert query_of(link.get("href"))["body"] == [ESCO_SKILL]
    assert not page(client, f"/concepts?uri={ESCO_SKILL}").find_all("a", data_report_problem=True)  # no contact: no link


# --- search filters ------------------------------------------------------------------------------

def test_search_filters_show_counts_that_the_filtered_search_matches(client):
    document = page(client, "/search?q=rekenen")
    filters = document.find("nav", class_="search-filters")
    vocabulary_links = filters.by_id("filter-vocabulary").parent.find_all("a")
    assert vocabulary_links
    total = 0
    for link in vocabulary_links:
        shown = int(link.parent.find("span", class_="count").text.replace(".", ""))
        total += shown
        narrowed = page(client, link.get("href"))
        assert int(narrowed.find("p", data_result_count=True).get("data-result-count")) == shown
        assert narrowed.find("a", aria_current="true", class_="active-filter")
    assert total == int(document.find("p", data_result_count=True).get("data-result-count"))


def test_search_can_include_deprecated_concepts_and_keep_the_filters_when_paging(client):
    current = page(client, "/search?q=kerndoel")
    with_deprecated = page(client, "/search?q=kerndoel&deprecated=true")
    count = lambda d: int(d.find("p", data_result_count=True).get("data-result-count"))  # noqa: E731
    assert count(with_deprecated) > count(current)
    nxt = with_deprecated.find("nav", class_="pager").find("a", rel="next")
    assert query_of(nxt.get("href"))["deprecated"] == ["true"]


def test_a_bad_label_language_is_explained_in_the_page_language(client):
    document = page(client, "/search?q=rekenen&label_lang=1!", status=400)
    assert "1!" in document.find("p", class_="error-message").text


def test_an_older_release_can_be_browsed_as_it_was(history_client):
    client, concepts = history_client
    labels = lambda d: {query_of(li.find("a").get("href"))["uri"][0]: li.find("a").text  # noqa: E731
                        for li in d.find("ol", class_="concept-list").find_all("li")}
    current = labels(page(client, "/vocabularies/werkvormen/concepts"))
    older_page = page(client, "/vocabularies/werkvormen/concepts?version=1.0")
    older = labels(older_page)
    assert current[concepts["changed"]] == "Gewijzigd label"
    assert older[concepts["changed"]] != "Gewijzigd label"
    assert older_page.find("p", class_="release-note")
    page(client, "/vocabularies/werkvormen/concepts?version=9.9", status=404)
