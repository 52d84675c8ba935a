"""The browse and history pages in headless Chromium against a real `eduvoc serve`: every page in
Dutch and English at 1280 and 390 px wide, with no serious or critical axe-core violation and no
sideways scrolling; and the concept page's hierarchy tree by keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF as RDF_NS
from rdflib import SKOS as SKOS_NS
from rdflib import Graph

from registry.auth import Role
from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.concept_edits import ConceptChange, change_concept, deprecate_concept
from registry.drafts import publish_draft, start_draft
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import authenticate, issue_token
from tests.conftest import ONTOLOGY_DIR, VOCABULARIES_DIR
from tests.integration.conftest import running_server
from tests.pages.conftest import VIEWPORTS
from tests.pages.test_browser import TIMEOUT_MS, browser, chromium_executable  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.integration, pytest.mark.browser]

ESCO_SKILL = "http://data.europa.eu/esco/skill/e439742d-558d-4f52-885e-afdc740b48cf"
PAGES = {
    "home": "/",
    "vocabulary": "/vocabularies/slo-doelen",
    "a-z": "/vocabularies/slo-doelen/concepts?letter=B",
    "facets": "/vocabularies/slo-kerndoelen/concepts",
    "concept": f"/concepts?uri={ESCO_SKILL}",
    "search": "/search?q=rekenen",
    "releases": "/vocabularies/werkvormen/releases",
    "release": "/vocabularies/werkvormen/releases/2.0",
    "diff": "/vocabularies/werkvormen/diff",
    "changes": "/changes",
    "not found": "/no/such/page",
}


def _two_releases(path: Path) -> None:
    """Every bundled vocabulary, and werkvormen released again as 2.0 with a change and a deprecation."""
    store = OxigraphStore(path)
    try:
        catalogue = Catalogue(store)
        load_files(store, catalogue, bundled_files(VOCABULARIES_DIR, ONTOLOGY_DIR))
        create_organisation(store, "kennisnet", "Kennisnet")
        token, _ = issue_token(store, "kennisnet", Role.ADMIN, label="browser test")
        admin = authenticate(store, token)
        concepts = sorted(str(c) for c in Graph().parse(VOCABULARIES_DIR / "werkvormen.ttl").subjects(RDF_NS.type, SKOS_NS.Concept))
        start_draft(store, catalogue, "werkvormen", admin)
        change_concept(store, catalogue, "werkvormen", admin, concepts[0], ConceptChange(pref_labels={"nl": "Gewijzigd label", "en": "Changed label"}))
        deprecate_concept(store, catalogue, "werkvormen", admin, concepts[-1], [concepts[-2]])
        publish_draft(store, catalogue, "werkvormen", admin, "2.0", "een wijziging en een vervallen begrip", check=None)
    finally:
        store.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("browse-browser") / "store"
    _two_releases(store)
    with running_server(store, timeout=600) as (base, _):  # it builds its search index first
        yield base


@pytest.fixture(params=[(lang, width) for lang in ("nl", "en") for width in VIEWPORTS], ids=lambda p: f"{p[0]}-{p[1]}")
def page(request, browser, base_url: str) -> Iterator[object]:  # noqa: F811
    """A page in one language at one width; fails on a script error or a request that leaves the server."""
    lang, width = request.param
    context = browser.new_context(locale=f"{lang}-NL" if lang == "nl" else "en-GB", viewport=VIEWPORTS[width],
                                  extra_http_headers={"Accept-Language": lang})
    context.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("request", lambda r: None if r.url.startswith(base_url) else errors.append("elsewhere: " + r.url))
    opened.lang = lang  # type: ignore[attr-defined]
    yield opened
    context.close()
    assert errors == [], errors


def test_every_browse_and_history_page_is_accessible_in_both_languages_and_widths(page, base_url, axe_check):
    for name, path in PAGES.items():
        response = page.goto(base_url + path)
        assert response.status == (404 if name == "not found" else 200), (name, response.status)
        assert page.locator("html").get_attribute("lang") == page.lang
        axe_check(page, f"{name} {page.lang} {page.viewport_size['width']}px")


def test_the_hierarchy_tree_shows_the_path_open_and_folds_by_keyboard(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + PAGES["concept"])
    tree = page.locator("section.concept-hierarchy ul[data-tree]")
    current = tree.locator("a[aria-current='page']")
    expect(current).to_be_visible()
    top_button = tree.locator(":scope > li > .node > button")
    expect(top_button).to_have_attribute("aria-expanded", "true")
    top_button.focus()
    page.keyboard.press("ArrowLeft")
    expect(top_button).to_have_attribute("aria-expanded", "false")
    expect(current).to_be_hidden()
    page.keyboard.press("ArrowRight")
    expect(current).to_be_visible()


def test_the_diff_is_reached_from_the_vocabulary_page(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "/vocabularies/werkvormen")
    name = "Wat is er veranderd in de laatste release" if page.lang == "nl" else "What changed in the latest release"
    page.get_by_role("link", name=name).click()
    heading = "Wat is er veranderd van" if page.lang == "nl" else "What changed from"
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)


@pytest.mark.parametrize("html, found", [
    ('<html lang="nl"><body><main><img src="/static/favicon.svg"></main></body></html>', "image-alt"),
    ('<html lang="nl"><head><title>t</title></head><body><main><p>wide</p><div class="wide"></div></main></body></html>', "scrolls sideways"),
])
def test_the_accessibility_check_fails_on_a_violation(browser, axe_check, html, found):  # noqa: F811
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    try:
        opened = context.new_page()
        opened.set_content(html)
        opened.add_style_tag(content=".wide { width: 900px; height: 10px; }")
        with pytest.raises(AssertionError, match=found):
            axe_check(opened, "a page made to fail")
    finally:
        context.close()


def test_a_top_concept_on_the_vocabulary_page_expands_by_keyboard(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "/vocabularies/esco-skills")
    first = page.locator("section.concept-tree ul[data-tree] > li").first
    button = first.locator(":scope > .node > button")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    page.keyboard.press("ArrowRight")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(first.locator(":scope > ul > li").first).to_be_visible()
