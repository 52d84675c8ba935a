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


# --- the concept lookup's fast path (issue #3): JSON written without the model, same shape --------

CONCEPTS_OF_EVERY_KIND = [
    "http://adlnet.gov/expapi/verbs/completed",  # narrower
    "http://adlnet.gov/expapi/activities/course",  # exact match into another vocabulary
    "https://opendata.slo.nl/curriculum/uuid/02d2f065-3527-4001-99b6-52a9080f943f",  # deprecated, replaced
    "http://adlnet.gov/expapi/activities/assessment",  # definition, top concept
    "http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f",  # alt labels, broader
    "http://data.europa.eu/esco/skill/00d5d1d2-c521-4c58-9df5-2939c0ce9adb",  # scope note
    "http://data.europa.eu/esco/skill/021a23e1-907e-4627-b05a-555f889cbb65",  # hidden label
    "https://w3id.org/eduvoc/vocab/education-sector/so",  # related
    "http://data.europa.eu/esco/isced-f/00",  # notation
]


def test_the_concept_json_is_exactly_what_the_documented_model_gives(client, bundled_registry):
    from api.models import ConceptPublic
    from registry.concepts import get_concept, parse_iri

    store, catalogue = bundled_registry
    for iri in CONCEPTS_OF_EVERY_KIND:
        response = client.get("/api/concepts", params={"uri": iri})
        assert response.status_code == 200, iri
        assert response.headers["content-type"] == "application/json"
        expected = ConceptPublic.of(get_concept(store, catalogue, parse_iri(iri))).model_dump(mode="json")
        assert response.json() == expected, iri
        assert list(response.json()) == list(expected), iri  # same key order too
        ConceptPublic.model_validate_json(response.content)


def test_linked_concepts_carry_their_labels_even_from_another_vocabulary(client):
    body = client.get("/api/concepts", params={"uri": "http://adlnet.gov/expapi/activities/course"}).json()
    [match] = [m for m in body["mappings"]["exact_match"] if m["uri"] == "https://w3id.org/xapi/cmi5/activities/course"]
    assert match["labels"]


def test_the_openapi_document_still_describes_the_concept_model(client):
    operation = client.get("/openapi.json").json()["paths"]["/api/concepts"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/ConceptPublic")
    assert [p["name"] for p in operation["parameters"]] == ["uri"]


def test_a_concept_is_served_as_its_current_release_says_not_an_older_one(empty_registry, test_settings, tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from registry.formats import format_named
    from registry.loading import register_vocabulary

    store, catalogue = empty_registry
    verbs = VOCABULARIES_DIR / "xapi-verbs.ttl"
    changed = tmp_path / "xapi-verbs.ttl"
    extra = '<http://adlnet.gov/expapi/verbs/completed> <http://www.w3.org/2004/02/skos/core#altLabel> "afgerond"@nl .'
    changed.write_text(verbs.read_text(encoding="utf-8") + "\n" + extra + "\n", encoding="utf-8")
    for path in (changed, verbs):  # the release with the extra label stays, but is no longer current
        register_vocabulary(store, catalogue, path, format_named("turtle"), slug="xapi-verbs", source_name=path.name)
    with TestClient(create_app(test_settings, store=store)) as client:
        body = client.get("/api/concepts", params={"uri": "http://adlnet.gov/expapi/verbs/completed"}).json()
    assert "afgerond" not in body["alt_labels"].get("nl", [])
    assert body["vocabularies"] == ["xapi-verbs"]
    assert all(len(n["labels"]) >= 1 for n in body["narrower"])
