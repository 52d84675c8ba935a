"""Regressions for what the schemathesis pass (make fuzz) found: each was a 5xx or an answer the
OpenAPI did not declare."""

from __future__ import annotations

import pytest

from tests.api.test_input_limits_api import api  # noqa: F401  (fixture: fresh store, editor token)


@pytest.mark.parametrize("set_id", ["a b", "<x>", "x\n", "ä"])
def test_a_mapping_set_id_that_is_no_id_is_not_found_not_a_500(api, set_id):  # noqa: F811
    client, editor = api
    from urllib.parse import quote

    path = f"/api/mapping-sets/{quote(set_id, safe='')}"
    assert client.get(path).status_code == 404
    proposed = client.post(f"{path}/mappings", json={"mappings": []}, headers=editor)
    assert proposed.status_code in (404, 422), proposed.text
    imported = client.put(f"{path}/import", content=b"subject_id\tpredicate_id\tobject_id\n", headers={**editor, "Content-Type": "text/tab-separated-values"})
    assert imported.status_code == 404, imported.text


def test_operations_declare_what_the_fuzzer_saw_them_answer(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "text/turtle" in paths["/api/audit"]["get"]["responses"]["200"]["content"]
    assert "404" in paths["/api/concepts"]["get"]["responses"]
    assert "415" in paths["/api/datasets/catalogue"]["get"]["responses"]
    assert "application/javascript" in paths["/reconcile/suggest/entity"]["get"]["responses"]["200"]["content"]


@pytest.mark.parametrize("token_id", ["a b", "<x>", "ä" * 3])
def test_revoking_a_token_id_that_is_no_id_is_not_found_not_a_500(api, token_id):  # noqa: F811
    from urllib.parse import quote

    client, editor = api
    assert client.delete(f"/api/tokens/{quote(token_id, safe='')}", headers=editor).status_code == 404
