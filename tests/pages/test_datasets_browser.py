"""The dataset catalogue in headless Chromium against a real `eduvoc serve`: find a dataset by a
facet, open it, follow a value list to its vocabulary — by keyboard, with no script errors."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.dataset_descriptions import (
    leerlingen_vo,
    prepare_store,
    voortgang_werkvormen,
)
from tests.integration.conftest import running_server
from tests.pages.test_browser import TIMEOUT_MS, browser, chromium_executable  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.integration, pytest.mark.browser]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("datasets-browser") / "store"
    prepare_store(store, [(leerlingen_vo(), "duo"), (voortgang_werkvormen(), "leerrijk")])
    with running_server(store) as (base, _):
        yield base


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:  # noqa: F811
    context = browser.new_context(locale="nl-NL", extra_http_headers={"Accept-Language": "nl"})
    context.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("response", lambda response: errors.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    yield opened
    context.close()
    assert errors == [], errors


def test_find_a_dataset_by_facet_open_it_and_follow_its_value_list(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Datasets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Datasetcatalogus")
    results = page.locator("[data-result-count]")
    expect(results).to_have_attribute("data-result-count", "2")

    filters = page.get_by_role("navigation", name="Filters")
    werkvormen = filters.locator('[data-facet="conforms_to"]').get_by_role("link", name="Werkvormen")
    werkvormen.focus()
    page.keyboard.press("Enter")
    expect(results).to_have_attribute("data-result-count", "1")
    expect(filters.locator('a[aria-current="true"]')).to_have_text("Werkvormen")

    page.get_by_role("link", name="Voortgang per werkvorm").click()
    expect(page).to_have_url(re.compile(r"/datasets/voortgang-werkvormen-[0-9a-f]{8}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Voortgang per werkvorm")
    page.locator('[data-field="conforms_to"]').get_by_role("link", name="Werkvormen").click()
    expect(page).to_have_url(re.compile(r"/vocabularies/werkvormen$"))

    page.goto(base_url + "/datasets?lang=en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dataset catalogue")
    page.get_by_role("searchbox", name="Search titles, descriptions and keywords").fill("schooljaar")
    page.keyboard.press("Enter")
    expect(results).to_have_attribute("data-result-count", "1")
    expect(page.get_by_role("link", name="Pupils in secondary education per school")).to_be_visible()
