"""The mapping set API over HTTP: create, propose, import SSSOM, review, comment, export, the
mappings of a concept, and the statuses of refusals (401, 403, 404, 409, 400, 415, 422)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.auth import Role
from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.organisations import ensure_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import issue_token
from tests.conftest import ONTOLOGY_DIR, VOCABULARIES_DIR
from tests.mapping_files import curated_mappings, curated_sssom

VOCABULARIES = ("werkvormen", "xapi-activity-types", "ooapi-learning-component-type")
WV = "https://w3id.org/eduvoc/vocab/werkvormen/"
ADL = "http://adlnet.gov/expapi/activities/"
TSV = {"Content-Type": "text/tab-separated-values"}
ACCEPTED_GRAPH = "https://w3id.org/eduvoc/graph/mappings/skos"


@pytest.fixture
def api(test_settings):
    """A client over a fresh store with three vocabularies; tokens of a kennisnet and a surf editor."""
    store = OxigraphStore()
    catalogue = Catalogue(store)
    load_files(store, catalogue, [f for f in bundled_files(VOCABULARIES_DIR, ONTOLOGY_DIR) if f[0] in VOCABULARIES])
    headers = {}
    for organisation in ("kennisnet", "surf"):
        ensure_organisation(store, organisation, organisation)
        token, _ = issue_token(store, organisation, Role.EDITOR)
        headers[organisation] = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(test_settings, store=store)) as client:
        yield client, headers["kennisnet"], headers["surf"]


@pytest.fixture
def with_set(api):
    client, owner, _ = api
    created = client.post("/api/mapping-sets", json={"id": "werkvormen-xapi", "source": "werkvormen", "target": "xapi-activity-types",
                                                      "title": "Werkvormen naar xAPI"}, headers=owner)
    assert created.status_code == 201, created.text
    assert created.headers["location"] == "/api/mapping-sets/werkvormen-xapi"
    return api


def sparql_has(client, subject: str, predicate: str, obj: str, graph: str | None = None) -> bool:
    """The public SPARQL endpoint's answer over its default graph, or over one public `graph`."""
    params = {"query": f"ASK {{ <{subject}> <{predicate}> <{obj}> }}", **({"default-graph-uri": graph} if graph else {})}
    answer = client.get("/sparql", params=params, headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    return answer.json()["boolean"]


def test_create_and_list(with_set):
    client, owner, _ = with_set
    listed = client.get("/api/mapping-sets").json()
    assert listed["count"] == 1 and listed["data"][0]["owner"] == "kennisnet"
    assert listed["data"][0]["counts"] == {"proposed": 0, "accepted": 0, "rejected": 0}
    again = client.post("/api/mapping-sets", json={"id": "werkvormen-xapi", "source": "werkvormen", "target": "xapi-activity-types", "title": "x"}, headers=owner)
    assert again.status_code == 409
    unknown = client.post("/api/mapping-sets", json={"id": "x", "source": "werkvormen", "target": "nope", "title": "x"}, headers=owner)
    assert unknown.status_code == 422 and unknown.json()["location"] == "target"
    assert client.post("/api/mapping-sets", json={"id": "y", "source": "werkvormen", "target": "xapi-activity-types", "title": "y"}).status_code == 401
    assert client.get("/api/mapping-sets/nope").status_code == 404


def test_propose_review_comment_and_the_public_sparql_endpoint(with_set):
    client, owner, other = with_set
    body = {"mappings": [{"subject": WV + "werkcollege", "predicate": "close", "object": ADL + "meeting", "confidence": 0.8,
                          "justification": "semapv:LexicalMatching", "comment": "lijkt erop"}]}
    assert client.post("/api/mapping-sets/werkvormen-xapi/mappings", json=body).status_code == 401
    proposed = client.post("/api/mapping-sets/werkvormen-xapi/mappings", json=body, headers=other)
    assert proposed.status_code == 201, proposed.text
    [mapping_id] = proposed.json()["ids"]
    assert client.post(f"/api/mappings/{mapping_id}/accept", json={}, headers=other).status_code == 403
    accepted = client.post(f"/api/mappings/{mapping_id}/accept", json={"comment": "akkoord"}, headers=owner)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted" and accepted.json()["comments"][0]["text"] == "akkoord"
    assert sparql_has(client, WV + "werkcollege", "http://www.w3.org/2004/02/skos/core#closeMatch", ADL + "meeting")
    assert client.post(f"/api/mappings/{mapping_id}/reject", json={}, headers=owner).status_code == 400  # a rejection needs a comment
    rejected = client.post(f"/api/mappings/{mapping_id}/reject", json={"comment": "toch niet"}, headers=owner)
    assert rejected.json()["status"] == "rejected"
    assert not sparql_has(client, WV + "werkcollege", "http://www.w3.org/2004/02/skos/core#closeMatch", ADL + "meeting")
    commented = client.post(f"/api/mappings/{mapping_id}/comments", json={"text": "jammer"}, headers=other)
    assert commented.status_code == 201 and [c["text"] for c in commented.json()["comments"]] == ["akkoord", "toch niet", "jammer"]
    of_concept = client.get("/api/concepts/mappings", params={"uri": ADL + "meeting"}).json()
    assert of_concept["count"] == 1 and of_concept["data"][0]["status"] == "rejected"
    assert of_concept["data"][0]["subject_labels"]["nl"] == "Werkcollege"
    assert client.get("/api/mappings/0123456789abcdef0123456789abcdef").status_code == 404


def test_a_mapping_to_an_unknown_concept_is_422_naming_it(with_set):
    client, _, other = with_set
    body = {"mappings": [{"subject": WV + "werkcollege", "predicate": "exact", "object": ADL + "nope"}]}
    refused = client.post("/api/mapping-sets/werkvormen-xapi/mappings", json=body, headers=other)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["location"] == "mappings[0].object" and ADL + "nope" in refused.json()["detail"]
    bad = client.post("/api/mapping-sets/werkvormen-xapi/mappings", json={"mappings": [{**body["mappings"][0], "predicate": "same"}]}, headers=other)
    assert bad.status_code == 400 and bad.json()["location"] == "mappings[0].predicate"


def test_import_then_export_in_three_formats(with_set):
    client, owner, other = with_set
    data = curated_sssom("xapi-activity-types")
    assert client.put("/api/mapping-sets/werkvormen-xapi/import", content=data, headers={**TSV, **other}).status_code == 403
    assert client.put("/api/mapping-sets/werkvormen-xapi/import", content=data, headers={"Content-Type": "application/pdf", **owner}).status_code == 415
    imported = client.put("/api/mapping-sets/werkvormen-xapi/import?default_status=accepted", content=data, headers={**TSV, **owner})
    assert imported.status_code == 200, imported.text
    assert imported.json()["mappings"] == 8 and imported.json()["by_status"] == {"accepted": 8}
    for s, p, o in curated_mappings("xapi-activity-types"):  # werkvormen.ttl states them too: ask the mappings' graph
        assert sparql_has(client, s, p, o, ACCEPTED_GRAPH)
    sssom = client.get("/api/mapping-sets/werkvormen-xapi", params={"format": "sssom"})
    assert sssom.headers["content-type"].startswith("text/tab-separated-values")
    assert 'filename="werkvormen-xapi.sssom.tsv"' in sssom.headers["content-disposition"]
    by_accept = client.get("/api/mapping-sets/werkvormen-xapi", headers={"Accept": "text/tab-separated-values"})
    assert by_accept.content == sssom.content
    again = client.put("/api/mapping-sets/werkvormen-xapi/import", content=sssom.content, headers={**TSV, **owner})
    assert again.json()["replaced"] == 8
    assert client.get("/api/mapping-sets/werkvormen-xapi?format=sssom").content == sssom.content
    csv = client.get("/api/mapping-sets/werkvormen-xapi", headers={"Accept": "text/csv"})
    assert csv.headers["content-type"].startswith("text/csv") and "subject_id,subject_label" in csv.text
    document = client.get("/api/mapping-sets/werkvormen-xapi").json()
    assert len(document["mappings"]) == 8 and document["counts"]["accepted"] == 8
    assert client.get("/api/mapping-sets/werkvormen-xapi", params={"status": "proposed"}).json()["mappings"] == []


def test_bad_sssom_is_400_and_changes_nothing(with_set):
    client, owner, _ = with_set
    client.put("/api/mapping-sets/werkvormen-xapi/import", content=curated_sssom("xapi-activity-types"), headers={**TSV, **owner})
    before = client.get("/api/mapping-sets/werkvormen-xapi?format=sssom").content
    missing = client.put("/api/mapping-sets/werkvormen-xapi/import", content=curated_sssom("xapi-activity-types", drop_columns=("object_id",)),
                         headers={**TSV, **owner})
    assert missing.status_code == 400 and "object_id" in missing.json()["detail"]
    bad_row = curated_sssom("xapi-activity-types", extra_rows=[["werkvormen:hoorcollege", "skos:closeMatch", "adl:meeting", "semapv:ManualMappingCuration", "", "x"]])
    malformed = client.put("/api/mapping-sets/werkvormen-xapi/import", content=bad_row, headers={**TSV, **owner})
    assert malformed.status_code == 400 and "row 9" in malformed.json()["detail"]
    unknown = curated_sssom("xapi-activity-types", extra_rows=[["werkvormen:nope", "skos:closeMatch", "adl:meeting", "semapv:ManualMappingCuration", ""]])
    assert client.put("/api/mapping-sets/werkvormen-xapi/import", content=unknown, headers={**TSV, **owner}).status_code == 422
    assert client.get("/api/mapping-sets/werkvormen-xapi?format=sssom").content == before
