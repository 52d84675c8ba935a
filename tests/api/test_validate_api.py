"""POST /validate, GET /validate, GET /api/profiles and the published JSON-LD context."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph

from tests.conftest import SOURCES_DIR
from tests.dataset_descriptions import leerlingen_vo, to_turtle
from tests.registry.metadata.records import (
    DEPRECATED_KERNDOEL,
    REPLACEMENT_KERNDOEL,
    activity,
    as_json,
)

NL_LOM = SOURCES_DIR / "nl-lom-sample-kennisnet" / "tests" / "Unit" / "Package" / "Model" / "resources" / "metadata.xml"


def post(client, body: bytes, content_type: str, profile: str = "learning-activity", accept: str = "application/json",
         language: str = "en", **params):
    return client.post("/validate", params={"profile": profile, **params}, content=body,
                       headers={"Content-Type": content_type, "Accept": accept, "Accept-Language": language})


def test_profiles_are_listed(client):
    response = client.get("/api/profiles")
    assert response.status_code == 200
    by_name = {p["name"]: p for p in response.json()}
    assert {"dataset", "dcat-ap-nl", "dcat-ap", "learning-activity", "learning-resource"} <= set(by_name)
    assert by_name["learning-activity"]["context"] == "/contexts/learning-activity.jsonld"
    assert any("Geonovum" in c for c in by_name["dataset"]["credits"])


def test_the_published_context_is_served_and_turns_plain_json_into_the_profile_terms(client):
    response = client.get("/contexts/learning-activity.jsonld")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/ld+json")
    context = response.json()["@context"]
    record = {"@context": context, **activity()}
    triples = list(pyoxigraph.parse(json.dumps(record).encode(), format=pyoxigraph.RdfFormat.JSON_LD))
    assert any(t.predicate.value == "https://w3id.org/eduvoc/def/learningGoal" for t in triples)
    assert client.get("/contexts/other.jsonld").status_code == 404


def test_plain_json_with_a_deprecated_slo_goal_is_rejected_naming_the_replacement(client):
    response = post(client, as_json(activity(learningGoal=DEPRECATED_KERNDOEL)), "application/json")
    assert response.status_code == 200
    report = response.json()
    assert report["conforms"] is False and report["profile"] == {"name": "learning-activity", "version": "1.0", "title": "Learning activity (progress data)"}
    (finding,) = report["findings"]
    assert finding["record"] == "https://leerplatform.example/records/4711"
    assert finding["field"] == "https://w3id.org/eduvoc/def/learningGoal" and finding["fieldLabel"] == "learning goal"
    assert finding["valueText"] == DEPRECATED_KERNDOEL and finding["severity"] == "Violation"
    assert REPLACEMENT_KERNDOEL in finding["message"] and REPLACEMENT_KERNDOEL in finding["fixHint"]


def test_dutch_by_accept_language(client):
    report = post(client, as_json(activity(learningGoal=DEPRECATED_KERNDOEL)), "application/json", language="nl-NL,nl;q=0.9").json()
    (finding,) = report["findings"]
    assert finding["fieldLabel"] == "leerdoel" and "vervallen" in finding["message"] and report["language"] == "nl"


def test_a_conforming_record_and_a_dataset_description(client):
    report = post(client, as_json(activity()), "application/json").json()
    assert report["conforms"] is True and report["findings"] == []
    report = post(client, to_turtle(leerlingen_vo()).encode(), "text/turtle", profile="dataset").json()
    assert report["conforms"] is True and report["severityCounts"]["Violation"] == 0


def test_the_report_as_csv_turtle_and_html(client):
    body = as_json(activity(learningGoal=DEPRECATED_KERNDOEL))
    rows = list(csv.DictReader(io.StringIO(post(client, body, "application/json", accept="text/csv").text)))
    assert [(r["field_label"], r["value"], r["severity"]) for r in rows] == [("learning goal", DEPRECATED_KERNDOEL, "Violation")]
    turtle = post(client, body, "application/json", accept="text/turtle")
    assert turtle.headers["content-type"].startswith("text/turtle")
    graph = list(pyoxigraph.parse(turtle.content, format=pyoxigraph.RdfFormat.TURTLE))
    assert any(t.object.value == DEPRECATED_KERNDOEL and t.predicate.value.endswith("#value") for t in graph)
    page = post(client, body, "application/json", accept="text/html")
    assert page.headers["content-type"].startswith("text/html") and REPLACEMENT_KERNDOEL in page.text


def test_rdf_xml_and_nl_lom_xml_bodies(client):
    triples = pyoxigraph.parse(to_turtle(leerlingen_vo()).encode(), format=pyoxigraph.RdfFormat.TURTLE)
    rdfxml = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.RDF_XML)
    assert post(client, rdfxml, "application/rdf+xml", profile="dataset").json()["conforms"] is True
    with open(NL_LOM, "rb") as sample:
        report = post(client, sample.read(), "application/xml", profile="learning-resource").json()
    assert [f["checkId"] for f in report["findings"] if f["severity"] == "Violation"] == ["value-list-deprecated"]


def test_bad_requests_are_problems(client):
    unknown = post(client, b"<a> <b> <c> .", "text/turtle", profile="nope")
    assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/problem+json"
    assert "learning-activity" in unknown.json()["detail"]
    assert post(client, as_json(activity()), "application/json", version="7").status_code == 404
    broken = post(client, b"<a> <b> .", "text/turtle", profile="dataset")
    assert broken.status_code == 400 and "line 1" in broken.json()["location"]
    assert post(client, b"a,b", "text/csv", profile="dataset").status_code == 415
    assert post(client, b"", "text/turtle", profile="dataset").status_code == 400
    assert post(client, as_json(activity()), "application/json", accept="image/png").status_code == 406


def test_oversize_bodies_get_413(bundled_registry, test_settings):
    from fastapi.testclient import TestClient

    from api.app import create_app

    store, _ = bundled_registry
    small = test_settings.model_copy(update={"upload_max_bytes": 100})
    with TestClient(create_app(small, store=store)) as client:
        response = post(client, as_json(activity()), "application/json")
    assert response.status_code == 413


def test_the_page_and_its_form(client):
    page = client.get("/validate?lang=en")
    assert page.status_code == 200 and "<form" in page.text and 'name="profile"' in page.text
    posted = client.post("/validate?lang=en", data={"profile": "learning-activity", "format": "application/json",
                                                     "text": json.dumps(activity(learningGoal=DEPRECATED_KERNDOEL))})
    assert posted.status_code == 200 and "data-validate-result" in posted.text and REPLACEMENT_KERNDOEL in posted.text
    uploaded = client.post("/validate?lang=nl", data={"profile": "learning-resource"},
                           files={"file": ("metadata.xml", NL_LOM.read_bytes(), "application/xml")})
    assert uploaded.status_code == 200 and "Voldoet niet" in uploaded.text
    bad = client.post("/validate", data={"profile": "dataset", "text": "<a> <b> ."})
    assert bad.status_code == 400 and "data-validate-error" in bad.text


def test_the_page_escapes_values_from_the_document(client):
    hostile = '<script>alert("x")</script>'
    page = post(client, as_json(activity(timeSpent=hostile)), "application/json", accept="text/html")
    assert page.status_code == 200 and 'data-check="la-time-spent-format"' in page.text
    assert hostile not in page.text and "&lt;script&gt;" in page.text
