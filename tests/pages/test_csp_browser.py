"""In headless Chromium, against a real `eduvoc serve` whose werkvormen carries `javascript:` IRIs:
the main pages load and work under the Content-Security-Policy with no violation reported, and
a `javascript:` IRI is never a link."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.integration.conftest import PROJECT_ROOT, running_server
from tests.pages.link_safety import CONCEPT, LICENCE_IRI, SCRIPT_IRI, write_hostile_werkvormen
from tests.pages.test_browser import TIMEOUT_MS, browser, chromium_executable  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.integration, pytest.mark.browser]

PAGES = [
    "/", "/vocabularies/werkvormen", "/concepts?uri=" + CONCEPT, "/search?q=bijles", "/sparql", "/validate",
    "/datasets", "/gaps", "/mapping-sets", "/suggestions", "/editor", "/reconcile/preview?id=" + CONCEPT,
]
# reported by a listener installed before any page script (init scripts are not subject to the CSP)
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI);
});"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory = tmp_path_factory.mktemp("csp")
    store = directory / "store"
    hostile = write_hostile_werkvormen(directory)
    subprocess.run([sys.executable, "-m", "cli.main", "load", str(hostile), "--slug", "werkvormen", "--store", str(store)],
                   cwd=PROJECT_ROOT, check=True, capture_output=True, timeout=120)
    with running_server(store) as (base, _):
        yield base


@pytest.fixture
def page(browser, base_url):  # noqa: F811
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(REPORT_VIOLATIONS)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text or "CSP" in message.text else None)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.problems = problems
    yield opened
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_the_page_loads_with_no_csp_violation(page, base_url, path):
    response = page.goto(base_url + path)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert page.problems == []


def test_scripts_still_work_under_the_policy(page, base_url):
    """The tree expands (pages.js fetches children) and the search box suggests, with no violation."""
    from playwright.sync_api import expect

    page.goto(base_url + "/vocabularies/werkvormen")
    toggle = page.get_by_role("button", name="Onderliggende begrippen van Begeleiding")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Bijles")).to_be_visible()
    assert page.problems == []


def test_a_javascript_iri_is_text_not_a_link(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "/concepts?uri=" + CONCEPT)
    expect(page.get_by_text(SCRIPT_IRI)).to_be_visible()
    assert page.locator('a[href^="javascript" i]').count() == 0
    page.goto(base_url + "/vocabularies/werkvormen")
    expect(page.get_by_text(LICENCE_IRI)).to_be_visible()
    assert page.locator('a[href^="javascript" i]').count() == 0
    assert page.problems == []
