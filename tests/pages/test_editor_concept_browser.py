"""Editing concepts in headless Chromium against a real `eduvoc serve` (the editor test's small
store): sign in from the header link, publish werkvormen, start a draft, open a concept by typing
its name, change its Dutch label (the English one stays), deprecate another with a replacement
chosen from the suggestions after confirming in the dialog; the suggestions page then says who is
signed in instead of "sign in"."""

from __future__ import annotations

import re

import pytest

from tests.pages.test_browser import TIMEOUT_MS, chromium_executable  # noqa: F401 (a fixture)
from tests.pages.test_editor_browser import WERKVORMEN, browser, editor_server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.integration, pytest.mark.browser]

BIJLES = "https://w3id.org/eduvoc/vocab/werkvormen/bijles"


def test_edit_and_deprecate_a_concept_in_the_browser(browser, editor_server, axe_check):  # noqa: F811
    from playwright.sync_api import expect

    base, token = editor_server
    context = browser.new_context(locale="nl-NL", extra_http_headers={"Accept-Language": "nl"})
    context.set_default_timeout(TIMEOUT_MS * 2)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(base + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Redactie").click()
    page.get_by_label("API-token").fill(token)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Id van de waardenlijst").fill("werkvormen")
    page.get_by_label("Bestand").set_input_files(str(WERKVORMEN))
    page.get_by_role("button", name="Registreren en voorbeeld bekijken").click()
    page.get_by_label("Versie", exact=True).fill("1.0")
    page.get_by_label("Wijzigingsnotitie").fill("Eerste publicatie")
    page.get_by_role("button", name="Publiceren als release").click()
    expect(page).to_have_url(re.compile(r"done=published"))
    page.get_by_role("button", name="Conceptversie beginnen").click()
    expect(page).to_have_url(re.compile(r"done=started"))

    # open a concept by typing part of its name: the suggestions carry its IRI
    opener = page.get_by_label("Begrip (naam of IRI)")
    opener.press_sequentially("bijle", delay=50)
    expect(page.locator(f"#open-concept-options option[value='{BIJLES}']")).to_have_count(1)
    opener.fill(BIJLES)
    page.get_by_role("button", name="Openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bijles")
    english = page.locator("#change-pref_en").input_value()
    assert english
    page.locator("#change-pref_nl").fill("Bijles (een op een)")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.locator("p[role=status][data-done]")).to_have_attribute("data-done", "changed")
    expect(page.locator("#change-pref_nl")).to_have_value("Bijles (een op een)")
    expect(page.locator("#change-pref_en")).to_have_value(english)
    axe_check(page, "editor concept nl 1280")

    # deprecate another concept: the dialog asks first; cancelling changes nothing
    page.goto(base + "/editor/vocabularies/werkvormen/concept?uri=" + BIJLES.replace("bijles", "begeleidingsgesprek"))
    page.get_by_label("Vervangen door").press_sequentially("bijle", delay=50)
    expect(page.locator(f"#deprecate-replacement-options option[value='{BIJLES}']")).to_have_count(1)
    page.get_by_label("Vervangen door").fill(BIJLES)
    page.get_by_role("button", name="Laten vervallen").click()
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_be_visible()
    axe_check(page, "editor deprecate dialog nl 1280")
    dialog.get_by_role("button", name="Annuleren").click()
    expect(dialog).to_have_count(0)
    assert "done=" not in page.url
    page.get_by_role("button", name="Laten vervallen").click()
    page.locator("dialog.confirm-dialog").get_by_role("button", name="Ja, doorgaan").click()
    expect(page.locator("p[role=status][data-done]")).to_have_attribute("data-done", "deprecated")
    expect(page.get_by_text("(vervallen)")).to_be_visible()

    # the suggestions page knows this browser is signed in
    page.goto(base + "/suggestions?source=werkvormen&target=werkvormen")
    hint = page.locator("[data-session-hint]")
    if hint.count():
        expect(hint).to_have_attribute("data-signed-in", "true")
        expect(hint).to_contain_text("aangemeld als redacteur van kennisnet")
    context.close()
    assert problems == []
