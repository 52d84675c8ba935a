"""The HTML pages in process: content, status codes, escaping, languages and accessibility hooks."""

from __future__ import annotations

import re
import string
from urllib.parse import parse_qs, urlsplit

import pytest
from rdflib import OWL, RDF, SKOS, URIRef

from api.i18n import LANGUAGES, STRINGS, negotiate_language, pick_label
from tests.conftest import VOCABULARIES_DIR
from tests.pages.conftest import HOSTILE, HOSTILE_CONCEPT
from tests.pages.dom import Element, parse

KERNDOEL = "https://opendata.slo.nl/curriculum/uuid/d357271b-3cfd-40c4-881d-084b71ca05c8"
REPLACEMENT = "https://opendata.slo.nl/curriculum/uuid/cc7113ed-5284-4a62-85a2-e312de34eac9"
BIJLES = "https://w3id.org/eduvoc/vocab/werkvormen/bijles"
BEGELEIDING = "https://w3id.org/eduvoc/vocab/werkvormen/begeleiding"
GESPREK = "https://w3id.org/eduvoc/vocab/werkvormen/begeleidingsgesprek"
ANNUAL = "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
DIGCOMP = "https://w3id.org/eduvoc/vocab/esco-skills/collection-digcomp"
DIGCOMP_MEMBER = "http://data.europa.eu/esco/skill/e439742d-558d-4f52-885e-afdc740b48cf"


def page(client, url: str, status: int = 200, **kwargs) -> Element:
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return parse(response.text)


def concept_url(iri: str, **params: str) -> str:
    extra = "".join(f"&{name}={value}" for name, value in params.items())
    return f"/concepts?uri={iri}{extra}"


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


# --- every page -------------------------------------------------------------------------------

PAGES = ["/", "/vocabularies/werkvormen", concept_url(BIJLES), concept_url(KERNDOEL), "/search", "/search?q=rekenen"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_landmarks_a_skip_link_one_h1_and_labelled_fields(client, url):
    document = page(client, url)
    html = document.find("html")
    assert html.get("lang") == "nl"
    skip = document.find("a", class_="skip-link")
    assert skip.get("href") == "#main"
    assert document.by_id("main").tag == "main"
    assert document.find_all("header") and document.find_all("footer")
    assert all(nav.get("aria-label") for nav in document.find_all("nav"))
    assert len(document.find_all("h1")) == 1
    labelled = {label.get("for") for label in document.find_all("label")}
    for field in document.find_all("input") + document.find_all("select"):
        if field.get("type") != "hidden":
            assert field.get("id") in labelled or field.get("aria-label"), field.attrs


@pytest.mark.parametrize("url", PAGES)
def test_pages_load_no_asset_from_elsewhere(client, url):
    document = page(client, url)
    sources = [e.get("src") for e in document.find_all("script")] + [e.get("href") for e in document.find_all("link")]
    assert sources and all(source.startswith("/static/") for source in sources)


def test_the_static_script_and_stylesheet_are_served(client):
    script = client.get("/static/pages.js")
    assert script.status_code == 200 and "combobox" in script.text
    assert ".innerHTML" not in script.text  # labels are only ever set as text
    assert client.get("/static/style.css").status_code == 200


def test_the_search_boxes_are_aria_combo_boxes(client):
    document = page(client, "/vocabularies/werkvormen")
    box = document.find("input", role="combobox")
    assert box.get("aria-autocomplete") == "list" and box.get("aria-expanded") == "false"
    listbox = document.by_id(box.get("aria-controls"))
    assert listbox.get("role") == "listbox" and listbox.has("hidden")
    assert box.get("data-autocomplete") == "/api/autocomplete"
    assert document.by_id(box.get("aria-describedby")).text
    assert box.find_all() == [] and box.parent.parent.get("role") == "search"


# --- languages ---------------------------------------------------------------------------------

def test_every_ui_string_exists_in_both_languages_with_the_same_placeholders():
    def fields(text: str) -> list[str]:
        return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)

    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGUAGES), key
        assert fields(texts["nl"]) == fields(texts["en"]), key


@pytest.mark.parametrize(
    ("asked", "accept", "expected"),
    [
        (None, None, "nl"),
        ("en", "nl", "en"),
        ("EN", None, "en"),
        ("fr", "en", "en"),
        (None, "fr-FR, en-GB;q=0.8, nl;q=0.5", "en"),
        (None, "de, nl-BE;q=0.9", "nl"),
        (None, "en;q=0, fr", "nl"),
        (None, "garbage;q=x", "nl"),
    ],
)
def test_the_language_comes_from_lang_then_accept_language_then_dutch(asked, accept, expected):
    assert negotiate_language(asked, accept) == expected


def test_a_label_falls_back_to_dutch_english_none_then_any():
    assert pick_label({"nl": "a", "en": "b"}, "en").text == "b"
    assert pick_label({"nl": "a", "fr": "c"}, "en") .language == "nl"
    assert pick_label({"en": "b", "fr": "c"}, "nl").language == "en"
    assert pick_label({"fr": "c", "de": "d"}, "nl").text == "d"
    assert pick_label({}, "nl", "fallback").text == "fallback"


def test_english_by_parameter_and_links_keep_it(client):
    document = page(client, "/?lang=en")
    assert document.find("html").get("lang") == "en"
    assert document.find("h1").text == "Vocabularies"
    vocabulary_links = [a.get("href") for a in document.find_all("a") if a.get("href", "").startswith("/vocabularies/")]
    assert vocabulary_links and all(query_of(href)["lang"] == ["en"] for href in vocabulary_links)
    switch = document.find("nav", class_="language-switch")
    current = switch.find("a", aria_current="true")
    assert current.get("lang") == "en" and current.text == "English"


def test_english_by_accept_language_without_pinning_links(client):
    response = client.get("/vocabularies/werkvormen", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Accept-Language" in response.headers["vary"]
    document = parse(response.text)
    assert document.find("html").get("lang") == "en"
    assert document.find("h1").text == "Teaching and learning activity types (werkvormen)"
    assert document.by_id("tree-heading").text.startswith("Top concepts")
    assert all("lang" not in query_of(a.get("href")) for a in document.find_all("a") if a.get("href", "").startswith("/concepts"))


def test_labels_in_another_language_than_the_page_carry_a_lang_attribute(client):
    document = page(client, concept_url(KERNDOEL, lang="en"))
    title = document.find("h1").find("span")
    assert title.text == "Processen in de natuur" and title.get("lang") == "nl"
    assert document.find("section", aria_labelledby="deprecated-heading").find("h2").text == "This concept is deprecated"
    esco = page(client, concept_url(DIGCOMP_MEMBER))  # an English-only concept on a Dutch page
    assert esco.find("h1").find("span").get("lang") == "en"


# --- home ----------------------------------------------------------------------------------------

def test_home_lists_every_vocabulary_grouped_by_publisher_with_counts(client):
    document = page(client, "/")
    rows = document.find_all("tr", data_filter_row=True)
    slugs = {row.find("code").text for row in rows}
    assert slugs == {path.stem for path in VOCABULARIES_DIR.glob("*.ttl")}
    headings = [section.find("h2").text for section in document.find_all("section", data_group=True)]
    assert any(h.startswith("SLO") for h in headings) and any(h.startswith("SURF") for h in headings)
    werkvormen = next(row for row in rows if row.find("code").text == "werkvormen")
    assert werkvormen.find("a").get("href") == "/vocabularies/werkvormen"
    assert "63" in werkvormen.text
    assert re.search(r"\d+ waardenlijsten met samen [\d.]+ begrippen", document.find("p", class_="lead").text)
    filter_box = document.find("div", data_filter=True)
    assert filter_box.has("hidden")  # shown by the script only
    assert document.find("form", role="search").find("input", name="q")


# --- vocabulary --------------------------------------------------------------------------------

def test_a_vocabulary_page_has_its_metadata(client):
    document = page(client, "/vocabularies/slo-kerndoelen")
    assert document.find("h1").text == "SLO-kerndoelen"
    metadata = document.find("section", aria_labelledby="about-heading")
    terms = {dt.text: dt for dt in metadata.find_all("dt")}
    assert {"IRI", "Bronhouder", "Licentie", "Bron", "Versie", "Talen", "Aantallen"} <= set(terms)
    assert "SLO" in metadata.text
    assert metadata.find("a", rel="license external").get("href") == "http://creativecommons.org/licenses/by/4.0/"
    assert "612 begrippen" in metadata.text and "10 collecties" in metadata.text


def test_a_vocabulary_page_shows_its_top_concepts_as_a_tree_of_links(client, bundled_vocabulary):
    graph = bundled_vocabulary("werkvormen")
    scheme = URIRef("https://w3id.org/eduvoc/vocab/werkvormen")
    tops = {str(c) for c in graph.objects(scheme, SKOS.hasTopConcept)}
    document = page(client, "/vocabularies/werkvormen")
    tree = document.find("ul", data_tree=True)
    assert tree.get("data-children-url") == "/api/concepts/children"
    items = [li for li in tree.find_all("li") if li.parent is tree]
    assert {li.get("data-uri") for li in items} == tops
    begeleiding = next(li for li in items if li.get("data-uri") == BEGELEIDING)
    assert begeleiding.has("data-has-children")
    assert query_of(begeleiding.find("a").get("href"))["uri"] == [BEGELEIDING]
    assert document.by_id("tree-heading").text == f"Topbegrippen ({len(tops)})"


def test_a_long_top_level_is_paged(client):
    first = page(client, "/vocabularies/eu-file-type")
    assert len(first.find("ul", data_tree=True).find_all("li")) == 100
    pager = first.find("nav", class_="pager")
    assert not pager.find_all("a", rel="prev")
    assert query_of(pager.find("a", rel="next").get("href"))["offset"] == ["100"]
    second = page(client, "/vocabularies/eu-file-type?offset=100")
    assert len(second.find("ul", data_tree=True).find_all("li")) == 20
    pager = second.find("nav", class_="pager")
    assert query_of(pager.find("a", rel="prev").get("href")) == {}
    assert not pager.find_all("a", rel="next")
    assert "101–120 van 120" in pager.text


def test_a_vocabulary_lists_its_collections_and_shows_one_collection(client, bundled_vocabulary):
    document = page(client, "/vocabularies/esco-skills")
    links = document.find("section", aria_labelledby="collections-heading").find_all("a")
    assert len(links) == len(set(bundled_vocabulary("esco-skills").subjects(RDF.type, SKOS.Collection)))
    digcomp = next(a for a in links if query_of(a.get("href"))["collection"] == [DIGCOMP])
    members = page(client, digcomp.get("href"))
    assert members.by_id("tree-heading").text.startswith("Leden van de collectie")
    expected_members = set(bundled_vocabulary("esco-skills").objects(URIRef(DIGCOMP), SKOS.member))
    assert len(members.find("ul", data_tree=True).find_all("li")) == len(expected_members) > 0


@pytest.mark.parametrize("url", ["/vocabularies/no-such-list", "/vocabularies/esco-skills?collection=https://example.org/none"])
def test_an_unknown_vocabulary_or_collection_is_a_404_page(client, url):
    document = page(client, url, status=404)
    assert document.find("h1").text == "Niet gevonden"
    assert "Traceback" not in document.text
    assert document.find("a", href="/")


def test_a_bad_offset_is_a_400_page(client):
    document = page(client, "/vocabularies/werkvormen?offset=-5", status=400)
    assert document.find("h1").text == "Ongeldige aanvraag"
    assert "offset" in document.find("p", class_="error-message").text


# --- concept -----------------------------------------------------------------------------------

def test_a_concept_page_has_labels_per_language_notes_and_notation(client):
    document = page(client, concept_url(GESPREK))
    assert document.find("h1").text.startswith("Begeleidingsgesprek")
    labels = document.find("section", aria_labelledby="labels-heading")
    rows = {row.find("th").text: row for row in labels.find("tbody").find_all("tr")}
    assert list(rows) == ["nl", "en"]
    assert "consult; mentorgesprek; spreekuur" in rows["nl"].text
    assert rows["en"].find("td").get("lang") == "en" and "Consultation" in rows["en"].text
    notes = document.find("section", aria_labelledby="notes-heading")
    definitions = notes.find_all("p", class_="note")
    assert definitions[0].text.startswith("Geplande bijeenkomst") and not definitions[0].has("lang")
    assert definitions[1].get("lang") == "en"
    english = page(client, concept_url(GESPREK, lang="en"))
    assert [p.get("lang") for p in english.find_all("p", class_="note")] == [None, "nl"]
    assert [row.find("th").text for row in english.find("section", aria_labelledby="labels-heading").find("tbody").find_all("tr")] == ["en", "nl"]
    assert "begeleidingsgesprek" in labels.text  # notation


def test_breadcrumbs_lead_from_the_vocabulary_through_the_ancestors(client):
    document = page(client, concept_url(BIJLES))
    crumbs = document.find("nav", data_breadcrumbs=True)
    assert crumbs.get("aria-label") == "Kruimelpad"
    steps = crumbs.find("ol").find_all("li")
    assert [li.text for li in steps] == ["Waardenlijsten", "Werkvormen", "Begeleiding", "Bijles"]
    assert steps[-1].find("a").get("aria-current") == "page"
    assert query_of(steps[2].find("a").get("href"))["uri"] == [BEGELEIDING]


def test_a_concept_with_several_parents_shows_every_path(client):
    document = page(client, concept_url(REPLACEMENT))
    paths = document.find("nav", data_breadcrumbs=True).find_all("ol")
    assert len(paths) == 5  # seven paths, five shown
    assert "2 andere paden" in document.find("nav", data_breadcrumbs=True).text


def test_relations_are_links_to_concept_pages(client, bundled_vocabulary):
    graph = bundled_vocabulary("werkvormen")
    narrower = {str(c) for c in graph.objects(URIRef(BEGELEIDING), SKOS.narrower)}
    document = page(client, concept_url(BEGELEIDING))
    listed = document.find("ul", data_relation="narrower").find_all("a")
    assert {query_of(a.get("href"))["uri"][0] for a in listed} == narrower
    broader = page(client, concept_url(BIJLES)).find("ul", data_relation="broader").find("a")
    assert broader.text == "Begeleiding"


def test_registered_mappings_link_inside_and_others_outside(client):
    document = page(client, concept_url(GESPREK))
    exact = document.find("ul", data_mapping="exact_match").find("a")
    assert exact.get("href").startswith("/concepts?") and exact.text == "Consultation"
    broad = document.find("ul", data_mapping="broad_match").find("a")
    assert query_of(broad.get("href"))["uri"] == ["http://adlnet.gov/expapi/activities/meeting"]
    external = page(client, concept_url(ANNUAL)).find("ul", data_mapping="exact_match").find("a")
    assert external.get("href") == "http://purl.org/cld/freq/annual" and external.get("rel") == "external"
    assert "externe link" in external.text


def test_a_deprecated_concept_has_a_banner_linking_its_replacement(client):
    document = page(client, concept_url(KERNDOEL))
    banner = document.find("section", data_deprecated=True)
    assert banner.find("h2").text == "Dit begrip is vervallen"
    link = banner.find("a")
    assert query_of(link.get("href"))["uri"] == [REPLACEMENT]
    assert link.text == "Processen in de natuur"
    assert not page(client, concept_url(REPLACEMENT)).find_all("section", data_deprecated=True)


def test_a_deprecated_concept_of_another_list_is_marked_too(client, bundled_vocabulary):
    graph = bundled_vocabulary("eu-file-type")
    deprecated = next(s for s in graph.subjects(OWL.deprecated, None) if (s, RDF.type, SKOS.Concept) in graph)
    assert page(client, concept_url(str(deprecated))).find_all("section", data_deprecated=True)


def test_a_concept_names_the_collections_it_belongs_to(client):
    document = page(client, concept_url(DIGCOMP_MEMBER))
    links = document.find("ul", data_collections=True).find_all("a")
    assert DIGCOMP in [query_of(a.get("href"))["collection"][0] for a in links]
    assert all(a.get("href").startswith("/vocabularies/esco-skills?") for a in links)


def test_a_concept_offers_downloads_in_four_formats_that_answer(client):
    document = page(client, concept_url(BIJLES))
    downloads = {a.get("data-format"): a.get("href") for a in document.find("ul", class_="downloads").find_all("a") if a.get("data-format")}
    assert set(downloads) == {"turtle", "jsonld", "rdfxml", "ntriples"}
    for name, href in downloads.items():
        assert href.startswith("/resource?") and query_of(href) == {"uri": [BIJLES], "format": [name]}
    turtle = client.get(downloads["turtle"])
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert BIJLES in turtle.text


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        (concept_url("https://example.org/not-a-concept"), 404, "Niet gevonden"),
        ("/concepts", 400, "Ongeldige aanvraag"),
        ("/concepts?uri=not-an-iri", 400, "Ongeldige aanvraag"),
        (concept_url("https://example.org/not-a-concept", lang="en"), 404, "Not found"),
    ],
)
def test_unknown_or_invalid_concepts_are_html_error_pages(client, url, status, heading):
    document = page(client, url, status=status)
    assert document.find("h1").text == heading
    assert "Traceback" not in document.text


def test_the_404_page_for_an_iri_offers_the_iri_itself(client):
    document = page(client, concept_url("https://example.org/not-a-concept"), status=404)
    assert document.find("a", rel="external nofollow").get("href") == "https://example.org/not-a-concept"


def test_the_json_api_still_answers_problems(client):
    response = client.get("/api/vocabularies/no-such-list")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


# --- escaping ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/vocabularies/werkvormen", concept_url(HOSTILE_CONCEPT), concept_url(BEGELEIDING)])
def test_markup_in_labels_and_titles_is_shown_as_text(hostile_client, url):
    response = hostile_client.get(url)
    assert response.status_code == 200
    assert "<script>alert" not in response.text and "<b>bold</b>" not in response.text
    assert "&lt;script&gt;" in response.text
    document = parse(response.text)
    assert [s.get("src") for s in document.find_all("script")] == ["/static/pages.js"]
    assert HOSTILE in document.text


def test_the_hostile_label_is_the_page_title_as_text(hostile_client):
    document = page(hostile_client, concept_url(HOSTILE_CONCEPT))
    assert document.find("h1").text.startswith(HOSTILE)
    assert document.find("title").text.startswith(HOSTILE)


# --- search ------------------------------------------------------------------------------------

def test_the_search_page_without_a_query_shows_the_form_with_a_vocabulary_filter(client):
    document = page(client, "/search")
    form = document.find("form", role="search")
    assert form.get("action") == "/search"
    options = form.find("select", name="vocabulary").find_all("option")
    assert len(options) == 1 + len(list(VOCABULARIES_DIR.glob("*.ttl")))


def test_the_sparql_page_shares_the_layout(client):
    document = page(client, "/sparql?lang=en", headers={"Accept": "text/html"})
    assert document.find("html").get("lang") == "en"
    assert document.find("a", class_="skip-link").text == "Skip to content"


def test_search_lists_matching_concepts_with_links_and_their_vocabulary(client):
    document = page(client, "/search?q=bijles")
    assert document.find("form", role="search").find("input", name="q").get("value") == "bijles"
    hits = document.find("ol", class_="results").find_all("li", data_uri=True)
    first = hits[0]
    assert first.get("data-uri") == BIJLES
    assert query_of(first.find("a").get("href"))["uri"] == [BIJLES]
    assert first.find("a").text == "Bijles"
    assert "Werkvormen" in first.find("span", class_="meta").text
    assert re.match(r"\d+ begrippen gevonden", document.find("p", role="status").text)


def test_search_names_the_label_that_matched_and_marks_its_language(client):
    document = page(client, "/search?q=tutoring&vocabulary=werkvormen")
    hit = next(li for li in document.find_all("li", data_uri=True) if li.get("data-uri") == BIJLES)
    matched = hit.find("span", class_="meta").find("span", lang="en")
    assert matched.text == "Tutoring"


def test_search_in_one_vocabulary_only_finds_its_concepts(client):
    document = page(client, "/search?q=rekenen&vocabulary=slo-kerndoelen")
    hits = document.find_all("li", data_uri=True)
    assert hits and all("SLO-kerndoelen" in hit.find("span", class_="meta").text for hit in hits)
    assert document.find("select", name="vocabulary").find("option", selected=True).get("value") == "slo-kerndoelen"


def test_search_keeps_an_explicit_language_and_pages(client):
    document = page(client, "/search?q=a&lang=en")
    assert document.find("h1").text == "Search"
    assert document.find("form", role="search").find("input", type="hidden", name="lang").get("value") == "en"
    pager = document.find("nav", class_="pager")
    assert query_of(pager.find("a", rel="next").get("href")) == {"q": ["a"], "offset": ["20"], "lang": ["en"]}


@pytest.mark.parametrize("url", ["/search?q=%3F%3F%3F", "/search?q=x&vocabulary=no-such-list"])
def test_a_search_the_index_refuses_is_explained_on_the_search_page(client, url):
    document = page(client, url, status=400)
    assert document.find("p", class_="error-message").text
    assert document.find("form", role="search")


def test_search_results_escape_labels(hostile_client):
    response = hostile_client.get("/search?q=begeleidingsgesprek")
    assert response.status_code == 200
    assert "<script>alert" not in response.text and "&lt;script&gt;" in response.text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_link_of_the_main_menu_answers(client, lang):
    """The main menu is the way in for people: each of its pages must answer, in both languages."""
    home = client.get("/", params={"lang": lang})
    menu = re.search(r'<nav aria-label="[^"]*">(.*?)</nav>', home.text, re.DOTALL)
    assert menu is not None
    links = re.findall(r'href="([^"]+)"', menu.group(1))
    assert {"/suggestions", "/gaps", "/validate", "/datasets", "/mapping-sets"} <= {link.split("?")[0] for link in links}
    for link in links:
        if link.startswith("/docs"):
            continue  # Swagger UI loads its assets itself; /openapi.json is tested with the API
        answer = client.get(link.replace("&amp;", "&"), headers={"Accept": "text/html"})
        assert answer.status_code == 200, (link, answer.status_code)
