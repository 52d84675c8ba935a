"""The mapping review page in headless Chromium against a real `eduvoc serve`: an editor of the
set's owner signs in, filters the proposals of the imported werkvormen → xAPI set, accepts one
with a comment, tries to reject one without a comment (the error is focused at its field), rejects
it with one, and the public SPARQL endpoint answers with exactly the accepted mapping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import VOCABULARIES_DIR
from tests.integration.conftest import running_server
from tests.mapping_files import curated_sssom
from tests.pages.test_browser import CHROMIUM_ARGS, TIMEOUT_MS, chromium_executable  # noqa: F401 (a fixture)
from tests.pages.test_editor_browser import eduvoc

pytestmark = [pytest.mark.integration, pytest.mark.browser]
SET = "werkvormen-xapi"
ACCEPTED_GRAPH = "https://w3id.org/eduvoc/graph/mappings/skos"
TITLE = "Werkvormen naar xapi-activity-types (gecureerd)"  # the imported file's mapping_set_title
SIMULATIE = ("https://w3id.org/eduvoc/vocab/werkvormen/simulatie", "http://www.w3.org/2004/02/skos/core#exactMatch",
             "http://adlnet.gov/expapi/activities/simulation")
BIJLES = ("https://w3id.org/eduvoc/vocab/werkvormen/bijles", "http://www.w3.org/2004/02/skos/core#closeMatch",
          "http://id.tincanapi.com/activitytype/tutor-session")


@pytest.fixture(scope="module")
def mapping_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A server whose store holds werkvormen, the xAPI activity types, kennisnet's set with the
    curated mappings imported as proposals, and a kennisnet editor token."""
    folder: Path = tmp_path_factory.mktemp("mapping-store")
    store = folder / "store"
    eduvoc("load", str(VOCABULARIES_DIR / "werkvormen.ttl"), str(VOCABULARIES_DIR / "xapi-activity-types.ttl"), "--store", str(store))
    eduvoc("org", "create", "kennisnet", "--name", "Kennisnet", "--store", str(store))
    token = eduvoc("token", "create", "--org", "kennisnet", "--store", str(store)).strip().splitlines()[-1]
    eduvoc("mappings", "create", SET, "--source", "werkvormen", "--target", "xapi-activity-types", "--title", "Werkvormen naar xAPI",
           "--owner", "kennisnet", "--store", str(store))
    file = folder / "werkvormen-xapi.sssom.tsv"
    file.write_bytes(curated_sssom("xapi-activity-types"))
    eduvoc("mappings", "import", str(file), "--set", SET, "--store", str(store))
    with running_server(store) as (base, _):
        yield base, token


@pytest.fixture(scope="module")
def browser(chromium_executable: str) -> Iterator[object]:  # noqa: F811
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def ask(base: str, triple: tuple[str, str, str]) -> bool:
    """Whether the public endpoint's graph of accepted mappings states `triple` (the vocabulary
    itself states the curated mappings too, so the default graph would not tell)."""
    query = "ASK {{ <{}> <{}> <{}> }}".format(*triple)
    answer = httpx.get(f"{base}/sparql", params={"query": query, "default-graph-uri": ACCEPTED_GRAPH},
                       headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["boolean"]


def test_review_accept_and_reject_with_a_comment(browser, mapping_server):
    from playwright.sync_api import expect

    base, token = mapping_server
    context = browser.new_context(locale="nl-NL", extra_http_headers={"Accept-Language": "nl"})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    elsewhere: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: None if r.url.startswith(base) else elsewhere.append(r.url))
    try:
        page.goto(base + "/mapping-sets")
        page.get_by_role("link", name=TITLE).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        page.get_by_role("link", name="Beoordelen (redacteuren)").click()
        expect(page).to_have_url(f"{base}/editor")  # not signed in yet
        page.get_by_label("API-token").fill(token)
        page.get_by_role("button", name="Inloggen").click()
        page.goto(f"{base}/editor/mapping-sets/{SET}")
        page.get_by_role("link", name=re.compile(r"^Voorgesteld \(8\)$")).click()
        expect(page).to_have_url(re.compile(r"status=proposed"))
        expect(page.locator("li[data-mapping]")).to_have_count(8)

        simulatie = page.locator("li[data-mapping]", has_text="Simulatie")
        simulatie.get_by_label("Toelichting").fill("Zelfde begrip als in de ADL-vocabulaire")
        simulatie.get_by_role("button", name="Accepteren").click()
        expect(page.locator("p[role=status][data-done]")).to_have_text("De koppeling is geaccepteerd.")
        expect(page.locator("li[data-mapping]")).to_have_count(7)

        bijles = page.locator("li[data-mapping]", has_text="Bijles")
        bijles.get_by_role("button", name="Verwerpen").click()
        summary = page.locator("#error-summary")
        expect(summary).to_be_focused()
        expect(summary).to_contain_text("Geef een toelichting bij het verwerpen.")
        field = page.locator("li[data-mapping]", has_text="Bijles").get_by_label("Toelichting")
        expect(field).to_have_attribute("aria-invalid", "true")
        assert [p.split(" ")[0] for p in problems] == ["400"]
        problems.clear()
        field.fill("Bijles is geen tutorsessie in xAPI-zin")
        page.locator("li[data-mapping]", has_text="Bijles").get_by_role("button", name="Verwerpen").click()
        expect(page.locator("p[role=status][data-done]")).to_have_text("De koppeling is verworpen.")

        page.get_by_role("link", name=re.compile(r"^Geaccepteerd \(1\)$")).click()
        accepted = page.locator("li[data-mapping]")
        expect(accepted).to_have_count(1)
        expect(accepted).to_contain_text("Simulatie")
        expect(accepted).to_contain_text("Zelfde begrip als in de ADL-vocabulaire")
        assert problems == [] and elsewhere == []
    finally:
        context.close()
    assert ask(base, SIMULATIE) and not ask(base, BIJLES)
