"""Creating a mapping set and managing tokens from the editor pages (in process)."""

from __future__ import annotations

from tests.pages.dom import parse
from tests.pages.test_editor_pages import (  # noqa: F401 (fixtures)
    NIVEAUS,
    WERKVORMEN,
    assert_field_error,
    page,
    post,
    publish,
    register,
    registry,
    sign_in,
)


def test_an_editor_creates_a_mapping_set_between_two_registered_lists(registry):  # noqa: F811
    client = registry.client
    sign_in(client, registry.editor)
    register(client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    register(client, "slo-niveaus", "slo-niveaus.ttl", NIVEAUS.read_bytes())
    publish(client, "werkvormen", "1.0", "eerste release")
    publish(client, "slo-niveaus", "1.0", "eerste release")
    form = page(client, "/editor/mapping-sets").find("form", data_form="set")
    assert {o.get("value") for o in form.find("select", name="source").find_all("option")} >= {"werkvormen", "slo-niveaus"}
    # a missing target: the form again, what was typed kept, the field named
    document = parse(post(client, "/editor/mapping-sets", 400, data={"id": "wv-niveaus", "title": "Werkvormen per niveau", "source": "werkvormen", "target": ""}).text)
    assert "waarnaar" in assert_field_error(document, "set-target")
    assert document.by_id("set-title").get("value") == "Werkvormen per niveau"
    response = post(client, "/editor/mapping-sets", data={"id": "wv-niveaus", "title": "Werkvormen per niveau", "source": "werkvormen", "target": "slo-niveaus"})
    assert response.headers["location"] == "/editor/mapping-sets/wv-niveaus"
    assert client.get("/api/mapping-sets/wv-niveaus", headers={"Accept": "application/json"}).json()["owner"] == "kennisnet"
    # the same id again is refused at the id field
    document = parse(post(client, "/editor/mapping-sets", 409, data={"id": "wv-niveaus", "title": "x", "source": "werkvormen", "target": "slo-niveaus"}).text)
    assert document.by_id("set-id").get("value") == "wv-niveaus"


def test_an_admin_issues_a_token_shown_once_and_revokes_it_after_confirming(registry):  # noqa: F811
    client = registry.client
    sign_in(client, registry.admin)
    response = post(client, "/editor/tokens", 200, data={"organisation": "slo", "role": "editor", "days": "30", "label": "uploader"})
    secret = parse(response.text).find("code", class_="token-secret").text
    assert secret.startswith("eduvoc_")
    assert client.get("/editor/session", cookies={"eduvoc_editor": secret}).json()["organisation"] == "slo"
    tokens = page(client, "/editor/tokens")
    row = next(r for r in tokens.find_all("tr") if r.get("data-token") and "uploader" in r.text)
    token_id = row.get("data-token")
    assert secret not in client.get("/editor/tokens").text  # never shown again
    document = parse(post(client, f"/editor/tokens/{token_id}/revoke", 400, data={"confirm": ""}).text)
    assert_field_error(document, f"revoke-{token_id}-confirm")
    post(client, f"/editor/tokens/{token_id}/revoke", data={"confirm": "yes"})
    assert client.get("/editor/session", cookies={"eduvoc_editor": secret}).json()["signedIn"] is False


def test_tokens_are_for_administrators_only(registry):  # noqa: F811
    client = registry.client
    sign_in(client, registry.editor)
    page(client, "/editor/tokens", 403)
    post(client, "/editor/tokens", 403, data={"organisation": "kennisnet", "role": "admin"})
