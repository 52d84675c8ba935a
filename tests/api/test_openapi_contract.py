"""The OpenAPI document declares the problems each operation can answer with (api/openapi_contract.py)."""

from __future__ import annotations

PROBLEM = "application/problem+json"


def responses(client, method: str, path: str) -> dict:
    return client.get("/openapi.json").json()["paths"][path][method]["responses"]


def test_every_error_response_is_a_problem_with_its_schema(client):
    document = client.get("/openapi.json").json()
    assert document["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(response.get("content", {})) == [PROBLEM], (method, path, status)


def test_writes_declare_authentication_limits_and_conflicts(client):
    publish = responses(client, "post", "/api/vocabularies/{vocabulary_id}/releases")
    assert {"201", "400", "401", "403", "404", "409", "413", "422"} <= set(publish)
    upload = responses(client, "put", "/api/vocabularies/{vocabulary_id}/draft")
    assert {"401", "413", "415"} <= set(upload)


def test_reads_declare_what_they_can_answer_and_nothing_about_tokens(client):
    vocabularies = responses(client, "get", "/api/vocabularies")
    assert set(vocabularies) == {"200"}
    release = responses(client, "get", "/release/{vocabulary_id}/{version}")
    assert {"text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"} <= set(release["200"]["content"])
    assert {"303", "304", "404", "406"} <= set(release) and "401" not in release


def test_an_undeclared_problem_status_is_what_the_app_answers(client):
    """The derived statuses are real: an anonymous write answers 401, which its operation declares."""
    answer = client.post("/api/vocabularies/werkvormen/releases", json={"version": "1.0", "change_note": "x"})
    assert answer.status_code == 401
    assert str(answer.status_code) in responses(client, "post", "/api/vocabularies/{vocabulary_id}/releases")
