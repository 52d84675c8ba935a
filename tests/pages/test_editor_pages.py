"""The editor pages in process: sign in and out with a token, register a vocabulary from Turtle and
from XLSX, the preview of what publishing changes, the quality report, publishing 1.0 and 1.1, and
every refusal as a page (wrong token, another organisation, a foreign Origin, malformed and
oversized files, violations) — never a stack trace."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import openpyxl
import pyoxigraph
import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, SKOS, Graph

from api.app import create_app
from api.i18n import STRINGS
from registry.auth import Role
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.spreadsheet import write_spreadsheet
from registry.tokens import issue_token, revoke_token
from registry.validation import load_shapes, validate
from tests.conftest import PROJECT_ROOT, VOCABULARIES_DIR
from tests.pages.dom import Element, parse

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
NIVEAUS = VOCABULARIES_DIR / "slo-niveaus.ttl"
SITE = "http://testserver"
SAME_SITE = {"Origin": SITE}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def quality_check():
    """The app's own check once the lead wires it; until then the same profile, run directly."""
    try:
        from registry.quality import check_vocabulary  # type: ignore[import-not-found]

        return check_vocabulary
    except ImportError:
        shapes = load_shapes(PROJECT_ROOT / "shapes" / "vocabulary-profile.ttl")
        return lambda store, graph: validate(store, [graph], shapes)


@dataclass
class Registry:
    client: TestClient
    store: OxigraphStore
    editor: str  # kennisnet's editor token
    other: str  # slo's editor token
    admin: str


def _registry(settings: Settings, base_url: str = SITE) -> Iterator[Registry]:
    store = OxigraphStore()
    create_organisation(store, "eduvoc", "eduvoc")
    create_organisation(store, "kennisnet", "Kennisnet")
    create_organisation(store, "slo", "SLO")
    admin, _ = issue_token(store, "eduvoc", Role.ADMIN)
    editor, _ = issue_token(store, "kennisnet", Role.EDITOR, label="tests")
    other, _ = issue_token(store, "slo", Role.EDITOR)
    with TestClient(create_app(settings, store=store), base_url=base_url) as client:
        if client.app.state.quality_check is None:
            client.app.state.quality_check = quality_check()
        yield Registry(client, store, editor, other, admin)


@pytest.fixture
def registry(test_settings: Settings) -> Iterator[Registry]:
    yield from _registry(test_settings)


def sign_in(client: TestClient, token: str) -> None:
    response = client.post("/editor", data={"token": token}, headers=SAME_SITE, follow_redirects=False)
    assert response.status_code == 303, response.text[:500]


def post(client: TestClient, url: str, status: int = 303, **kwargs):
    response = client.post(url, headers={**SAME_SITE, **kwargs.pop("headers", {})}, follow_redirects=False, **kwargs)
    assert response.status_code == status, response.text[:2000]
    if status != 303:
        assert response.headers["content-type"].startswith("text/html")
    return response


def page(client: TestClient, url: str, status: int = 200) -> Element:
    response = client.get(url, follow_redirects=False)
    assert response.status_code == status, response.text[:2000]
    assert response.headers["content-type"].startswith("text/html")
    return parse(response.text)


def register(client: TestClient, slug: str, name: str, data: bytes, status: int = 303, media_type: str = "text/turtle", **fields):
    return post(client, "/editor/vocabularies", status, data={"id": slug, **fields}, files={"file": (name, data, media_type)})


def upload(client: TestClient, slug: str, name: str, data: bytes, status: int = 303, media_type: str = "text/turtle"):
    return post(client, f"/editor/vocabularies/{slug}/draft", status, files={"file": (name, data, media_type)})


def publish(client: TestClient, slug: str, version: str, note: str, status: int = 303):
    return post(client, f"/editor/vocabularies/{slug}/releases", status, data={"version": version, "note": note})


def error_summary(document: Element) -> Element:
    summary = document.by_id("error-summary")
    assert summary.get("tabindex") == "-1" and summary.has("autofocus")
    assert summary.get("aria-labelledby") == "error-summary-title"
    return summary


def assert_field_error(document: Element, field_id: str) -> str:
    """The summary links to the field; the field is invalid and described by its error."""
    summary = error_summary(document)
    assert summary.find("a").get("href") == f"#{field_id}"
    field = document.by_id(field_id)
    assert field.get("aria-invalid") == "true"
    assert f"{field_id}-error" in (field.get("aria-describedby") or "").split()
    return document.by_id(f"{field_id}-error").text.removeprefix("Fout: ").removeprefix("Error: ")


def werkvormen_concepts() -> list[str]:
    graph = Graph().parse(WERKVORMEN)
    return sorted(str(c) for c in graph.subjects(RDF.type, SKOS.Concept))


def niveaus_workbook() -> bytes:
    triples = list(pyoxigraph.parse(path=NIVEAUS))
    scheme = next(t.subject for t in triples if t.object == pyoxigraph.NamedNode(str(SKOS.ConceptScheme)))
    return write_spreadsheet(triples, scheme, "xlsx")


# --- signing in and out -----------------------------------------------------------------------

def test_the_sign_in_page_asks_for_a_token_in_a_password_field_and_explains_where_it_comes_from(registry):
    document = page(registry.client, "/editor")
    assert document.find("html").get("lang") == "nl"
    field = document.by_id("sign-in-token")
    assert field.get("type") == "password" and field.get("name") == "token"
    assert document.find("label", for_="sign-in-token").text == "API-token"
    hint = document.by_id(field.get("aria-describedby"))
    assert "eduvoc token create" in hint.text
    form = next(a for a in field.ancestors() if a.tag == "form")
    assert form.get("action") == "/editor" and form.get("method") == "post"
    assert not document.find_all(id="error-summary")


def test_signing_in_sets_an_http_only_strict_cookie_and_signing_out_clears_it(registry):
    client = registry.client
    assert client.get("/editor/vocabularies", follow_redirects=False).headers["location"] == "/editor"
    response = client.post("/editor", data={"token": registry.editor}, headers=SAME_SITE, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/editor/vocabularies"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"eduvoc_editor={registry.editor};")
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "path=/editor", "samesite=strict"} <= flags
    assert "secure" not in flags  # plain http here; see the https test
    home = page(client, "/editor/vocabularies")
    assert "kennisnet" in home.find("div", class_="editor-bar").text
    assert client.get("/editor", follow_redirects=False).headers["location"] == "/editor/vocabularies"  # signed in already

    out = client.post("/editor/sign-out", headers=SAME_SITE, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/editor?signed_out=1"
    assert "eduvoc_editor=" in out.headers["set-cookie"] and "max-age=0" in out.headers["set-cookie"].lower()
    assert client.get("/editor/vocabularies", follow_redirects=False).headers["location"] == "/editor"
    assert page(client, "/editor?signed_out=1").find("p", role="status").text == "U bent afgemeld."


def test_over_https_the_cookie_is_secure(test_settings):
    for registry in _registry(test_settings, base_url="https://testserver"):
        response = registry.client.post("/editor", data={"token": registry.editor}, headers={"Origin": "https://testserver"}, follow_redirects=False)
        assert response.status_code == 303
        assert "secure" in {part.strip().lower() for part in response.headers["set-cookie"].split(";")}


@pytest.mark.parametrize("token", ["eduvoc_nope_nope", "not a token at all"])
def test_a_wrong_token_shows_the_sign_in_page_again_with_401(registry, token):
    response = registry.client.post("/editor", data={"token": token}, headers=SAME_SITE, follow_redirects=False)
    assert response.status_code == 401
    assert "set-cookie" not in response.headers or "max-age=0" in response.headers["set-cookie"].lower()
    document = parse(response.text)
    message = assert_field_error(document, "sign-in-token")
    assert "onbekend, ingetrokken of verlopen" in message
    assert document.find("title").text.startswith("Fout:")
    assert document.by_id("sign-in-token").get("value") is None  # the token is never echoed


def test_an_empty_token_is_a_400_naming_the_field(registry):
    document = parse(post(registry.client, "/editor", 400, data={"token": "  "}).text)
    assert "API-token" in assert_field_error(document, "sign-in-token")


def test_a_revoked_token_ends_the_session_at_once(registry):
    sign_in(registry.client, registry.editor)
    page(registry.client, "/editor/vocabularies")
    revoke_token(registry.store, registry.editor.split("_")[1])
    response = registry.client.get("/editor/vocabularies", follow_redirects=False)
    assert response.status_code == 401
    assert "max-age=0" in response.headers["set-cookie"].lower()
    assert parse(response.text).by_id("sign-in-token").get("aria-invalid") == "true"


# --- CSRF -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Origin": "null"}, {"Referer": "https://evil.example/page"}, {}],
    ids=["foreign-origin", "null-origin", "foreign-referer", "neither"],
)
def test_a_post_from_another_site_is_refused_with_a_403_page(registry, headers):
    client = registry.client
    sign_in(client, registry.editor)
    response = client.post("/editor/vocabularies", data={"id": "werkvormen"}, headers=headers,
                           files={"file": ("werkvormen.ttl", WERKVORMEN.read_bytes(), "text/turtle")}, follow_redirects=False)
    assert response.status_code == 403
    assert "niet vanaf deze site verstuurd" in parse(response.text).find("p", class_="error-message").text
    assert Catalogue(registry.store).state("werkvormen") is None
    refused = client.post("/editor", data={"token": registry.other}, headers=headers, follow_redirects=False)
    assert refused.status_code == 403 and "set-cookie" not in refused.headers


def test_a_post_without_origin_but_with_a_referer_of_this_site_is_accepted(registry):
    client = registry.client
    response = client.post("/editor", data={"token": registry.editor}, headers={"Referer": f"{SITE}/editor"}, follow_redirects=False)
    assert response.status_code == 303


# --- the whole flow ---------------------------------------------------------------------------

def test_register_preview_publish_change_preview_publish_again(registry):
    client, editor = registry.client, registry.editor
    concepts = werkvormen_concepts()
    sign_in(client, editor)
    home = page(client, "/editor/vocabularies")
    assert "Nog geen waardenlijsten" in home.by_id("main").text and not home.find_all("table")
    assert home.find("a", href="/api/spreadsheet-template?format=xlsx")

    response = register(client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    assert response.headers["location"] == "/editor/vocabularies/werkvormen?done=registered"
    document = page(client, response.headers["location"])
    assert document.find("p", role="status").get("data-done") == "registered"
    counts = document.find("p", data_draft_counts=True)
    assert counts.get("data-concepts") == str(len(concepts))
    assert counts.text.startswith(f"{len(concepts)} begrippen")
    assert document.find("p", data_first_release=True)
    assert document.find("dd", data_draft=True).text == "ja, uit werkvormen.ttl"
    quality = document.find("section", data_quality=True)
    assert quality.find("li", data_severity_count="Violation").text.endswith("0")
    assert client.get("/api/vocabularies/werkvormen").status_code == 404  # a draft is not public

    row = page(client, "/editor/vocabularies").find("tr", data_vocabulary="werkvormen")
    assert "nog niet gepubliceerd" in row.text and "werkvormen.ttl" in row.text

    response = publish(client, "werkvormen", "1.0", "Eerste publicatie")
    assert response.headers["location"] == "/editor/vocabularies/werkvormen?done=published&version=1.0"
    document = page(client, response.headers["location"])
    assert document.find("p", role="status").text == "Release 1.0 is gepubliceerd."
    assert [li.get("data-version") for li in document.find("dd", data_releases=True).find_all("li")] == ["1.0"]
    assert document.find("dd", data_draft=True).text == "geen"
    assert client.get("/api/vocabularies/werkvormen").json()["concepts"] == len(concepts)

    post(client, "/editor/vocabularies/werkvormen/draft/start")
    bearer = {"Authorization": f"Bearer {editor}"}
    changed = concepts[:3]
    for n, uri in enumerate(changed):
        edit = client.patch("/api/vocabularies/werkvormen/draft/concepts", params={"uri": uri}, headers=bearer,
                            json={"definitions": {"nl": f"Herziene definitie {n}.", "en": f"Revised definition {n}."}})
        assert edit.status_code == 200, edit.text
    old, replacement = concepts[-1], concepts[-2]
    deprecation = client.post("/api/vocabularies/werkvormen/draft/concepts/deprecate", params={"uri": old},
                              json={"replaced_by": [replacement]}, headers=bearer)
    assert deprecation.status_code == 200, deprecation.text

    document = page(client, "/editor/vocabularies/werkvormen")
    preview = document.find("section", data_preview=True)
    count = {li.get("data-change-count"): int(li.find("strong").text) for li in preview.find_all("li", data_change_count=True)}
    api = client.get("/api/vocabularies/werkvormen/draft", headers=bearer).json()["changes"]  # the same diff as the API's
    assert count == {kind: api["summary"][kind] for kind in ("added", "removed", "changed", "deprecated")}
    assert count["deprecated"] == 1 and count["added"] == count["removed"] == 0
    changed_items = {li.get("data-uri"): li for li in preview.find("ul", data_changes="changed").find_all("li", data_uri=True)}
    assert set(changed_items) == set(api["changed"]) >= {*changed, old}  # and the parent that lost a narrower concept
    definition = changed_items[changed[0]]
    assert definition.find("code", title="http://www.w3.org/2004/02/skos/core#definition").text == "skos:definition"
    added = {ins.text: ins.get("lang") for ins in definition.find_all("ins")}
    assert added == {"Herziene definitie 0.": None, "Revised definition 0.": "en"}  # the page is Dutch
    assert definition.find_all("del")  # the old definition, shown as removed
    deprecated = preview.find("ul", data_changes="deprecated").find("li", data_uri=old)
    assert "vervangen door" in deprecated.text
    link = deprecated.find("span", class_="replacements").find("a")
    assert link.get("href") == "/concepts?" + urlencode({"uri": replacement})  # released: it has a public page

    publish(client, "werkvormen", "1.1", "Drie definities herzien, één begrip vervallen")
    document = page(client, "/editor/vocabularies/werkvormen")
    assert [li.get("data-version") for li in document.find("dd", data_releases=True).find_all("li")] == ["1.1", "1.0"]
    assert "Drie definities herzien" in document.find("dd", data_releases=True).text
    public = page(client, "/vocabularies/werkvormen")
    assert public.find("h1").text == "Werkvormen"
    assert public.find("dd", data_release=True).get("data-release") == "1.1"
    diff = client.get("/api/vocabularies/werkvormen/diff", params={"from": "1.0", "to": "1.1"}).json()
    assert diff["deprecated"] == [old]


def test_another_organisations_editor_gets_403_pages(registry):
    client = registry.client
    sign_in(client, registry.editor)
    register(client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    sign_in(client, registry.other)
    assert page(client, "/editor/vocabularies").find_all("tr", data_vocabulary="werkvormen") == []
    for url in ("/editor/vocabularies/werkvormen", "/editor/vocabularies/werkvormen/quality",
                "/editor/vocabularies/werkvormen/draft/export?format=turtle"):
        document = page(client, url, 403)
        assert document.find("h1").text == "Geen toegang"
        assert "'slo' may not change a vocabulary owned by 'kennisnet'" in document.find("p", class_="error-message").text
    publish(client, "werkvormen", "1.0", "Overgenomen", status=403)
    upload(client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes(), status=403)
    assert Catalogue(registry.store).vocabularies() == []
    sign_in(client, registry.admin)  # administrators may edit every vocabulary
    assert page(client, "/editor/vocabularies").find("tr", data_vocabulary="werkvormen")
    page(client, "/editor/vocabularies/werkvormen")


# --- bad input --------------------------------------------------------------------------------

def test_a_malformed_upload_shows_the_line_of_the_file(registry):
    client = registry.client
    sign_in(client, registry.editor)
    lines = WERKVORMEN.read_text(encoding="utf-8").splitlines()
    lines[11] = "this is ; not turtle ."
    broken = "\n".join(lines).encode()
    document = parse(register(client, "werkvormen", "werkvormen.ttl", broken, status=400).text)
    message = assert_field_error(document, "register-file")
    assert message.startswith("regel 12, kolom ") and " van werkvormen.ttl: " in message
    assert document.by_id("register-id").get("value") == "werkvormen"  # what was typed stays
    assert Catalogue(registry.store).state("werkvormen") is None

    english = parse(post(client, "/editor/vocabularies?lang=en", 400, data={"id": "werkvormen"},
                         files={"file": ("werkvormen.ttl", broken, "text/turtle")}).text)
    assert english.find("html").get("lang") == "en"
    assert error_summary(english).find("span", data_where=True).text.startswith("line 12, column ")


def test_an_upload_over_the_cap_is_a_413_page(test_settings):
    small = test_settings.model_copy(update={"upload_max_bytes": 1000})
    for registry in _registry(small):
        sign_in(registry.client, registry.editor)
        document = parse(register(registry.client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes(), status=413).text)
        assert "groter dan de limiet van 1 kB" in assert_field_error(document, "register-file")
        assert Catalogue(registry.store).state("werkvormen") is None
        document = parse(register(registry.client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes()[:1500], status=413).text)
        assert document.by_id("register-file").get("aria-invalid") == "true"


@pytest.mark.parametrize(
    ("name", "data", "status", "field", "text"),
    [
        ("list.pdf", b"%PDF-1.4", 415, "register-file", "list.pdf"),
        ("leeg.ttl", b"", 400, "register-file", "leeg.ttl is leeg"),
        ("werkvormen.ttl", b"<a> a <http://www.w3.org/2004/02/skos/core#ConceptScheme> .", 400, "register-file", "werkvormen.ttl"),
    ],
    ids=["unknown-type", "empty", "relative-iri"],
)
def test_bad_files_are_explained_at_the_file_field(registry, name, data, status, field, text):
    sign_in(registry.client, registry.editor)
    document = parse(register(registry.client, "werkvormen", name, data, status=status, media_type="application/octet-stream").text)
    assert text in assert_field_error(document, field)


def test_bad_ids_and_base_iris_are_explained_at_their_fields(registry):
    client = registry.client
    sign_in(client, registry.editor)
    body = WERKVORMEN.read_bytes()
    assert "Vul een id in" in assert_field_error(parse(register(client, "", "werkvormen.ttl", body, status=400).text), "register-id")
    assert "geen geldig id" in assert_field_error(parse(register(client, "Werk Vormen", "werkvormen.ttl", body, status=400).text), "register-id")
    bad_base = parse(register(client, "werkvormen", "werkvormen.ttl", body, status=400, base="not an iri").text)
    assert "not an iri" in assert_field_error(bad_base, "register-base")
    missing = parse(post(client, "/editor/vocabularies", 400, data={"id": "werkvormen"}, files={"file": ("", b"", "application/octet-stream")}).text)
    assert assert_field_error(missing, "register-file").endswith("Kies een bestand.")
    register(client, "werkvormen", "werkvormen.ttl", body)
    again = parse(register(client, "werkvormen", "werkvormen.ttl", body, status=409).text)
    assert "al een waardenlijst met het id werkvormen" in assert_field_error(again, "register-id")


def test_publishing_needs_a_version_and_a_change_note_and_a_new_version(registry):
    client = registry.client
    sign_in(client, registry.editor)
    register(client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    document = parse(publish(client, "werkvormen", "", "Notitie", status=400).text)
    assert "Vul een versie in" in assert_field_error(document, "publish-version")
    assert document.by_id("publish-note").text == "Notitie"
    document = parse(publish(client, "werkvormen", "1.0", "", status=400).text)
    assert "wijzigingsnotitie" in assert_field_error(document, "publish-note")
    assert document.by_id("publish-version").get("value") == "1.0"
    document = parse(publish(client, "werkvormen", "<1.0>", "Notitie", status=400).text)
    assert "not a valid version" in assert_field_error(document, "publish-version")
    publish(client, "werkvormen", "1.0", "Eerste")
    post(client, "/editor/vocabularies/werkvormen/draft/start")
    document = parse(publish(client, "werkvormen", "1.0", "Nog eens", status=409).text)
    assert "releases are immutable" in assert_field_error(document, "publish-version")


def test_violations_block_publishing_with_a_422_page_showing_the_report(registry):
    client = registry.client
    sign_in(client, registry.editor)
    text = WERKVORMEN.read_text(encoding="utf-8")
    assert '"Begeleidingsgesprek"@nl' in text
    twice = text.replace('"Begeleidingsgesprek"@nl', '"Begeleidingsgesprek"@nl, "Gesprek"@nl').encode()
    register(client, "werkvormen", "werkvormen.ttl", twice)
    document = page(client, "/editor/vocabularies/werkvormen")
    assert document.find("p", data_blocks=True)
    response = publish(client, "werkvormen", "1.0", "Eerste publicatie", status=422)
    document = parse(response.text)
    summary = error_summary(document)
    assert summary.find("a").get("href") == "#quality-heading"
    assert "Publiceren is geweigerd: de conceptversie overtreedt kwaliteitsregels (1 overtredingen)" in summary.text
    rows = document.find("table", data_findings=True).find_all("tr", data_severity="Violation")
    assert [row.get("data-check") for row in rows] == ["preflabel-unique-lang"]
    assert "https://w3id.org/eduvoc/vocab/werkvormen/begeleidingsgesprek" in rows[0].text
    assert document.by_id("publish-version").get("value") == "1.0"  # what was typed stays
    assert Catalogue(registry.store).vocabularies() == []

    report = page(client, "/editor/vocabularies/werkvormen/quality?severity=Violation")
    row = report.find("tr", data_check="preflabel-unique-lang")
    cells = row.find_all("td")
    assert cells[0].text == "Overtreding" and cells[3].text == "skos:prefLabel"
    assert cells[5].get("lang") is None and cells[6].text  # the Dutch message and its fix hint
    assert page(client, "/editor/vocabularies/werkvormen/quality?severity=Bad", 400)


def test_a_spreadsheet_error_names_the_cell(registry):
    book = openpyxl.load_workbook(io.BytesIO(niveaus_workbook()))
    book["concepts"]["O3"] = "does-not-exist"
    output = io.BytesIO()
    book.save(output)
    sign_in(registry.client, registry.editor)
    document = parse(register(registry.client, "slo-niveaus", "niveaus.xlsx", output.getvalue(), status=400, media_type=XLSX).text)
    assert assert_field_error(document, "register-file").startswith("cel concepts!O3 van niveaus.xlsx: broader points to 'does-not-exist'")


# --- spreadsheets, the report, downloads ------------------------------------------------------

def test_register_from_xlsx_then_read_the_quality_report_in_both_languages(registry):
    client = registry.client
    sign_in(client, registry.editor)
    register(client, "slo-niveaus", "niveaus.xlsx", niveaus_workbook(), media_type="application/octet-stream")
    expected = len(set(Graph().parse(NIVEAUS).subjects(RDF.type, SKOS.Concept)))
    document = page(client, "/editor/vocabularies/slo-niveaus")
    assert document.find("p", data_draft_counts=True).get("data-concepts") == str(expected)
    assert document.find("dd", data_draft=True).text == "ja, uit niveaus.xlsx"
    quality = document.find("section", data_quality=True)
    info = int(quality.find("li", data_severity_count="Info").find("a").text)
    assert info > 0 and quality.find("p", data_quality_advice=True)
    assert len(quality.find("table", data_findings=True).find("tbody").find_all("tr")) == 10
    assert quality.find("a", data_full_report=True).get("href") == "/editor/vocabularies/slo-niveaus/quality"

    report = page(client, "/editor/vocabularies/slo-niveaus/quality?severity=Info")
    assert report.find("span", data_findings_count=True).get("data-findings-count") == str(info)
    row = report.find("tr", data_check="concept-documented")
    assert "geen definitie" in row.find_all("td")[5].text
    assert row.find_all("td")[6].text.startswith("Schrijf een korte definitie")
    english = page(client, "/editor/vocabularies/slo-niveaus/quality?severity=Info&lang=en")
    row = english.find("tr", data_check="concept-documented")
    assert row.find_all("td")[0].text == "Information" and "neither a definition" in row.find_all("td")[5].text
    assert english.find("select", id="severity").find("option", selected=True).get("value") == "Info"
    assert len(page(client, "/editor/vocabularies/slo-niveaus/quality?severity=Violation").find_all("tr", data_check=True)) == 0


def test_the_draft_downloads_with_the_session(registry):
    client = registry.client
    sign_in(client, registry.editor)
    register(client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    links = page(client, "/editor/vocabularies/werkvormen").find_all("a", data_format=True)
    assert [a.get("data-format") for a in links] == ["xlsx", "csv", "turtle"]
    downloads = {a.get("data-format"): client.get(a.get("href")) for a in links}
    assert all(r.status_code == 200 and "attachment" in r.headers["content-disposition"] for r in downloads.values())
    assert downloads["xlsx"].headers["content-type"] == XLSX
    graph = Graph().parse(data=downloads["turtle"].text, format="turtle")
    assert len(set(graph.subjects(RDF.type, SKOS.Concept))) == len(werkvormen_concepts())
    assert downloads["csv"].text.count("\n") > len(werkvormen_concepts())
    client.cookies.clear()
    assert client.get(links[0].get("href"), follow_redirects=False).status_code == 303  # no session: sign in


def test_big_change_lists_are_capped_with_a_link_to_every_change_and_escaped(registry):
    client = registry.client
    sign_in(client, registry.editor)
    register(client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    publish(client, "werkvormen", "1.0", "Eerste")
    text = WERKVORMEN.read_text(encoding="utf-8")
    hostile = re.sub(r'(skos:prefLabel "[^"]+"@en,\s+)"([^"]+)"@nl', r'\1"\2 <b>herzien</b>"@nl', text)
    assert hostile != text
    upload(client, "werkvormen", "werkvormen-herzien.ttl", hostile.encode())
    response = client.get("/editor/vocabularies/werkvormen")
    assert "<b>herzien</b>" not in response.text and "&lt;b&gt;herzien&lt;/b&gt;" in response.text
    preview = parse(response.text).find("section", data_preview=True)
    total = int(preview.find("li", data_change_count="changed").find("strong").text)
    assert total == len(werkvormen_concepts())
    assert len(preview.find("ul", data_changes="changed").find_all("li", data_uri=True)) == 20
    more = preview.find("a", href="/editor/vocabularies/werkvormen/changes?kind=changed")
    assert more.text == f"Alle {total} tonen"
    listing = page(client, more.get("href"))
    assert len(listing.find("ul", data_changes="changed").find_all("li", data_uri=True)) == total
    second = page(client, more.get("href") + "&offset=50")
    assert len(second.find("ul", data_changes="changed").find_all("li", data_uri=True)) == total - 50
    assert page(client, "/editor/vocabularies/werkvormen/changes?kind=other", 400)


def test_discard_the_draft_and_unknown_vocabularies(registry):
    client = registry.client
    sign_in(client, registry.editor)
    register(client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    post(client, "/editor/vocabularies/werkvormen/draft/discard")
    document = page(client, "/editor/vocabularies/werkvormen?done=discarded")
    assert document.find("p", role="status").get("data-done") == "discarded"
    assert not document.find_all("section", data_preview=True)
    document = parse(post(client, "/editor/vocabularies/werkvormen/draft/discard", 404).text)
    assert "has no draft" in error_summary(document).text
    assert page(client, "/editor/vocabularies/nope", 404).find("h1").text == "Niet gevonden"


def test_opening_a_form_address_leads_back_to_its_page_keeping_the_language(registry):
    sign_in(registry.client, registry.editor)
    response = registry.client.get("/editor/vocabularies/werkvormen/releases?lang=en", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/editor/vocabularies/werkvormen?lang=en"


# --- every editor page ------------------------------------------------------------------------

def editor_pages(registry: Registry) -> list[str]:
    client = registry.client
    sign_in(client, registry.editor)
    register(client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    publish(client, "werkvormen", "1.0", "Eerste")
    post(client, "/editor/vocabularies/werkvormen/draft/start")
    return ["/editor/vocabularies", "/editor/vocabularies/werkvormen", "/editor/vocabularies/werkvormen/quality",
            "/editor/vocabularies/werkvormen/changes?kind=changed", "/editor/vocabularies/werkvormen?lang=en"]


def check_editor_page(response, url: str) -> None:
    assert response.status_code == 200, url
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    document = parse(response.text)
    assert document.find("html").get("lang") == ("en" if "lang=en" in url else "nl")
    assert len(document.find_all("h1")) == 1, url
    assert all(nav.get("aria-label") for nav in document.find_all("nav")), url
    labelled = {label.get("for") for label in document.find_all("label")}
    for field in document.find_all("input") + document.find_all("select") + document.find_all("textarea"):
        if field.get("type") != "hidden":
            assert field.get("id") in labelled or field.get("aria-label"), (url, field.attrs)
    for element in document.iter():
        for reference in (element.get("aria-describedby") or "").split():
            assert document.find_all(id=reference), (url, reference)
    sources = [e.get("src") for e in document.find_all("script")] + [e.get("href") for e in document.find_all("link")]
    assert all(source.startswith("/static/") for source in sources)
    for form in document.find_all("form", method="post"):
        assert form.get("action").startswith("/editor"), url
        assert "lang=en" in form.get("action") if "lang=en" in url else "lang=" not in form.get("action")


def test_every_editor_page_has_one_h1_labelled_fields_local_assets_and_safe_headers(registry):
    for url in editor_pages(registry):
        check_editor_page(registry.client.get(url), url)
    registry.client.cookies.clear()
    check_editor_page(registry.client.get("/editor"), "/editor")
    check_editor_page(registry.client.get("/editor?lang=en"), "/editor?lang=en")


def test_english_pages_keep_english_through_a_post_and_its_redirect(registry):
    client = registry.client
    sign_in(client, registry.editor)
    response = post(client, "/editor/vocabularies?lang=en", data={"id": "werkvormen"}, files={"file": ("werkvormen.ttl", WERKVORMEN.read_bytes(), "text/turtle")})
    assert response.headers["location"] == "/editor/vocabularies/werkvormen?done=registered&lang=en"
    document = page(client, response.headers["location"])
    assert document.find("h2", id="preview-heading").text == "Preview: what publishing would change"
    assert document.find("p", role="status").text.startswith("The vocabulary is registered")


def test_the_editor_strings_exist_in_both_languages():
    assert all(set(texts) == {"nl", "en"} for key, texts in STRINGS.items() if key.startswith("ed_"))
