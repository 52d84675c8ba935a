"""Issue 6's stories in headless Chromium against a real `eduvoc serve` with every bundled
vocabulary, an organisation and an editor token: an editor reviews the suggestions between the
werkvormen and the xAPI activity types and accepts two into a mapping set, which a developer
then finds through the crosswalk API and SPARQL; a gap report of ESCO skills against the
learning outcomes shows coverage as a chart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.integration.conftest import running_server
from tests.pages.test_browser import CHROMIUM_ARGS, TIMEOUT_MS, chromium_executable  # noqa: F401 (a fixture)
from tests.pages.test_editor_browser import eduvoc

pytestmark = [pytest.mark.integration, pytest.mark.browser]


@pytest.fixture(scope="module")
def matching_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    store: Path = tmp_path_factory.mktemp("matching-store") / "store"
    eduvoc("load", "--store", str(store))
    eduvoc("org", "create", "kennisnet", "--name", "Kennisnet", "--store", str(store))
    token = eduvoc("token", "create", "--org", "kennisnet", "--label", "matching test", "--store", str(store)).strip().splitlines()[-1]
    with running_server(store) as (base, _):
        created = httpx.post(f"{base}/api/mapping-sets", headers={"Authorization": f"Bearer {token}"},
                             json={"id": "werkvormen-xapi", "source": "werkvormen", "target": "xapi-activity-types",
                                   "title": "Werkvormen naar xAPI-activiteittypen"})
        assert created.status_code == 201, created.text
        yield base, token


@pytest.fixture(scope="module")
def browser(chromium_executable: str) -> Iterator[object]:  # noqa: F811
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, matching_server):
    base, _ = matching_server
    context = browser.new_context(locale="nl-NL", extra_http_headers={"Accept-Language": "nl"})
    context.set_default_timeout(TIMEOUT_MS)
    opened = context.new_page()
    problems: list[str] = []
    elsewhere: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    opened.on("request", lambda r: None if r.url.startswith(base) else elsewhere.append(r.url))
    yield opened
    context.close()
    assert problems == [] and elsewhere == [], (problems, elsewhere)


def test_an_editor_accepts_suggestions_and_a_developer_follows_them(page, matching_server):
    from playwright.sync_api import expect

    base, token = matching_server
    page.goto(base + "/editor")
    page.get_by_label("API-token").fill(token)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{base}/editor/vocabularies")

    page.goto(base + "/suggestions")
    page.get_by_label("Bron", exact=True).select_option("werkvormen")
    page.get_by_label("Doel", exact=True).select_option("xapi-activity-types")
    page.get_by_role("button", name="Toon suggesties").click()
    rows = page.locator("table[data-suggestions] tbody tr")
    expect(rows.first).to_be_visible()
    picked = [(rows.nth(i).get_attribute("data-subject"), rows.nth(i).get_attribute("data-object")) for i in range(2)]
    for i in range(2):
        rows.nth(i).get_by_role("checkbox").check()
    page.get_by_label("Koppelingsset", exact=True).select_option("werkvormen-xapi")
    page.get_by_label("Toelichting").fill("gelijke labels, gecontroleerd")
    page.get_by_label("meteen accepteren (eigenaar van de set)").check()
    page.get_by_role("button", name="Voorstellen").click()
    expect(page.locator("p[data-done=accepted]")).to_contain_text("2 koppelingen voorgesteld en geaccepteerd in set werkvormen-xapi")

    for subject, target in picked:
        walk = httpx.get(f"{base}/api/crosswalk", params={"uri": subject, "target": "xapi-activity-types", "max_hops": 1}).json()
        assert target in walk["reached"]
        ask = httpx.get(f"{base}/sparql", params={"query": f"ASK {{ <{subject}> ?p <{target}> }}"}, headers={"Accept": "application/sparql-results+json"})
        assert ask.json()["boolean"] is True


def test_a_gap_report_shows_coverage_as_a_chart(page, matching_server):
    from playwright.sync_api import expect

    base, _ = matching_server
    page.goto(base + "/gaps?lang=en")
    page.get_by_label("Demanded skills").fill("solve technical problems\nmanage digital identity\nspeak Dutch\nlassen van staal")
    page.get_by_label("Offer (vocabulary)").select_option("learning-outcomes")
    page.get_by_role("button", name="Analyse").click()
    expect(page.locator("[data-coverage]")).to_contain_text("2 of 4 skills covered (50%)")
    chart = page.locator("svg[data-chart]")
    expect(chart).to_be_visible()
    assert sorted(chart.locator("rect").evaluate_all("rects => rects.map(r => r.dataset.status)")) == ["exact", "uncovered", "unresolved"]
    expect(page.locator("tr[data-status=uncovered]")).to_contain_text("speak Dutch")
