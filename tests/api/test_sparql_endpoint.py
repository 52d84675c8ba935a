"""`/sparql`: the SPARQL 1.1 Protocol, its formats, and what it refuses."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from rdflib import RDF, SKOS, Graph

COUNT_CONCEPTS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a skos:Concept ; skos:inScheme <https://w3id.org/eduvoc/vocab/xapi-verbs> }"""


def test_a_select_count_agrees_with_the_vocabulary_listing(client):
    listed = client.get("/api/vocabularies/xapi-verbs").json()["concepts"]
    body = client.get("/sparql", params={"query": COUNT_CONCEPTS}).json()
    assert int(body["results"]["bindings"][0]["n"]["value"]) == listed


def test_the_default_graph_is_the_union_of_all_current_versions(client):
    total = sum(v["concepts"] for v in client.get("/api/vocabularies").json()["data"])
    query = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <http://www.w3.org/2004/02/skos/core#Concept> }"
    body = client.get("/sparql", params={"query": query}).json()
    # concepts shared by two vocabularies are counted once by SPARQL, twice by the listing
    assert 0 < int(body["results"]["bindings"][0]["n"]["value"]) <= total


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_select_results_in_every_format(client, accept, media_type):
    response = client.get("/sparql", params={"query": COUNT_CONCEPTS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert "Accept" in response.headers["vary"]
    if media_type.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert ET.fromstring(response.content).find(".//r:binding[@name='n']/r:literal", ns).text.isdigit()
    elif media_type == "text/csv":
        assert list(csv.reader(io.StringIO(response.text)))[0] == ["n"]
    elif media_type.startswith("text/tab"):
        assert response.text.splitlines()[0] == "?n"


def test_post_form_and_post_query_body(client):
    form = client.post("/sparql", data={"query": COUNT_CONCEPTS})
    body = client.post("/sparql", content=COUNT_CONCEPTS, headers={"Content-Type": "application/sparql-query"})
    assert form.status_code == body.status_code == 200
    assert form.json() == body.json()


def test_construct_returns_turtle(client):
    query = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c skos:inScheme <https://w3id.org/eduvoc/vocab/xapi-verbs> ; skos:prefLabel ?l }"""
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=response.text, format="turtle")) > 10


def test_ask(client):
    response = client.get("/sparql", params={"query": "ASK { ?s a <http://www.w3.org/2004/02/skos/core#Concept> }"})
    assert response.json()["boolean"] is True


def test_a_malformed_query_is_a_400_with_the_parser_message(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert "malformed SPARQL query" in response.json()["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_updates_and_service_are_refused(client, query):
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert response.json()["type"].endswith("query-refused")


def test_an_update_form_field_is_refused(client):
    response = client.post("/sparql", data={"update": "DROP ALL"})
    assert response.status_code == 400


def test_keywords_inside_strings_do_not_trip_the_checks(client):
    query = 'SELECT ?x WHERE { BIND("SERVICE INSERT" AS ?x) }'
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200


def test_an_unacceptable_accept_header_is_a_406(client):
    response = client.get("/sparql", params={"query": COUNT_CONCEPTS}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_the_result_cap_truncates_and_says_so(client, test_settings):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    response = client.get("/sparql", params={"query": query})
    assert len(response.json()["results"]["bindings"]) == test_settings.sparql_result_cap
    assert "truncated" in response.headers["x-result-cap"]


def test_named_graphs_can_be_chosen(client):
    graph = client.get("/api/vocabularies/xapi-verbs").json()["graph"]
    response = client.get("/sparql", params={"query": COUNT_CONCEPTS.replace("xapi-verbs", "xapi-activity-types"), "default-graph-uri": graph})
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "0"


def test_the_query_page_is_html_with_examples(client):
    response = client.get("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "<textarea" in response.text


def test_vocabulary_counts_from_sparql_match_the_files(client, bundled_vocabulary):
    query = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?scheme (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a skos:Concept ; skos:inScheme ?scheme } GROUP BY ?scheme"""
    counts = {b["scheme"]["value"]: int(b["n"]["value"]) for b in client.get("/sparql", params={"query": query}).json()["results"]["bindings"]}
    for vocabulary in client.get("/api/vocabularies").json()["data"]:
        graph = bundled_vocabulary(vocabulary["id"])
        in_file = {c for c in graph.subjects(RDF.type, SKOS.Concept)}
        assert counts.get(vocabulary["uri"], 0) >= len(in_file), vocabulary["id"]


def test_graph_patterns_see_only_public_graphs(client, bundled_registry):
    store, catalogue = bundled_registry
    from pyoxigraph import Literal, NamedNode, Quad

    private = NamedNode("https://w3id.org/eduvoc/graph/private-test")
    store.add_quads([Quad(NamedNode("urn:secret"), NamedNode("urn:p"), Literal("hash"), private)])
    try:
        body = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).json()
        graphs = {b["g"]["value"] for b in body["results"]["bindings"]}
        assert private.value not in graphs
        assert graphs == {g.value for g in catalogue.public_graphs() if store.count(g)}  # an empty graph (no mappings yet) has no ?g
        # a private graph named by the protocol is simply empty, as an unknown graph is (issue #14.3)
        empty = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": private.value})
        assert empty.status_code == 200 and empty.json()["boolean"] is False
        empty = client.get("/sparql", params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": private.value})
        assert empty.status_code == 200 and empty.json()["boolean"] is False
    finally:
        store.drop_graph(private)


# --- results written by pyoxigraph when the query's own LIMIT keeps them under the cap (issue #3) --

LIMITED = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?c ?label WHERE { ?c skos:inScheme <https://w3id.org/eduvoc/vocab/xapi-verbs> ; skos:prefLabel ?label } ORDER BY ?c LIMIT 7"""


def test_a_limited_select_gives_the_same_rows_in_every_format(client):
    body = client.get("/sparql", params={"query": LIMITED}).json()
    assert body["head"]["vars"] == ["c", "label"]
    rows = [(b["c"]["value"], b["label"]["value"]) for b in body["results"]["bindings"]]
    assert len(rows) == 7 and rows == sorted(rows)
    assert all(b["c"]["type"] == "uri" and b["label"]["type"] == "literal" for b in body["results"]["bindings"])
    assert all("xml:lang" in b["label"] for b in body["results"]["bindings"])  # language tags kept
    csv_rows = list(csv.reader(io.StringIO(client.get("/sparql", params={"query": LIMITED, "format": "csv"}).text)))
    assert csv_rows[0] == ["c", "label"] and [tuple(r) for r in csv_rows[1:]] == rows
    tsv = client.get("/sparql", params={"query": LIMITED, "format": "tsv"}).text.splitlines()
    assert tsv[0] == "?c\t?label" and len(tsv) == 8 and tsv[1].startswith(f"<{rows[0][0]}>")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    xml = ET.fromstring(client.get("/sparql", params={"query": LIMITED, "format": "xml"}).content)
    assert [u.text for u in xml.findall(".//r:binding[@name='c']/r:uri", ns)] == [c for c, _ in rows]


def test_a_limit_above_the_cap_still_truncates(client, test_settings):
    query = f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT {test_settings.sparql_result_cap + 5}"
    response = client.get("/sparql", params={"query": query})
    assert len(response.json()["results"]["bindings"]) == test_settings.sparql_result_cap
    assert "truncated" in response.headers["x-result-cap"]


def test_a_limit_inside_a_subquery_does_not_lift_the_cap(client, test_settings):
    query = "SELECT ?s ?p ?o WHERE { { SELECT ?x WHERE { ?x ?y ?z } LIMIT 1 } ?s ?p ?o } # LIMIT 3"
    response = client.get("/sparql", params={"query": query})
    assert len(response.json()["results"]["bindings"]) == test_settings.sparql_result_cap
    assert "truncated" in response.headers["x-result-cap"]


def test_a_limited_query_without_graph_patterns_sees_only_current_versions(client, bundled_registry):
    store, _ = bundled_registry
    from pyoxigraph import Literal, NamedNode, Quad

    private = NamedNode("https://w3id.org/eduvoc/graph/private-limit-test")
    store.add_quads([Quad(NamedNode("urn:secret-limit"), NamedNode("urn:p"), Literal("hash"), private)])
    try:
        for query in ("SELECT ?o WHERE { <urn:secret-limit> ?p ?o } LIMIT 5", "SELECT ?o WHERE { <urn:secret-limit> ?p ?o }",
                      "SELECT ?o FROM <https://w3id.org/eduvoc/graph/private-limit-test> WHERE { ?s ?p ?o } LIMIT 5",
                      "SELECT ?o FROM NAMED <https://w3id.org/eduvoc/graph/private-limit-test> WHERE { GRAPH ?g { <urn:secret-limit> ?p ?o } } LIMIT 5"):
            bindings = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
            assert "hash" not in {b["o"]["value"] for b in bindings}, query
    finally:
        store.drop_graph(private)
