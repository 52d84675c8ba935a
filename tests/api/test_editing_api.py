"""The editor's flow over HTTP: an admin sets up an organisation and a token; an editor registers
a vocabulary from Turtle and from XLSX, sees the quality report, publishes 1.0, changes three
concepts, deprecates one with a replacement, publishes 1.1; a consumer sees diff, feed, resolution."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, SKOS, Graph

from api.app import create_app
from registry.auth import Role
from registry.catalogue import Catalogue
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import issue_token
from tests.conftest import VOCABULARIES_DIR

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
TURTLE = {"Content-Type": "text/turtle"}


@pytest.fixture
def registry_app(test_settings):
    store = OxigraphStore()
    create_organisation(store, "eduvoc", "eduvoc")
    admin_token, _ = issue_token(store, "eduvoc", Role.ADMIN)
    with TestClient(create_app(test_settings, store=store)) as client:
        yield client, store, {"Authorization": f"Bearer {admin_token}"}


@pytest.fixture
def editor(registry_app):
    client, _, admin = registry_app
    assert client.post("/api/organisations", json={"id": "kennisnet", "name": "Kennisnet"}, headers=admin).status_code == 201
    issued = client.post("/api/organisations/kennisnet/tokens", json={"role": "editor", "label": "tests"}, headers=admin)
    assert issued.status_code == 201
    return {"Authorization": f"Bearer {issued.json()['token']}"}


def concepts():
    graph = Graph().parse(WERKVORMEN)
    return graph, sorted(str(c) for c in graph.subjects(RDF.type, SKOS.Concept))


def test_writes_need_a_token_and_the_right_organisation(registry_app, editor):
    client, store, admin = registry_app
    body = WERKVORMEN.read_bytes()
    assert client.put("/api/vocabularies/werkvormen/draft", content=body, headers=TURTLE).status_code == 401
    bad = client.put("/api/vocabularies/werkvormen/draft", content=body, headers={**TURTLE, "Authorization": "Bearer eduvoc_nope_nope"})
    assert bad.status_code == 401
    assert bad.headers["content-type"] == "application/problem+json"
    assert client.put("/api/vocabularies/werkvormen/draft", content=body, headers={**TURTLE, **editor}).status_code == 200
    client.post("/api/organisations", json={"id": "other", "name": "Other"}, headers=admin)
    other = client.post("/api/organisations/other/tokens", json={"role": "editor"}, headers=admin).json()["token"]
    forbidden = client.put("/api/vocabularies/werkvormen/draft", content=body, headers={**TURTLE, "Authorization": f"Bearer {other}"})
    assert forbidden.status_code == 403
    assert client.post("/api/organisations", json={"id": "x", "name": "X"}, headers=editor).status_code == 403


def test_the_whole_editor_flow(registry_app, editor):
    client, store, admin = registry_app
    graph, uris = concepts()
    upload = client.put("/api/vocabularies/werkvormen/draft", content=WERKVORMEN.read_bytes(), headers={**TURTLE, **editor})
    assert upload.status_code == 200, upload.text
    assert upload.json()["concepts"] == len(uris)
    assert client.get("/api/vocabularies/werkvormen").status_code == 404  # drafts are not public

    first = client.post("/api/vocabularies/werkvormen/releases", json={"version": "1.0", "change_note": "Eerste publicatie"}, headers=editor)
    assert first.status_code == 201, first.text
    assert client.get("/api/vocabularies/werkvormen").json()["concepts"] == len(uris)

    assert client.post("/api/vocabularies/werkvormen/draft", headers=editor).status_code == 201
    changed = uris[:3]
    for n, uri in enumerate(changed):
        response = client.patch("/api/vocabularies/werkvormen/draft/concepts", params={"uri": uri},
                                json={"definitions": {"nl": f"Herziene definitie {n}.", "en": f"Revised definition {n}."}}, headers=editor)
        assert response.status_code == 200, response.text
    old, replacement = uris[-1], uris[-2]
    deprecation = client.post("/api/vocabularies/werkvormen/draft/concepts/deprecate", params={"uri": old}, json={"replaced_by": [replacement]}, headers=editor)
    assert deprecation.status_code == 200, deprecation.text
    preview = client.get("/api/vocabularies/werkvormen/draft", headers=editor).json()
    assert preview["changes"]["summary"]["deprecated"] == 1
    second = client.post("/api/vocabularies/werkvormen/releases", json={"version": "1.1", "change_note": "Drie definities herzien, één vervallen"}, headers=editor)
    assert second.status_code == 201, second.text

    diff = client.get("/api/vocabularies/werkvormen/diff", params={"from": "1.0", "to": "1.1"}).json()
    assert set(diff["changed"]) >= set(changed) | {old}
    assert diff["deprecated"] == [old] and diff["replaced"] == {old: [replacement]}

    feed = client.get("/api/vocabularies/werkvormen/feed")
    assert feed.headers["content-type"].startswith("application/feed+json")
    assert [i["_eduvoc"]["version"] for i in feed.json()["items"]] == ["1.1", "1.0"]

    resolution = client.get("/api/resolve", params={"uri": old}).json()
    assert resolution["status"] == "deprecated" and resolution["replacements"] == [replacement]
    bulk = client.post("/api/resolve", json={"uris": [old, uris[0]]}).json()
    assert [r["status"] for r in bulk["data"]] == ["deprecated", "current"]

    for version in ("1.0", "1.1", "latest"):
        document = client.get(f"/release/werkvormen/{version}", headers={"Accept": "text/turtle"})
        assert document.status_code == 200
        assert len(Graph().parse(data=document.text, format="turtle")) > 100
    versions = client.get("/api/vocabularies/werkvormen/releases").json()
    assert [(v["version"], v["current"]) for v in versions] == [("1.0", False), ("1.1", True)]

    trail = client.get("/api/audit", params={"vocabulary": "werkvormen"}, headers=editor).json()["data"]
    assert [r["action"] for r in reversed(trail)][:2] == ["upload-draft", "publish"]
    assert client.get("/api/audit", headers={}).status_code == 401
    prov = client.get("/api/audit", params={"format": "prov"}, headers=admin)
    assert "prov:Activity" in prov.text


def test_bad_uploads(registry_app, editor, test_settings):
    client, _, _ = registry_app
    broken = client.put("/api/vocabularies/werkvormen/draft", content=b"@prefix x: <http://x/> .\nx:a x:b .\n", headers={**TURTLE, **editor})
    assert broken.status_code == 400
    assert ":2:" in broken.json()["location"]
    assert client.put("/api/vocabularies/werkvormen/draft", content=b"%PDF", headers={"Content-Type": "application/pdf", **editor}).status_code == 415
    relative = client.put("/api/vocabularies/werkvormen/draft", content=b"<a> a <http://www.w3.org/2004/02/skos/core#ConceptScheme> .", headers={**TURTLE, **editor})
    assert relative.status_code == 400


def test_uploads_over_the_cap_are_413(test_settings):
    store = OxigraphStore()
    create_organisation(store, "kennisnet", "Kennisnet")
    token, _ = issue_token(store, "kennisnet", Role.EDITOR)
    small = test_settings.model_copy(update={"upload_max_bytes": 1000})
    with TestClient(create_app(small, store=store)) as client:
        response = client.put("/api/vocabularies/werkvormen/draft", content=WERKVORMEN.read_bytes(), headers={**TURTLE, "Authorization": f"Bearer {token}"})
    assert response.status_code == 413
    assert Catalogue(store).state("werkvormen") is None


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_register_from_xlsx_publish_and_export_it_back(registry_app, editor):
    client, _, _ = registry_app
    import pyoxigraph

    from registry.spreadsheet import write_spreadsheet

    source = VOCABULARIES_DIR / "slo-niveaus.ttl"
    triples = list(pyoxigraph.parse(path=source))
    scheme = next(t.subject for t in triples if t.object == pyoxigraph.NamedNode(str(SKOS.ConceptScheme)))
    workbook = write_spreadsheet(triples, scheme, "xlsx")
    upload = client.put("/api/vocabularies/slo-niveaus/draft", content=workbook, headers={"Content-Type": XLSX, **editor})
    assert upload.status_code == 200, upload.text
    assert upload.json()["concepts"] == len(set(Graph().parse(source).subjects(RDF.type, SKOS.Concept)))
    assert client.post("/api/vocabularies/slo-niveaus/releases", json={"version": "2025.1", "change_note": "uit Excel"}, headers=editor).status_code == 201

    exported = client.get("/api/vocabularies/slo-niveaus/export", params={"format": "turtle"})
    assert Graph().parse(data=exported.text, format="turtle").isomorphic(Graph().parse(source))
    again = client.get("/api/vocabularies/slo-niveaus/export", params={"format": "xlsx"})
    assert again.headers["content-type"] == XLSX
    mismatch = client.put("/api/vocabularies/other-id/draft", content=again.content, headers={"Content-Type": XLSX, **editor})
    assert mismatch.status_code == 400
    assert mismatch.json()["location"] == "vocabulary!id"


def test_the_template_downloads_in_both_kinds(registry_app):
    client, _, _ = registry_app
    assert client.get("/api/spreadsheet-template", params={"format": "csv"}).text.lstrip("\ufeff").startswith("#id,")
    assert client.get("/api/spreadsheet-template").headers["content-type"] == XLSX
    assert client.get("/api/spreadsheet-template", params={"format": "pdf"}).status_code == 422


def test_a_release_document_revalidates_by_etag(registry_app, editor):
    client, _, _ = registry_app
    client.put("/api/vocabularies/werkvormen/draft", content=WERKVORMEN.read_bytes(), headers={**TURTLE, **editor})
    client.post("/api/vocabularies/werkvormen/releases", json={"version": "1.0", "change_note": "x"}, headers=editor)
    first = client.get("/release/werkvormen/1.0", headers={"Accept": "text/turtle"})
    assert client.get("/release/werkvormen/1.0", headers={"Accept": "text/turtle", "If-None-Match": first.headers["etag"]}).status_code == 304
    assert client.get("/release/werkvormen/9.9", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/release/werkvormen/latest", headers={"Accept": "text/turtle", "If-None-Match": "x"}).status_code == 200


def test_the_quality_report_in_three_formats_and_violations_block_publishing(registry_app, editor):
    client, _, _ = registry_app
    text = WERKVORMEN.read_text(encoding="utf-8")
    graph, uris = concepts()
    # a real defect: a second Dutch preferred label on one concept (a violation of the profile)
    broken = text + f'\n<{uris[0]}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Tweede label"@nl .\n'
    assert client.put("/api/vocabularies/werkvormen/draft", content=broken.encode(), headers={**TURTLE, **editor}).status_code == 200
    report = client.get("/api/vocabularies/werkvormen/draft/quality", headers=editor).json()
    assert report["blocksPublication"] is True
    violation = next(f for f in report["findings"] if f["severity"].lower().endswith("violation"))
    assert uris[0] in json_text(violation)
    turtle = client.get("/api/vocabularies/werkvormen/draft/quality", headers={**editor, "Accept": "text/turtle"})
    assert "sh:ValidationReport" in turtle.text
    csv_report = client.get("/api/vocabularies/werkvormen/draft/quality", headers={**editor, "Accept": "text/csv"})
    assert uris[0] in csv_report.text
    blocked = client.post("/api/vocabularies/werkvormen/releases", json={"version": "1.0", "change_note": "x"}, headers=editor)
    assert blocked.status_code == 422
    assert blocked.json()["report"]["blocksPublication"] is True
    assert client.get("/api/vocabularies/werkvormen").status_code == 404


def json_text(value) -> str:
    import json

    return json.dumps(value)
