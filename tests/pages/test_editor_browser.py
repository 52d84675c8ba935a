"""The editor's flow end to end in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright) against a real `eduvoc serve`: a token made with `eduvoc token create` on the server's
store before it starts; sign in (a wrong token first), register werkvormen from its Turtle file,
see the preview and the quality summary, publish 1.0 with a change note, and find 1.0 on the
public vocabulary page."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, VOCABULARIES_DIR
from tests.integration.conftest import running_server
from tests.pages.test_browser import CHROMIUM_ARGS, TIMEOUT_MS, chromium_executable  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.integration, pytest.mark.browser]

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"


def eduvoc(*arguments: str) -> str:
    """Run the `eduvoc` command; its standard output."""
    done = subprocess.run([sys.executable, "-m", "cli.main", *arguments], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A server whose store holds one small list (so the bundle is not loaded and werkvormen is
    free to register), the organisation kennisnet and an editor token for it."""
    store: Path = tmp_path_factory.mktemp("editor-store") / "store"
    eduvoc("load", str(VOCABULARIES_DIR / "adms-status.ttl"), "--store", str(store))
    eduvoc("org", "create", "kennisnet", "--name", "Kennisnet", "--store", str(store))
    token = eduvoc("token", "create", "--org", "kennisnet", "--label", "browser test", "--store", str(store)).strip().splitlines()[-1]
    assert token.startswith("eduvoc_")
    with running_server(store) as (base, _):
        yield base, token


@pytest.fixture(scope="module")
def browser(chromium_executable: str) -> Iterator[object]:  # noqa: F811
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_sign_in_register_preview_and_publish_then_the_public_page_shows_the_release(browser, editor_server):
    from playwright.sync_api import expect

    base, token = editor_server
    context = browser.new_context(locale="nl-NL", extra_http_headers={"Accept-Language": "nl"})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    elsewhere: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: None if r.url.startswith(base) else elsewhere.append(r.url))
    try:
        page.goto(base + "/editor")
        expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen voor bronhouders")
        field = page.get_by_label("API-token")
        expect(field).to_have_attribute("type", "password")

        field.fill("eduvoc_wrong_token")  # a wrong token: the form again, the error summary focused
        page.get_by_role("button", name="Inloggen").click()
        summary = page.locator("#error-summary")
        expect(summary).to_be_focused()
        expect(summary).to_contain_text("onbekend, ingetrokken of verlopen")
        expect(page.get_by_label("API-token")).to_have_attribute("aria-invalid", "true")
        assert problems == [f"401 {base}/editor"]
        problems.clear()

        page.get_by_label("API-token").fill(token)
        page.get_by_role("button", name="Inloggen").click()
        expect(page).to_have_url(f"{base}/editor/vocabularies")
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw waardenlijsten")
        expect(page.get_by_text("Ingelogd voor kennisnet (redacteur)")).to_be_visible()

        page.get_by_label("Id van de waardenlijst").fill("werkvormen")
        page.get_by_label("Bestand").set_input_files(str(WERKVORMEN))
        page.get_by_role("button", name="Registreren en voorbeeld bekijken").click()
        expect(page).to_have_url(re.compile(r"/editor/vocabularies/werkvormen\?done=registered$"))
        expect(page.locator("p[role=status][data-done]")).to_contain_text("De waardenlijst is geregistreerd")

        preview = page.get_by_role("region", name="Voorbeeld: wat publiceren verandert")
        expect(preview).to_contain_text("63 begrippen, 0 vervallen")
        expect(preview).to_contain_text("Er is nog geen release: alles in deze conceptversie is nieuw.")
        quality = page.get_by_role("region", name="Kwaliteitsrapport")
        expect(quality).to_be_visible()
        if quality.locator("[data-severity-count]").count():  # once the server wires its quality check
            expect(quality.locator("[data-severity-count=Violation]")).to_contain_text("0")
        else:
            expect(quality).to_contain_text("niet ingeschakeld")

        page.get_by_label("Versie", exact=True).fill("1.0")
        page.get_by_label("Wijzigingsnotitie").fill("Eerste publicatie van de werkvormen")
        page.get_by_role("button", name="Publiceren als release").click()
        expect(page).to_have_url(re.compile(r"done=published&version=1\.0$"))
        expect(page.locator("p[role=status][data-done]")).to_have_text("Release 1.0 is gepubliceerd.")

        page.get_by_role("link", name="/vocabularies/werkvormen").click()
        expect(page).to_have_url(f"{base}/vocabularies/werkvormen")
        expect(page.get_by_role("heading", level=1)).to_have_text("Werkvormen")
        expect(page.locator("dd[data-release]")).to_contain_text("1.0")
        expect(page.locator("dd[data-release]")).to_contain_text("Eerste publicatie van de werkvormen")
        assert problems == [] and elsewhere == []
    finally:
        context.close()
