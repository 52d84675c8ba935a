"""The validation report in headless Chromium at 1280 and 390 px: the fix hint of every finding is
on screen (inside the viewport and its box), with no sideways scrolling of the table."""

from __future__ import annotations

import pytest

from tests.pages.small_server import server_with
from tests.pages.test_browser import browser, chromium_executable  # noqa: F401 (fixtures)
from tests.registry.metadata.test_examples import _untyped_description

pytestmark = [pytest.mark.integration, pytest.mark.browser]

VOCABULARIES = ("aggregation-level", "data-sharing-role", "education-sector", "eu-data-theme", "eu-file-type", "eu-frequency", "purpose-of-use")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory):
    with server_with(tmp_path_factory.mktemp("validate-store") / "store", VOCABULARIES) as base:
        yield base


@pytest.mark.parametrize("width", [1280, 390])
def test_every_fix_hint_is_visible_inside_the_page(browser, base_url, width, axe_check):  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(base_url + "/validate?lang=en")
    page.get_by_label("Paste the metadata").fill(_untyped_description())
    page.get_by_role("button", name="Validate").click()
    result = page.locator("[data-validate-result]")
    expect(result).to_have_attribute("data-conforms", "false")
    hints = result.locator("td.fix-hint")
    assert hints.count() > 0
    main = page.locator("main").bounding_box()
    for index in range(hints.count()):
        box = hints.nth(index).bounding_box()
        assert box is not None and box["width"] > 0
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (index, box, width)
        assert box["x"] + box["width"] <= main["x"] + main["width"] + 0.5
    assert any("a <http://purl.org/dc/terms/" in text for text in hints.all_inner_texts())  # the literal fixes
    axe_check(page, f"validate with a report en {width}")
    scroller = result.locator(".table-scroll")
    assert scroller.evaluate("element => element.scrollWidth <= element.clientWidth + 1")
    context.close()
