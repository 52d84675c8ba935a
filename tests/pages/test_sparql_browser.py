"""The SPARQL page in headless Chromium against a real `eduvoc serve`: a developer writes a query
with a predeclared prefix, reads and sorts the table, follows a link, sees errors with their line
and column, downloads the result; and /docs and /redoc load with no request leaving 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest

from tests.pages.small_server import server_with
from tests.pages.test_browser import browser, chromium_executable, page  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.integration, pytest.mark.browser]

#: enough for every example on the page to return rows (tests/api/test_sparql_page.py runs them on the whole bundle)
VOCABULARIES = ("werkvormen", "slo-kerndoelen", "slo-vakleergebieden", "slo-niveaus", "eu-file-type", "eu-frequency")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory):
    with server_with(tmp_path_factory.mktemp("sparql-store") / "store", VOCABULARIES) as base:
        yield base

QUERY = """SELECT ?werkvorm ?label WHERE {
  ?werkvorm skos:inScheme vocab:werkvormen ; skos:prefLabel ?label .
  FILTER(LANG(?label) = "nl")
}"""


def test_a_query_with_predeclared_prefixes_gives_a_sortable_table_with_links(page, base_url, axe_check):  # noqa: F811
    from playwright.sync_api import expect

    page.goto(base_url + "/sparql?lang=en")
    expect(page.get_by_role("heading", level=1)).to_have_text("SPARQL")
    page.get_by_label("Query", exact=True).fill(QUERY)
    expect(page.locator(".sparql-highlight .tok-keyword").first).to_have_text("SELECT")
    page.get_by_role("button", name="Run").click()
    table = page.locator("table.sparql-table")
    expect(table.locator("caption")).to_contain_text("results")
    labels = table.locator("tbody tr td:nth-child(2)")
    assert labels.count() > 10
    page.get_by_role("button", name="label").click()
    expect(table.locator("th").nth(1)).to_have_attribute("aria-sort", "ascending")
    axe_check(page, "sparql with a result en 1280")
    ascending = labels.all_inner_texts()
    assert ascending == sorted(ascending, key=str.lower) or ascending[0].lower() <= ascending[-1].lower()
    page.get_by_role("button", name="label").click()
    expect(table.locator("th").nth(1)).to_have_attribute("aria-sort", "descending")
    assert labels.first.inner_text() == ascending[-1]
    # every result format is offered as a download of the same query, prefixes included
    links = page.locator(".sparql-downloads .result-formats a")
    assert links.all_inner_texts() == ["JSON", "XML", "CSV", "TSV"]
    csv = httpx.get(base_url + links.nth(2).get_attribute("href"), timeout=30)
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv") and "werkvorm,label" in csv.text
    # an IRI in the table leads to its page
    table.locator("tbody a").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path in ("/concepts", "/resource")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("SPARQL")


def test_errors_are_shown_in_the_page_with_line_and_column(browser, base_url, axe_check):  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(locale="nl-NL", extra_http_headers={"Accept-Language": "nl"})
    page = context.new_page()  # noqa: F811 (a page of its own, not the fixture)
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    page.goto(base_url + "/sparql")
    editor = page.get_by_label("Query", exact=True)
    editor.fill("SELECT * WHERE {\n  ?s nope:label ?o\n}")
    page.get_by_role("button", name="Uitvoeren").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Onbekend prefix nope: op regel 2, kolom 6")
    editor.fill("SELECT * WHERE {\n  ?s skos:prefLabel ?o .\n  FILTER( }")
    page.get_by_role("button", name="Uitvoeren").click()
    expect(alert).to_contain_text("Fout op regel 3, kolom")
    assert "\\u{" not in alert.inner_text()  # no character-class dump
    page.set_viewport_size({"width": 390, "height": 844})
    axe_check(page, "sparql with an error nl 390")
    context.close()
    assert script_errors == []


def test_every_example_shows_rows_in_the_page(page, base_url):  # noqa: F811
    from playwright.sync_api import expect

    page.goto(base_url + "/sparql?lang=en")
    buttons = page.get_by_role("link", name="Run this query")
    for index in range(buttons.count()):
        buttons.nth(index).click()
        results = page.locator(".sparql-results")
        expect(results.locator("table tbody tr, .sparql-boolean, .sparql-graph").first).to_be_visible()
        expect(page.get_by_role("alert")).to_be_hidden()
        assert "No (" not in results.inner_text()


@pytest.mark.parametrize("path, ready", [("/docs", ".swagger-ui .info .title"), ("/redoc", "h1")])
def test_api_docs_load_with_no_request_leaving_the_machine(browser, base_url, path, ready):  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()  # noqa: F811 (a page of its own, not the fixture)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    failures: list[str] = []
    page.on("console", lambda message: failures.append(message.text) if message.type == "error" else None)
    page.goto(base_url + path)
    expect(page.locator(ready).first).to_contain_text("eduvoc", timeout=15_000)
    context.close()
    outside = [url for url in requested if urlsplit(url).hostname not in ("127.0.0.1", "localhost") and not url.startswith(("data:", "blob:"))]
    assert outside == []
    assert [text for text in failures if "Content Security Policy" in text or "Refused" in text] == []
