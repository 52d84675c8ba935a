"""Walking vocabularies over the API, checked against the real bundled files."""

from __future__ import annotations

from rdflib import RDF, SKOS, URIRef

from registry.collation import sort_key

KERNDOEL_REPLACEMENT = "https://opendata.slo.nl/curriculum/uuid/cc7113ed-5284-4a62-85a2-e312de34eac9"


def test_top_concepts_are_those_of_the_file(client, bundled_vocabulary):
    graph = bundled_vocabulary("esco-skills")
    scheme = next(graph.subjects(RDF.type, SKOS.ConceptScheme))
    body = client.get("/api/vocabularies/esco-skills/top-concepts", params={"lang": "en"}).json()
    assert {c["uri"] for c in body["data"]} == {str(c) for c in graph.objects(scheme, SKOS.hasTopConcept)}
    assert body["count"] == len(body["data"])
    assert all(c["has_children"] for c in body["data"])


def test_concepts_are_paged_in_dutch_label_order_and_count_all(client, bundled_vocabulary):
    total = len(set(bundled_vocabulary("slo-doelen").subjects(RDF.type, SKOS.Concept)))
    first = client.get("/api/vocabularies/slo-doelen/concepts", params={"limit": 50}).json()
    second = client.get("/api/vocabularies/slo-doelen/concepts", params={"limit": 50, "offset": 50}).json()
    assert first["count"] == second["count"] == total
    assert len(first["data"]) == len(second["data"]) == 50
    assert not {c["uri"] for c in first["data"]} & {c["uri"] for c in second["data"]}
    keys = [sort_key(c["label"]) for c in first["data"] + second["data"]]
    assert keys == sorted(keys)  # Dutch order: accents and punctuation ignored, numbers as numbers


def test_an_oversize_page_is_capped(client):
    body = client.get("/api/vocabularies/slo-doelen/concepts", params={"limit": 100000}).json()
    assert body["limit"] == 1000
    assert len(body["data"]) == 1000


def test_bad_paging_is_a_422_naming_the_parameter(client):
    response = client.get("/api/vocabularies/slo-doelen/concepts", params={"offset": -1})
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "offset"


def test_children_are_the_narrower_concepts_of_the_file(client, bundled_vocabulary):
    graph = bundled_vocabulary("esco-skills")
    parent = next(s for s in graph.subjects(SKOS.narrower, None) if len(set(graph.objects(s, SKOS.narrower))) > 3)
    body = client.get("/api/concepts/children", params={"uri": str(parent)}).json()
    assert {c["uri"] for c in body["data"]} == {str(c) for c in graph.objects(parent, SKOS.narrower)}


def test_descendants_are_transitive(client, bundled_vocabulary):
    graph = bundled_vocabulary("esco-skills")
    top = next(graph.subjects(SKOS.topConceptOf, None))
    expected = set(graph.transitive_subjects(SKOS.broader, top)) - {top}
    body = client.get("/api/concepts/descendants", params={"uri": str(top), "limit": 1000}).json()
    assert body["count"] == len(expected)


def test_ancestors_give_every_path_to_the_top(client, bundled_vocabulary):
    graph = bundled_vocabulary("slo-kerndoelen")
    body = client.get("/api/concepts/ancestors", params={"uri": KERNDOEL_REPLACEMENT}).json()
    assert body["paths"]
    for path in body["paths"]:
        assert (URIRef(path[0]), SKOS.topConceptOf, None) in graph
        assert (URIRef(KERNDOEL_REPLACEMENT), SKOS.broader, URIRef(path[-1])) in graph
        for upper, lower in zip(path, path[1:]):
            assert (URIRef(lower), SKOS.broader, URIRef(upper)) in graph
    assert set(body["labels"]) >= {uri for path in body["paths"] for uri in path}


def test_collections_and_their_members(client, bundled_vocabulary):
    graph = bundled_vocabulary("esco-skills")
    body = client.get("/api/vocabularies/esco-skills/collections").json()
    by_uri = {c["uri"]: c for c in body["data"]}
    for collection in graph.subjects(RDF.type, SKOS.Collection):
        assert by_uri[str(collection)]["members"] == len(set(graph.objects(collection, SKOS.member)))
    digcomp = next(uri for uri in by_uri if uri.endswith("digcomp"))
    members = client.get("/api/collections/members", params={"uri": digcomp}).json()
    assert members["count"] == by_uri[digcomp]["members"]


def test_changes_since_lists_freshly_loaded_vocabularies(client):
    everything = client.get("/api/changes", params={"since": "2000-01-01"}).json()
    assert len(everything["vocabularies"]) == client.get("/api/vocabularies").json()["count"]
    future = client.get("/api/changes", params={"since": "2999-01-01T00:00:00Z"}).json()
    assert future["vocabularies"] == []
    assert client.get("/api/changes", params={"since": "yesterday"}).status_code == 422


def test_labels_come_in_the_asked_language_with_fallback(client, bundled_vocabulary):
    graph = bundled_vocabulary("eu-data-theme")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    english = {str(s): str(o) for s, o in graph.subject_objects(SKOS.prefLabel) if o.language == "en" and s in concepts}
    dutch = {str(s): str(o) for s, o in graph.subject_objects(SKOS.prefLabel) if o.language == "nl" and s in concepts}
    for language, expected in (("en", english), ("nl", dutch)):
        body = client.get("/api/vocabularies/eu-data-theme/top-concepts", params={"lang": language}).json()
        assert {c["uri"]: c["label"] for c in body["data"]} == expected
    esco = client.get("/api/vocabularies/esco-skills/top-concepts", params={"lang": "nl"}).json()
    assert {c["label_language"] for c in esco["data"]} == {"nl"}  # the skill groups have Dutch labels (ESCO v1.2)
    verbs = client.get("/api/vocabularies/xapi-verbs/top-concepts", params={"lang": "nl"}).json()
    assert {c["label_language"] for c in verbs["data"]} == {"en"}  # no Dutch in xAPI: English instead
