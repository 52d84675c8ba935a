"""The dataset catalogue over HTTP: registration with a token (401/403/415/422), browse with
facets, one dataset as JSON and RDF, withdrawal, the DCAT export, SPARQL and impact analysis; and
the issue's story end to end."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from api.app import create_app
from registry.auth import Role
from registry.organisations import ensure_organisation
from registry.tokens import issue_token
from tests.dataset_descriptions import (
    DATASET_LISTS,
    THEME,
    concept,
    fresh_registry,
    leerlingen_vo,
    scheme_of,
    to_turtle,
    voortgang_werkvormen,
)

TURTLE = {"Content-Type": "text/turtle"}
EXCURSION = "https://w3id.org/eduvoc/vocab/ooapi-learning-component-type/excursion"


@pytest.fixture(scope="module")
def service(test_settings):
    """A registry with the lists the examples use, tokens for two publishers and an admin."""
    store, _ = fresh_registry(DATASET_LISTS)
    tokens = {org: issue_token(store, org, Role.EDITOR)[0] for org in ("duo", "leerrijk")}
    ensure_organisation(store, "eduvoc", "eduvoc")  # the bundle registers it as a publisher
    tokens["admin"] = issue_token(store, "eduvoc", Role.ADMIN)[0]
    with TestClient(create_app(test_settings, store=store)) as client:
        yield client, {name: {"Authorization": f"Bearer {token}"} for name, token in tokens.items()}


@pytest.fixture
def api(service):
    """The module's registry with an empty dataset catalogue (each test withdraws what it registered)."""
    client, auth = service
    yield client, auth
    for item in client.get("/api/datasets", params={"limit": 200}).json()["items"]:
        assert client.delete(f"/api/datasets/{item['id']}", headers=auth["admin"]).status_code == 204


def post(client, description, auth, method="POST", **headers):
    return client.request(method, "/api/datasets", content=to_turtle(description).encode(), headers={**TURTLE, **auth, **headers})


def test_registering_needs_a_token_of_the_owning_organisation(api):
    client, auth = api
    assert post(client, leerlingen_vo(), {}).status_code == 401
    bad = post(client, leerlingen_vo(), {"Authorization": "Bearer eduvoc_nope_nope"})
    assert bad.status_code == 401 and bad.headers["content-type"] == "application/problem+json"
    created = post(client, leerlingen_vo(), auth["duo"])
    assert created.status_code == 201, created.text
    assert created.headers["location"] == f"/api/datasets/{created.json()['dataset']['id']}"
    assert post(client, leerlingen_vo(), auth["leerrijk"], method="PUT").status_code == 403
    again = post(client, leerlingen_vo(), auth["duo"], method="PUT")
    assert again.status_code == 200 and again.json()["created"] is False
    identifier = created.json()["dataset"]["id"]
    assert client.delete(f"/api/datasets/{identifier}").status_code == 401
    assert client.delete(f"/api/datasets/{identifier}", headers=auth["leerrijk"]).status_code == 403
    assert client.delete(f"/api/datasets/{identifier}", headers=auth["admin"]).status_code == 204
    assert client.get(f"/api/datasets/{identifier}").status_code == 404
    assert client.delete(f"/api/datasets/{identifier}", headers=auth["duo"]).status_code == 404


def test_a_description_that_does_not_conform_gets_422_with_the_report(api):
    client, auth = api
    description = leerlingen_vo()
    description.aggregation = ()
    refused = post(client, description, auth["duo"])
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    checks = {f["checkId"] for f in refused.json()["report"]["findings"] if f["severity"] == "Violation"}
    assert "edu-aggregation-level" in checks, checks
    assert client.get("/api/datasets").json()["total"] == 0


def test_bad_bodies_are_refused_clearly(api, test_settings):
    client, auth = api
    broken = client.post("/api/datasets", content=b"<a> <b> .", headers={**TURTLE, **auth["duo"]})
    assert broken.status_code == 400 and broken.json()["location"]
    assert client.post("/api/datasets", content=b"a,b\n", headers={"Content-Type": "text/csv", **auth["duo"]}).status_code == 415
    assert client.post("/api/datasets", content=b"x", headers={"Content-Type": "image/png", **auth["duo"]}).status_code == 415
    assert client.post("/api/datasets", content=b"", headers={**TURTLE, **auth["duo"]}).status_code == 400
    too_big = b"#" * (test_settings.upload_max_bytes + 1)
    assert client.post("/api/datasets", content=too_big, headers={**TURTLE, **auth["duo"]}).status_code == 413


def test_json_ld_and_rdf_xml_bodies_register_too(api):
    client, auth = api
    graph = Graph().parse(data=to_turtle(leerlingen_vo()), format="turtle")
    as_jsonld = client.post("/api/datasets", content=graph.serialize(format="json-ld").encode(),
                            headers={"Content-Type": "application/ld+json", **auth["duo"]})
    assert as_jsonld.status_code == 201, as_jsonld.text
    graph = Graph().parse(data=to_turtle(voortgang_werkvormen()), format="turtle")
    as_xml = client.post("/api/datasets", content=graph.serialize(format="xml").encode(),
                         headers={"Content-Type": "application/rdf+xml", **auth["leerrijk"]})
    assert as_xml.status_code == 201, as_xml.text
    assert client.get("/api/datasets").json()["total"] == 2


def test_browse_filters_and_facets_over_http(api):
    client, auth = api
    for description, who in ((leerlingen_vo(), "duo"), (voortgang_werkvormen(), "leerrijk")):
        assert post(client, description, auth[who]).status_code == 201
    everything = client.get("/api/datasets").json()
    assert everything["total"] == 2
    theme = {f["value"]: f for f in everything["facets"]["theme"]}[THEME + "EDUC"]
    assert theme["count"] == 2 and theme["label"]["nl"] and theme["vocabulary"] == "eu-data-theme"
    werkvormen = client.get("/api/datasets", params={"conforms_to": scheme_of("werkvormen")}).json()
    assert [d["uri"] for d in werkvormen["items"]] == [voortgang_werkvormen().iri]
    item = werkvormen["items"][0]
    assert item["owner"] == "leerrijk" and item["contains_personal_data"] is True
    assert {v["value"] for v in item["purpose"]} == {concept("purpose-of-use", "voortgang-volgen")}
    both = client.get("/api/datasets", params=[("aggregation_level", concept("aggregation-level", "instelling")),
                                                ("purpose", concept("purpose-of-use", "open-data"))]).json()
    assert [d["uri"] for d in both["items"]] == [leerlingen_vo().iri]
    assert client.get("/api/datasets", params={"q": "werkvorm"}).json()["total"] == 1
    assert client.get("/api/datasets", params={"limit": 0}).status_code == 422

    one = client.get(f"/api/datasets/{item['id']}")
    assert one.status_code == 200 and one.json()["uri"] == item["uri"]
    turtle = client.get(f"/api/datasets/{item['id']}", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=turtle.text, format="turtle")) == len(Graph().parse(data=to_turtle(voortgang_werkvormen()), format="turtle"))
    assert client.get(f"/api/datasets/{item['id']}", params={"format": "jsonld"}).json()


def test_the_catalogue_exports_as_turtle_and_json_ld(api):
    client, auth = api
    post(client, leerlingen_vo(), auth["duo"])
    post(client, voortgang_werkvormen(), auth["leerrijk"])
    turtle = client.get("/api/datasets/catalogue", headers={"Accept": "text/turtle"})
    jsonld = client.get("/api/datasets/catalogue", headers={"Accept": "application/ld+json"})
    short = client.get("/catalogue.ttl")
    assert turtle.headers["content-type"].startswith("text/turtle") and jsonld.headers["content-type"].startswith("application/ld+json")
    graphs = [Graph().parse(data=turtle.text, format="turtle"), Graph().parse(data=jsonld.text, format="json-ld"),
              Graph().parse(data=short.text, format="turtle")]
    assert len(graphs[0]) == len(graphs[1]) == len(graphs[2]) > 0
    catalogue = URIRef("https://w3id.org/eduvoc/catalogue/datasets")
    datasets = {str(o) for o in graphs[1].objects(catalogue, URIRef("http://www.w3.org/ns/dcat#dataset"))}
    assert datasets == {leerlingen_vo().iri, voortgang_werkvormen().iri}
    validated = client.post("/validate", params={"profile": "dcat-ap-nl"}, content=turtle.content, headers={**TURTLE, "Accept": "application/json"})
    assert validated.status_code == 200
    report = validated.json()
    violations = [f for f in report.get("findings", []) if f["severity"] == "Violation"]
    assert not violations, json.dumps(violations, indent=1)[:2000]


def test_registered_datasets_are_in_the_public_sparql_graphs(api):
    client, auth = api
    post(client, leerlingen_vo(), auth["duo"])
    query = "SELECT ?d WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> }"
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert [b["d"]["value"] for b in answer.json()["results"]["bindings"]] == [leerlingen_vo().iri]
    private = client.get("/sparql", params={"query": "SELECT * WHERE { GRAPH ?g { ?s <https://w3id.org/eduvoc/def/auditAction> ?a } }"},
                         headers={"Accept": "application/sparql-results+json"})
    assert private.json()["results"]["bindings"] == []  # the audit of the registration stays private


def test_impact_over_http(api):
    client, auth = api
    progress = voortgang_werkvormen()
    progress.extra = [*progress.extra, f"  dct:subject <{EXCURSION}> ;"]
    identifier = post(client, progress, auth["leerrijk"]).json()["dataset"]["id"]
    impact = client.get("/api/impact", params={"uri": EXCURSION}).json()
    assert [d["id"] for d in impact["datasets"]] == [identifier]
    assert [(m["subject"], m["source"]) for m in impact["mappings"]] == [("https://w3id.org/eduvoc/vocab/werkvormen/excursie", "werkvormen")]
    record = client.get("/api/vocabularies/werkvormen").json()
    release = client.get("/api/impact", params={"release": f"werkvormen/{record['versions'][-1]['version']}"})
    assert release.status_code == 200 and release.json()["kind"] == "release"
    assert client.get("/api/impact").status_code == 400
    assert client.get("/api/impact", params={"uri": "https://example.org/nothing"}).status_code == 404


def test_the_issue_story_validate_fix_register_find(api):
    """A vendor validates a DCAT-AP-NL description with education fields, fixes it from the
    report, registers it with its token, and finds it in the catalogue (API and page)."""
    client, auth = api
    draft = leerlingen_vo()
    draft.purposes = ()
    draft.population = None
    first = client.post("/validate", params={"profile": "dataset"}, content=to_turtle(draft).encode(),
                        headers={**TURTLE, "Accept": "application/json", "Accept-Language": "nl"})
    assert first.status_code == 200
    findings = [f for f in first.json()["findings"] if f["severity"] == "Violation"]
    checks = {f["checkId"] for f in findings}
    assert {"edu-purpose-of-use", "edu-population"} <= checks, checks
    assert all(f["messages"] and f["fixHints"] for f in findings if f["checkId"].startswith("edu-"))
    assert post(client, draft, auth["duo"]).status_code == 422  # the registry refuses it too

    fixed = leerlingen_vo()  # the vendor adds the purposes and the population the report asked for
    second = client.post("/validate", params={"profile": "dataset"}, content=to_turtle(fixed).encode(),
                         headers={**TURTLE, "Accept": "application/json"})
    assert not [f for f in second.json()["findings"] if f["severity"] == "Violation"]
    registered = post(client, fixed, auth["duo"])
    assert registered.status_code == 201, registered.text
    identifier = registered.json()["dataset"]["id"]

    found = client.get("/api/datasets", params={"q": "leerlingen", "purpose": concept("purpose-of-use", "open-data")}).json()
    assert [d["id"] for d in found["items"]] == [identifier]
    page = client.get("/datasets", params={"q": "leerlingen"})
    assert page.status_code == 200 and f'href="/datasets/{identifier}"' in page.text
    detail = client.get(f"/datasets/{identifier}", params={"lang": "en"})
    assert detail.status_code == 200 and "Pupils in secondary education per school" in detail.text
