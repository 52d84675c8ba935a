"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against a
real `eduvoc serve` process: the flows a person takes through the pages, by keyboard."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.integration.conftest import running_server

pytestmark = [pytest.mark.integration, pytest.mark.browser]

CHROMIUM = os.environ.get("EDUVOC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
KERNDOEL = "https://opendata.slo.nl/curriculum/uuid/d357271b-3cfd-40c4-881d-084b71ca05c8"
REPLACEMENT = "https://opendata.slo.nl/curriculum/uuid/cc7113ed-5284-4a62-85a2-e312de34eac9"
BIJLES = "https://w3id.org/eduvoc/vocab/werkvormen/bijles"
TIMEOUT_MS = 10_000


def concept_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["uri"][0]


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium; a clear failure (not a skip) when it is missing."""
    path = CHROMIUM if os.path.isfile(CHROMIUM) else shutil.which("chromium")
    if not path:
        pytest.fail(
            f"Chromium is needed for the browser tests and was not found at {CHROMIUM} or on PATH. "
            "Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or point "
            "EDUVOC_CHROMIUM at a Chromium binary. Playwright's own browser download is not used.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="module")
def browser(chromium_executable: str) -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: `.venv/bin/pip install -e '.[test]'`", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("browser-store") / "store") as (base, _):
        yield base


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:
    """A fresh page; fails the test on a script error or a request that leaves the server."""
    context = browser.new_context(locale="nl-NL", extra_http_headers={"Accept-Language": "nl"})
    context.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    elsewhere: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("response", lambda response: errors.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    opened.on("request", lambda request: None if request.url.startswith(base_url) else elsewhere.append(request.url))
    yield opened
    context.close()
    assert errors == [], errors
    assert elsewhere == [], elsewhere


def test_home_to_a_vocabulary_then_expand_a_node_by_keyboard_and_open_a_concept(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    page.get_by_role("link", name="Werkvormen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/vocabularies/werkvormen$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkvormen")

    toggle = page.get_by_role("button", name="Onderliggende begrippen van Begeleiding")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    group = page.locator("#" + toggle.get_attribute("aria-controls"))
    child = group.get_by_role("link", name="Bijles")
    expect(child).to_be_visible()

    page.keyboard.press("ArrowLeft")  # collapses again, and Enter/Right opens without reloading
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(child).to_be_hidden()
    page.keyboard.press("ArrowRight")
    expect(child).to_be_visible()

    page.keyboard.press("Tab")  # the Begeleiding link itself
    tree = page.get_by_role("list", name=re.compile("^Topbegrippen"))  # the facets link Begeleiding too
    expect(tree.get_by_role("link", name="Begeleiding", exact=True)).to_be_focused()
    child.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/concepts\?"))
    assert concept_of(page.url) == BIJLES

    crumbs = page.get_by_role("navigation", name="Kruimelpad")
    expect(crumbs.get_by_role("listitem")).to_have_text(["Waardenlijsten", "Werkvormen", "Begeleiding", "Bijles"])
    expect(crumbs.get_by_role("link", name="Bijles")).to_have_attribute("aria-current", "page")


def test_the_tree_works_as_links_without_javascript(browser, base_url):
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(base_url + "/vocabularies/werkvormen")
        expect(page.locator("button.toggle")).to_have_count(0)
        page.get_by_role("list", name=re.compile("^Topbegrippen")).get_by_role("link", name="Begeleiding", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Begeleiding"))
        narrower = page.get_by_role("list", name=re.compile("^Nauwere begrippen"))  # the hierarchy tree names it too
        expect(narrower.get_by_role("link", name="Bijles")).to_be_visible()
    finally:
        context.close()


def test_the_deprecated_kerndoel_has_a_banner_that_leads_to_its_replacement(page, base_url):
    from playwright.sync_api import expect

    page.goto(f"{base_url}/concepts?uri={KERNDOEL}")
    banner = page.get_by_role("region", name="Dit begrip is vervallen")
    expect(banner).to_be_visible()
    banner.get_by_role("link", name="Processen in de natuur").click()
    page.wait_for_url(re.compile("cc7113ed"))
    assert concept_of(page.url) == REPLACEMENT
    expect(page.get_by_role("region", name="Dit begrip is vervallen")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Kruimelpad").get_by_role("list")).to_have_count(5)


def test_autocomplete_suggestions_are_chosen_with_arrow_keys_and_enter(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "/")
    box = page.get_by_role("combobox", name="Zoek een begrip")
    box.click()
    page.keyboard.type("bijl", delay=40)
    listbox = page.get_by_role("listbox", name="Suggesties")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options.first).to_be_visible()

    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("bijl")

    page.keyboard.press("ArrowDown")  # reopens on the first suggestion
    expect(listbox).to_be_visible()
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    if options.count() > 1:
        page.keyboard.press("ArrowDown")
        expect(options.nth(1)).to_have_attribute("aria-selected", "true")
        page.keyboard.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")
    chosen = first.get_attribute("data-uri")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/concepts\?"))
    assert concept_of(page.url) == chosen
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_switching_to_english_keeps_english_while_browsing(page, base_url):
    from playwright.sync_api import expect

    page.goto(f"{base_url}/concepts?uri={BIJLES}")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_role("navigation", name="Taal").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tutoring")
    expect(page.get_by_role("navigation", name="Breadcrumbs")).to_be_visible()
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name="Teaching and learning activity types (werkvormen)").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name=re.compile("^Top concepts"))).to_be_visible()
    expect(page.get_by_role("button", name="Narrower concepts of Guidance and coaching")).to_be_visible()



def test_the_home_filter_narrows_the_vocabulary_tables(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "/")
    field = page.get_by_label("Filter de waardenlijsten")
    field.fill("kerndoel")
    expect(page.get_by_role("status").filter(has_text="zichtbaar")).to_have_text("2 waardenlijsten zichtbaar")
    expect(page.get_by_role("link", name="SLO-kerndoelen", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Werkvormen", exact=True)).to_be_hidden()
    field.fill("")
    expect(page.get_by_role("link", name="Werkvormen", exact=True)).to_be_visible()
