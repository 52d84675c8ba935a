"""The dataset catalogue's pages and the impact section of the concept page: structure, facet
links that add and remove filters, Dutch and English, escaping, errors."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.datasets import register_dataset
from tests.dataset_descriptions import (
    DATASET_LISTS,
    THEME,
    concept,
    editor_of,
    fresh_registry,
    leerlingen_vo,
    scheme_of,
    to_turtle,
    voortgang_werkvormen,
)
from tests.pages.conftest import HOSTILE
from tests.pages.dom import parse

EXCURSION = "https://w3id.org/eduvoc/vocab/ooapi-learning-component-type/excursion"


@pytest.fixture(scope="module")
def site(test_settings):
    """Two registered datasets; the second's Dutch title carries markup, and it uses the OOAPI
    excursion concept as a value."""
    store, catalogue = fresh_registry(DATASET_LISTS)
    register_dataset(store, catalogue, to_turtle(leerlingen_vo()).encode(), "text/turtle", editor_of("duo"))
    progress = voortgang_werkvormen()
    progress.title_nl = HOSTILE.replace('"', '\\"') + " Voortgang"
    progress.extra = [*progress.extra, f"  dct:subject <{EXCURSION}> ;"]
    identifier = register_dataset(store, catalogue, to_turtle(progress).encode(), "text/turtle", editor_of("leerrijk")).record.id
    with TestClient(create_app(test_settings, store=store)) as client:
        yield client, identifier


def page(client, url: str, status: int = 200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response, parse(response.text)


def listed(document) -> list[str]:
    return [li.get("data-dataset") for li in document.find_all("li", data_dataset=True) if li.find_all("a")]


def test_the_list_has_one_h1_labelled_fields_and_every_dataset(site):
    client, _ = site
    _, document = page(client, "/datasets")
    assert len(document.find_all("h1")) == 1
    assert all(nav.get("aria-label") for nav in document.find_all("nav"))
    labelled = {label.get("for") for label in document.find_all("label")}
    assert all(f.get("id") in labelled for f in document.find_all("input") if f.get("type") != "hidden")
    assert document.find(data_result_count=True).get("data-result-count") == "2"
    assert len(listed(document)) == 2


def test_facet_links_add_and_remove_one_filter(site):
    client, identifier = site
    _, document = page(client, "/datasets")
    werkvormen = document.find("ul", data_facet="conforms_to").find("a", data_value=scheme_of("werkvormen"))
    assert "(1)" in werkvormen.parent.text
    href = werkvormen.get("href")
    assert parse_qs(urlsplit(href).query) == {"conforms_to": [scheme_of("werkvormen")]}
    _, narrowed = page(client, href)
    assert listed(narrowed) == [identifier]
    selected = narrowed.find("ul", data_facet="conforms_to").find("a", aria_current="true")
    assert selected.get("data-value") == scheme_of("werkvormen")
    purpose = narrowed.find("ul", data_facet="purpose").find("a", data_value=concept("purpose-of-use", "voortgang-volgen"))
    assert parse_qs(urlsplit(purpose.get("href")).query) == {
        "conforms_to": [scheme_of("werkvormen")], "purpose": [concept("purpose-of-use", "voortgang-volgen")]}
    _, back = page(client, selected.get("href"))  # clicking the selected value removes it
    assert len(listed(back)) == 2
    _, searched = page(client, "/datasets?q=schooljaar&theme=" + THEME + "EDUC")
    assert len(listed(searched)) == 1 and searched.find("a", data_clear_filters=True).get("href") == "/datasets"


def test_labels_and_strings_follow_the_language(site):
    client, _ = site
    _, dutch = page(client, "/datasets")
    _, english = page(client, "/datasets?lang=en")
    assert dutch.find("h1").text == "Datasetcatalogus" and english.find("h1").text == "Dataset catalogue"
    theme = english.find("ul", data_facet="theme").find("a", data_value=THEME + "EDUC")
    assert theme.text and theme.text != THEME + "EDUC"
    assert all("lang=en" in a.get("href") for a in english.find("nav", data_facets=True).find_all("a", data_value=True))
    _, detail = page(client, "/datasets/" + listed(english)[0] + "?lang=en")
    assert detail.find("html").get("lang") == "en"


def test_a_dataset_page_escapes_the_publisher_s_text_and_links_the_lists(site):
    client, identifier = site
    response, document = page(client, f"/datasets/{identifier}")
    assert "<script>alert" not in response.text and "&lt;script&gt;" in response.text
    assert HOSTILE in document.find("h1").text
    lists = document.find("dd", data_field="conforms_to")
    assert {a.get("href") for a in lists.find_all("a")} == {"/vocabularies/werkvormen", "/vocabularies/slo-kerndoelen"}
    purposes = document.find("dd", data_field="purpose")
    assert purposes.find("a").get("href").startswith("/concepts?uri=")
    formats = {a.get("data-format"): a.get("href") for a in document.find_all("a", data_format=True)}
    assert formats["turtle"] == f"/api/datasets/{identifier}?format=turtle"
    assert client.get(formats["turtle"]).headers["content-type"].startswith("text/turtle")


def test_unknown_datasets_and_bad_filters_get_html_errors(site):
    client, _ = site
    page(client, "/datasets/no-such-dataset", 404)
    page(client, "/datasets?offset=-1", 400)


def test_the_concept_page_shows_who_uses_the_concept(site):
    client, identifier = site
    _, document = page(client, f"/concepts?uri={EXCURSION}")
    section = document.find("section", data_impact=True)
    assert [a.get("data-dataset") for a in section.find("ul", data_impact_datasets=True).find_all("a")] == [identifier]
    mapping = section.find("ul", data_impact_mappings=True).find("a")
    assert mapping.text == "https://w3id.org/eduvoc/vocab/werkvormen/excursie"
    _, quiet = page(client, "/concepts?uri=" + concept("purpose-of-use", "toezicht"))
    assert quiet.find("p", data_impact_empty=True)
