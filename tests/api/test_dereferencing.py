"""Content negotiation for IRIs: `?uri=` for any resource, base paths for eduvoc's own IRIs."""

from __future__ import annotations

import pytest
from rdflib import SKOS, Graph, URIRef

KERNDOEL = "https://opendata.slo.nl/curriculum/uuid/d357271b-3cfd-40c4-881d-084b71ca05c8"
RESULT_STATE = "https://w3id.org/eduvoc/vocab/ooapi-result-state/completed"

PARSERS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}


@pytest.mark.parametrize("media_type", list(PARSERS))
def test_an_external_concept_in_every_rdf_format_by_accept(client, media_type):
    response = client.get("/resource", params={"uri": KERNDOEL}, headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert "Accept" in response.headers["vary"]
    graph = Graph().parse(data=response.content, format=PARSERS[media_type])
    assert (URIRef(KERNDOEL), SKOS.notation, None) in graph


@pytest.mark.parametrize(("name", "media_type"), [("turtle", "text/turtle"), ("jsonld", "application/ld+json"), ("rdfxml", "application/rdf+xml"), ("ntriples", "application/n-triples")])
def test_format_parameter_overrides_accept(client, name, media_type):
    response = client.get("/resource", params={"uri": KERNDOEL, "format": name}, headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith(media_type)


def test_a_local_iri_dereferences_at_its_own_path(client, bundled_vocabulary):
    response = client.get("/vocab/ooapi-result-state/completed", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    expected = bundled_vocabulary("ooapi-result-state")
    assert set(graph.objects(URIRef(RESULT_STATE), SKOS.prefLabel)) == set(expected.objects(URIRef(RESULT_STATE), SKOS.prefLabel))


def test_browsers_are_sent_to_the_concept_page(client):
    response = client.get("/vocab/ooapi-result-state/completed", headers={"Accept": "text/html,*/*;q=0.8"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/concepts?uri=https%3A%2F%2Fw3id.org")


def test_a_scheme_sends_browsers_to_the_vocabulary_page(client):
    response = client.get("/vocab/ooapi-result-state", headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/vocabularies/ooapi-result-state"


def test_revalidation_with_etag_gives_304(client):
    first = client.get("/resource", params={"uri": KERNDOEL}, headers={"Accept": "text/turtle"})
    etag = first.headers["etag"]
    again = client.get("/resource", params={"uri": KERNDOEL}, headers={"Accept": "text/turtle", "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other_format = client.get("/resource", params={"uri": KERNDOEL}, headers={"Accept": "application/n-triples", "If-None-Match": etag})
    assert other_format.status_code == 200


def test_revalidation_with_last_modified_gives_304(client):
    first = client.get("/resource", params={"uri": KERNDOEL}, headers={"Accept": "text/turtle"})
    again = client.get("/resource", params={"uri": KERNDOEL}, headers={"Accept": "text/turtle", "If-Modified-Since": first.headers["last-modified"]})
    assert again.status_code == 304


def test_cors_allows_get_from_anywhere(client):
    response = client.get("/resource", params={"uri": KERNDOEL}, headers={"Accept": "text/turtle", "Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200


def test_an_unservable_accept_is_406(client):
    response = client.get("/resource", params={"uri": KERNDOEL}, headers={"Accept": "application/pdf"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"


def test_an_unknown_format_parameter_is_406(client):
    assert client.get("/resource", params={"uri": KERNDOEL, "format": "docx"}).status_code == 406


def test_an_unknown_iri_is_404_and_a_malformed_one_400(client):
    assert client.get("/resource", params={"uri": "https://example.org/nothing"}, headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/vocab/no-such/thing", headers={"Accept": "text/turtle"}).status_code == 404
    malformed = client.get("/resource", params={"uri": "no iri"}, headers={"Accept": "text/turtle"})
    assert malformed.status_code == 400
    assert malformed.json()["location"] == "uri"


def test_head_answers_without_a_body(client):
    response = client.head("/resource", params={"uri": KERNDOEL}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.content == b""
