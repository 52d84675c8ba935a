"""Registering, updating and withdrawing a dataset description from the editor pages (in process)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.auth import Role
from registry.metadata.examples import EXAMPLES
from registry.tokens import issue_token
from tests.dataset_descriptions import DATASET_LISTS, fresh_registry
from tests.pages.dom import parse
from tests.pages.test_editor_pages import SITE, assert_field_error, page, post, sign_in

EXAMPLE = next(e for e in EXAMPLES if e.file_name == "dataset.nl.ttl")
DATASET_ID = "leerlingen-vo-per-school"


@pytest.fixture
def client(test_settings):
    store, _ = fresh_registry(DATASET_LISTS)
    token, _ = issue_token(store, "duo", Role.EDITOR)
    with TestClient(create_app(test_settings, store=store), base_url=SITE) as test_client:
        sign_in(test_client, token)
        yield test_client


def test_register_update_and_withdraw_a_dataset_in_the_browser_forms(client):
    text = EXAMPLE.path.read_text(encoding="utf-8")
    response = post(client, "/editor/datasets", data={"text": text}, files={"file": ("", b"", "application/octet-stream")})
    assert "done=dataset-registered" in response.headers["location"]
    listed = page(client, "/editor/datasets")
    (item,) = [li for li in listed.find_all("li") if li.get("data-dataset")]
    dataset_id = item.get("data-dataset")
    assert client.get(f"/api/datasets/{dataset_id}").status_code == 200
    updated = text.replace('"Leerlingen vo per school"@nl', '"Leerlingen vo per school en jaar"@nl')
    response = post(client, "/editor/datasets", data={"text": updated}, files={"file": ("", b"", "application/octet-stream")})
    assert "done=dataset-updated" in response.headers["location"]
    # withdrawing asks for confirmation first
    document = parse(post(client, f"/editor/datasets/{dataset_id}/withdraw", 400, data={"confirm": ""}).text)
    assert_field_error(document, f"withdraw-{dataset_id}-confirm")
    post(client, f"/editor/datasets/{dataset_id}/withdraw", data={"confirm": "yes"})
    assert client.get(f"/api/datasets/{dataset_id}").status_code == 404


def test_a_description_that_does_not_conform_comes_back_with_its_findings_and_the_text(client):
    text = EXAMPLE.path.read_text(encoding="utf-8").replace("    dct:accrualPeriodicity frequency:ANNUAL ;\n", "").replace(
        "language:NLD a dct:LinguisticSystem .", "")
    response = post(client, "/editor/datasets", 422, data={"text": text}, files={"file": ("", b"", "application/octet-stream")})
    document = parse(response.text)
    assert document.by_id("register-text").text.split() == text.split()  # the text kept (the parser folds whitespace)
    findings = document.find("ul", class_="dataset-findings").find_all("li")
    assert any("LinguisticSystem" in li.text for li in findings)
