"""Only http(s) IRIs become links (api/links.py), and every response carries the security headers
(api/security_headers.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.links import external_link, is_web_iri
from api.security_headers import CONTENT_SECURITY_POLICY
from registry.bundle import load_files
from registry.catalogue import Catalogue
from registry.oxigraph_store import OxigraphStore
from tests.pages.dom import parse
from tests.pages.link_safety import CONCEPT, LICENCE_IRI, SCRIPT_IRI, write_hostile_werkvormen


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, test_settings):
    store = OxigraphStore()
    load_files(store, Catalogue(store), [("werkvormen", write_hostile_werkvormen(tmp_path_factory.mktemp("links")))])
    with TestClient(create_app(test_settings, store=store)) as client:
        yield client


@pytest.mark.parametrize("iri", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "data:text/html,x",
                                 "vbscript:x", "urn:isbn:1", "http:/no-host", "https://ok.example/\nx", None, 3])
def test_only_http_iris_with_a_host_are_web_iris(iri):
    assert not is_web_iri(iri)
    assert "<a" not in external_link(iri)


def test_web_iris_become_escaped_links():
    link = external_link('https://example.org/a?b=1&c="2"', rel="license external")
    assert link == '<a href="https://example.org/a?b=1&amp;c=&#34;2&#34;" rel="license external">https://example.org/a?b=1&amp;c=&#34;2&#34;</a>'


def hrefs(html: str) -> list[str]:
    return [a.get("href", "") or "" for a in parse(html).find_all("a")]


def test_a_javascript_licence_is_shown_as_text_not_as_a_link(hostile):
    page = hostile.get("/vocabularies/werkvormen")
    assert page.status_code == 200
    assert LICENCE_IRI in page.text
    assert not [h for h in hrefs(page.text) if h.lower().startswith("javascript")]


def test_a_javascript_mapping_target_is_shown_as_text_not_as_a_link(hostile):
    page = hostile.get("/concepts", params={"uri": CONCEPT})
    assert page.status_code == 200
    assert SCRIPT_IRI in page.text
    assert not [h for h in hrefs(page.text) if h.lower().startswith("javascript")]
    assert any(h.startswith("http://adlnet.gov/") or h.startswith("http://id.tincanapi.com/") for h in hrefs(page.text))  # real ones still are


@pytest.mark.parametrize("path", ["/", "/vocabularies/werkvormen", "/api/vocabularies", "/static/style.css", "/api/nope", "/sparql"])
def test_every_response_carries_the_security_headers(hostile, path):
    response = hostile.get(path)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_the_reconciliation_preview_may_be_framed_by_openrefine(hostile):
    response = hostile.get("/reconcile/preview", params={"id": CONCEPT})
    assert response.status_code == 200
    assert "frame-ancestors *" in response.headers["content-security-policy"]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "x-frame-options" not in response.headers
