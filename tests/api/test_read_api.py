"""The first read path: vocabularies with counts, a concept by IRI, problems for bad input."""

from __future__ import annotations

from rdflib import OWL, RDF, SKOS

from tests.conftest import VOCABULARIES_DIR

PROBLEM = "application/problem+json"


def test_every_bundled_vocabulary_is_listed_with_the_concept_count_of_its_file(client, bundled_vocabulary):
    listed = {v["id"]: v for v in client.get("/api/vocabularies").json()["data"]}
    bundled = sorted(p.stem for p in VOCABULARIES_DIR.glob("*.ttl"))
    assert sorted(listed) == bundled
    for slug in bundled:
        graph = bundled_vocabulary(slug)
        assert listed[slug]["concepts"] == len(set(graph.subjects(RDF.type, SKOS.Concept))), slug
        assert listed[slug]["triples"] == len(graph), slug


def test_a_vocabulary_has_its_metadata(client):
    body = client.get("/api/vocabularies/xapi-verbs").json()
    assert body["id"] == "xapi-verbs"
    assert body["uri"] == "https://w3id.org/eduvoc/vocab/xapi-verbs"
    assert body["publisher_name"]
    assert body["license"].startswith("http")
    assert "en" in body["languages"]
    [release] = body["versions"]
    assert release["current"] is True
    assert release["uri"].startswith("https://w3id.org/eduvoc/release/xapi-verbs/")
    assert body["owner"] == "adl"


def test_an_unknown_vocabulary_is_a_404_problem(client):
    response = client.get("/api/vocabularies/no-such-list")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert "no-such-list" in response.json()["detail"]


def test_a_concept_is_served_with_labels_links_and_vocabulary(client, bundled_vocabulary):
    graph = bundled_vocabulary("xapi-verbs")
    iri = "http://adlnet.gov/expapi/verbs/completed"
    body = client.get("/api/concepts", params={"uri": iri}).json()
    from rdflib import URIRef

    assert body["pref_labels"]["en"] == str(graph.value(URIRef(iri), SKOS.prefLabel))
    assert body["vocabularies"] == ["xapi-verbs"]
    assert {n["uri"] for n in body["narrower"]} == {str(o) for o in graph.objects(URIRef(iri), SKOS.narrower)}


def test_a_deprecated_concept_names_its_replacement(client, bundled_vocabulary):
    graph = bundled_vocabulary("eu-file-type")
    deprecated = next(graph.subjects(OWL.deprecated, None))
    body = client.get("/api/concepts", params={"uri": str(deprecated)}).json()
    assert body["deprecated"] is True


def test_an_unknown_concept_is_a_404_problem(client):
    response = client.get("/api/concepts", params={"uri": "https://example.org/not-a-concept"})
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


def test_a_malformed_iri_is_a_400_problem_naming_the_parameter(client):
    response = client.get("/api/concepts", params={"uri": "not an iri"})
    assert response.status_code == 400
    assert response.json()["location"] == "uri"


def test_a_missing_parameter_is_a_422_problem_naming_it(client):
    response = client.get("/api/concepts")
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["invalid_params"][0]["name"] == "uri"


def test_an_unknown_path_is_a_404_problem(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


def test_the_home_page_lists_the_vocabularies(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "xapi-verbs" in response.text
    assert response.headers["content-type"].startswith("text/html")
