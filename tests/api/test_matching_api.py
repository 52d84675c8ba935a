"""The HTTP edge of issue 6's matching: suggestions, crosswalk, gaps, and the reconciliation
service as OpenRefine calls it (form-encoded `queries=`, JSONP manifest, preview, suggest, extend)."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

HOORCOLLEGE = "https://w3id.org/eduvoc/vocab/werkvormen/hoorcollege"
BEGELEIDINGSGESPREK = "https://w3id.org/eduvoc/vocab/werkvormen/begeleidingsgesprek"
FORM = {"content-type": "application/x-www-form-urlencoded"}


def test_suggestions_as_json(client):
    response = client.get("/api/suggestions", params={"source": "werkvormen", "target": "ooapi-learning-component-type", "limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5 and body["total"] >= 5 and body["source_concepts"] == 63
    first = body["data"][0]
    assert first["confidence"] == 1.0 and first["predicate_id"].endswith("#exactMatch")
    assert first["mapping_justification"] == "https://w3id.org/semapv/vocab/LexicalMatching"


def test_suggestions_as_csv_by_accept(client):
    response = client.get("/api/suggestions", params={"source": "werkvormen", "target": "xapi-activity-types"}, headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {"subject_id", "predicate_id", "object_id", "confidence", "mapping_justification"} <= set(rows[0])
    assert ("https://w3id.org/eduvoc/vocab/werkvormen/simulatie", "http://adlnet.gov/expapi/activities/simulation") in {
        (row["subject_id"], row["object_id"]) for row in rows}


def test_suggestions_refuse_bad_parameters_with_a_problem(client):
    response = client.get("/api/suggestions", params={"source": "werkvormen", "target": "no-such-list"})
    assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"
    assert response.json()["location"] == "target"
    assert client.get("/api/suggestions", params={"source": "werkvormen", "target": "esco-skills", "min_score": 2}).json()["location"] == "min_score"


def test_crosswalk_api(client):
    response = client.get("/api/crosswalk", params={"uri": BEGELEIDINGSGESPREK, "target": "xapi-activity-types"})
    assert response.status_code == 200
    body = response.json()
    assert body["label"] == "Begeleidingsgesprek" and body["reached"] == ["http://adlnet.gov/expapi/activities/meeting"]
    assert body["paths"][0]["steps"][0] == {
        "source": BEGELEIDINGSGESPREK, "predicate": "http://www.w3.org/2004/02/skos/core#broadMatch",
        "target": "http://adlnet.gov/expapi/activities/meeting", "direction": "forward", "kind": "mapping", "target_label": "meeting"}
    assert client.get("/api/crosswalk", params={"uri": BEGELEIDINGSGESPREK, "target": "esco-skills", "max_hops": 9}).status_code == 400
    assert client.get("/api/crosswalk", params={"uri": "https://example.org/nothing", "target": "esco-skills"}).status_code == 404


def test_gaps_json_and_csv(client):
    body = {"demand": ["solve technical problems", "speak Dutch", "http://data.europa.eu/esco/skill/not-there"], "offer_vocabulary": "learning-outcomes"}
    report = client.post("/api/gaps", json=body).json()
    assert [item["status"] for item in report["items"]] == ["exact", "uncovered", "unknown"]
    assert report["covered"] == 1 and report["total"] == 3 and report["coverage"] == round(1 / 3, 4)
    assert report["items"][0]["covered_by_labels"][0] == "solve technical problems"
    response = client.post("/api/gaps", params={"format": "csv"}, json=body)
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["status"] for row in rows] == ["exact", "uncovered", "unknown"]


def test_gaps_refuse_an_offer_of_unknown_concepts(client):
    response = client.post("/api/gaps", json={"demand": ["solve technical problems"], "offer_concepts": ["https://example.org/module/7"]})
    assert response.status_code == 400 and response.json()["location"] == "offer_concepts"


# --- reconciliation, as OpenRefine 3.x sends it ---------------------------------------------------------

def test_manifest_lists_vocabularies_as_types_and_answers_jsonp(client):
    manifest = client.get("/reconcile").json()
    assert manifest["versions"] == ["0.2"]
    assert {"id": "werkvormen", "name": "Werkvormen"} in manifest["defaultTypes"]
    assert manifest["preview"]["url"].endswith("/reconcile/preview?id={{id}}")
    assert manifest["extend"]["propose_properties"]["service_path"] == "/reconcile/properties"
    jsonp = client.get("/reconcile", params={"callback": "jsonp123"})
    assert jsonp.headers["content-type"].startswith("application/javascript") and jsonp.text.startswith("jsonp123({")
    assert client.get("/reconcile", params={"callback": "alert(1)//"}).status_code == 400


def test_an_openrefine_batch_form_encoded(client):
    queries = {
        "q0": {"query": "Hoorcollege", "type": "werkvormen", "type_strict": "should", "limit": 3},
        "q1": {"query": "groepsopdracht", "limit": 3},
        "q2": {"query": "begeleiding", "type": "werkvormen", "properties": [{"pid": "notation", "v": "begeleidingsgesprek"}]},
    }
    response = client.post("/reconcile", content=urlencode({"queries": json.dumps(queries)}), headers=FORM)
    assert response.status_code == 200
    body = response.json()
    top = body["q0"]["result"][0]
    assert top["id"] == HOORCOLLEGE and top["match"] is True and top["score"] == 100
    assert top["type"] == [{"id": "werkvormen", "name": "Werkvormen"}]
    assert body["q2"]["result"][0]["id"] == BEGELEIDINGSGESPREK
    again = client.get("/reconcile", params={"queries": json.dumps(queries)}).json()  # the GET form
    assert again["q0"]["result"][0]["id"] == HOORCOLLEGE


def test_a_malformed_batch_is_a_400_problem(client):
    for queries in ("{not json", '{"q0": {"query": ""}}', '{"q0": {"query": "x", "type": "nope"}}'):
        response = client.post("/reconcile", content=urlencode({"queries": queries}), headers=FORM)
        assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json", queries
    assert client.post("/reconcile", content=urlencode({"other": "1"}), headers=FORM).status_code == 400
    assert client.post("/reconcile", content=b"queries", headers={"content-type": "text/plain"}).status_code == 400


def test_preview_suggest_and_extend(client):
    preview = client.get("/reconcile/preview", params={"id": HOORCOLLEGE})
    assert preview.status_code == 200 and "<h1>Hoorcollege</h1>" in preview.text
    assert client.get("/reconcile/preview", params={"id": "https://example.org/x"}).status_code == 404
    entity = client.get("/reconcile/suggest/entity", params={"prefix": "hoorc", "type": "werkvormen"}).json()
    assert entity["result"][0]["id"] == HOORCOLLEGE
    types = client.get("/reconcile/suggest/type", params={"prefix": "esco"}).json()["result"]
    assert any(t["id"] == "esco-skills" for t in types)
    properties = client.get("/reconcile/properties", params={"type": "werkvormen"}).json()
    assert {p["id"] for p in properties["properties"]} == {"prefLabel", "notation", "broader", "inScheme"}
    extension = {"ids": [HOORCOLLEGE], "properties": [{"id": "notation"}, {"id": "broader"}]}
    data = client.post("/reconcile", content=urlencode({"extend": json.dumps(extension)}), headers=FORM).json()
    assert data["meta"][0]["id"] == "notation" and data["rows"][HOORCOLLEGE]["notation"] == [{"str": "hoorcollege"}]
