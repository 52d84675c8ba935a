"""The validate page in headless Chromium against a real `eduvoc serve`: a vendor pastes a plain
JSON learning record, sees the deprecated SLO goal with its replacement, fixes it, and passes."""

from __future__ import annotations

import json

import pytest

from tests.pages.test_browser import base_url, browser, chromium_executable, page  # noqa: F401 (fixtures)
from tests.registry.metadata.records import (
    DEPRECATED_KERNDOEL,
    REPLACEMENT_KERNDOEL,
    activity,
)

pytestmark = [pytest.mark.integration, pytest.mark.browser]


def test_paste_a_record_see_the_replacement_fix_it_and_pass(page, base_url):  # noqa: F811
    from playwright.sync_api import expect

    page.goto(base_url + "/validate")
    expect(page.get_by_role("heading", level=1)).to_have_text("Metadata valideren")
    page.get_by_label("Profiel").select_option("learning-activity")
    page.get_by_label("Formaat").select_option("application/json")
    page.get_by_label("Plak de metadata").fill(json.dumps(activity(learningGoal=DEPRECATED_KERNDOEL), indent=2))
    page.get_by_role("button", name="Valideren").click()

    result = page.locator("[data-validate-result]")
    expect(result).to_have_attribute("data-conforms", "false")
    row = result.locator("tr[data-check='value-list-deprecated']")
    expect(row).to_contain_text("leerdoel")
    expect(row).to_contain_text(REPLACEMENT_KERNDOEL)
    # the form keeps what was pasted, so the vendor can fix it in place
    pasted = page.get_by_label("Plak de metadata")
    pasted.fill(pasted.input_value().replace(DEPRECATED_KERNDOEL, REPLACEMENT_KERNDOEL))
    page.get_by_role("button", name="Valideren").click()
    expect(page.locator("[data-validate-result]")).to_have_attribute("data-conforms", "true")
    expect(page.locator("[data-validate-result] [role=status]")).to_contain_text("Voldoet aan")
