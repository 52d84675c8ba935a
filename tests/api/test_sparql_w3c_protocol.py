"""The W3C SPARQL 1.1 Protocol tests (/work/shared/data/w3c-sparql11-protocol-tests), read from
their manifest with rdflib and sent to `/sparql` as the manifest writes each HTTP request.

Outcome, 34 tests in the manifest (counted again by `test_the_manifest_is_read_whole`):

- 21 tests pass AS WRITTEN: 7 query tests (query_post_form, query_get, query_content_type_select,
  query_content_type_ask, query_content_type_describe, query_content_type_construct,
  query_post_direct) and the 14 bad_* tests, each expecting a 4xx (bad_query_method,
  bad_multiple_queries, bad_query_wrong_media_type, bad_query_missing_form_type,
  bad_query_missing_direct_type, bad_query_non_utf8, bad_query_syntax, bad_update_get,
  bad_multiple_updates, bad_update_wrong_media_type, bad_update_missing_form_type,
  bad_update_non_utf8, bad_update_syntax, bad_update_dataset_conflict).
- 6 query tests pass with ONE named adaptation, `load_graph_data`: they need the graphs of their
  `ut:graphData` (data1.nt … data3.nt under their http://kasei.us/… names) in the store, and an
  endpoint only serves public graphs, so the test registry loads them and declares them public
  (`ProtocolTestCatalogue`). Requests and expected answers are unchanged:
  query_dataset_default_graphs_get, query_dataset_default_graphs_post,
  query_dataset_named_graphs_post, query_dataset_named_graphs_get, query_dataset_full,
  query_multiple_dataset.
- 7 update tests pass AS REFUSALS (`refused_update`): the endpoint is read-only, so the update
  request must get a 4xx instead of the 2xx the manifest expects, and the ASK that follows must
  find that nothing was written (false instead of true): update_dataset_default_graph,
  update_dataset_default_graphs, update_dataset_named_graphs, update_dataset_full,
  update_post_form, update_post_direct, update_base_uri.

A request's `ht:absolutePath` starts with `/sparql/`; it is sent to `/sparql`, as the manifest
allows. Data the update tests would need is not loaded: a refused update must change nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, RdfFormat
from rdflib import RDF, Graph, Namespace
from rdflib.collection import Collection

from api.app import create_app
from registry.catalogue import Catalogue
from registry.oxigraph_store import OxigraphStore

SUITE = Path("/work/shared/data/w3c-sparql11-protocol-tests")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"

AS_WRITTEN, LOAD_GRAPH_DATA, REFUSED_UPDATE = "as written", "load_graph_data", "refused_update"


def _manifest() -> tuple[Graph, list]:
    graph = Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID=(SUITE / "manifest.ttl").as_uri())
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    return graph, list(Collection(graph, graph.value(manifest, MF.entries)))


GRAPH, ENTRIES = _manifest()


def _name(entry) -> str:
    return str(entry).rsplit("#", 1)[1]


def _requests(entry) -> list[dict]:
    connection = GRAPH.value(entry, MF.action)
    out = []
    for request in Collection(GRAPH, GRAPH.value(connection, HT.requests)):
        body = GRAPH.value(request, HT.body)
        headers_node = GRAPH.value(request, HT.headers)
        headers = {}
        if headers_node is not None:
            for header in Collection(GRAPH, headers_node):
                headers[str(GRAPH.value(header, HT.fieldName))] = str(GRAPH.value(header, HT.fieldValue))
        response = GRAPH.value(request, HT.resp)
        boolean = GRAPH.value(response, MF.expectedBoolean)
        out.append(
            {
                "method": str(GRAPH.value(request, HT.methodName)),
                "path": str(GRAPH.value(request, HT.absolutePath)),
                "body": str(GRAPH.value(body, CNT.chars)) if body is not None else None,
                "encoding": str(GRAPH.value(body, CNT.characterEncoding) or "UTF-8") if body is not None else None,
                "headers": headers,
                "statuses": {str(s).removeprefix(HTS) for s in GRAPH.objects(response, MF.expectedStatus)},
                "boolean": boolean.toPython() if boolean is not None else None,
                "format": str(GRAPH.value(response, MF.expectedFormat) or "") or None,
            }
        )
    return out


def _graph_data(entry) -> list[tuple[Path, str]]:
    return [(Path(urlsplit(str(GRAPH.value(d, UT.graph))).path), str(GRAPH.value(d, RDFS.label))) for d in GRAPH.objects(entry, UT.graphData)]


def _kind(entry) -> str:
    if _name(entry).startswith("update_"):
        return REFUSED_UPDATE
    if _graph_data(entry):
        return LOAD_GRAPH_DATA
    return AS_WRITTEN


# --- the test registry ---------------------------------------------------------------------------

DATA_GRAPHS = sorted({label for entry in ENTRIES for _, label in _graph_data(entry)})


class ProtocolTestCatalogue(Catalogue):
    """The adaptation `load_graph_data`: the suite's data graphs count as public graphs here."""

    def public_graphs(self) -> list[NamedNode]:
        return super().public_graphs() + [NamedNode(g) for g in DATA_GRAPHS]


@pytest.fixture(scope="module")
def protocol_client(test_settings):
    store = OxigraphStore()
    loaded = {}
    for entry in ENTRIES:
        for path, label in _graph_data(entry):
            loaded[label] = path
    for label, path in loaded.items():
        store.bulk_load(SUITE / path.name, _ntriples(), NamedNode(label), None)
    app = create_app(test_settings, store=store)
    with TestClient(app) as client:
        app.state.catalogue.__class__ = ProtocolTestCatalogue  # the one catalogue the app and its query runner share
        yield client


def _ntriples():
    from registry.formats import format_named

    fmt = format_named("ntriples")
    assert fmt.oxigraph == RdfFormat.N_TRIPLES
    return fmt


# --- running a manifest request ------------------------------------------------------------------


def _send(client: TestClient, request: dict):
    path = "/sparql" + request["path"].removeprefix("/sparql/")  # "" or "?…"
    content = request["body"].encode(request["encoding"]) if request["body"] is not None else None
    return client.request(request["method"], path, content=content, headers=request["headers"])


def _status_class(status: int) -> str:
    return f"{status // 100}xx"


def _check_answer(response, request: dict) -> None:
    assert _status_class(response.status_code) in request["statuses"], (response.status_code, response.text[:300])
    media_type = response.headers.get("content-type", "").split(";")[0]
    if request["format"] == "boolean":
        assert media_type in ("application/sparql-results+json", "application/sparql-results+xml")
    elif request["format"] == "tabular":
        assert media_type in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values")
    elif request["format"] == "RDF":
        assert media_type in ("application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json")
    if request["boolean"] is not None:
        assert json.loads(response.content)["boolean"] is request["boolean"]


@pytest.mark.parametrize("entry", ENTRIES, ids=_name)
def test_protocol(protocol_client, entry):
    requests = _requests(entry)
    kind = _kind(entry)
    if kind == REFUSED_UPDATE:
        update, *follow_ups = requests
        response = _send(protocol_client, update)
        assert _status_class(response.status_code) == "4xx", (response.status_code, response.text[:300])
        for request in follow_ups:  # the check the manifest makes afterwards: nothing was written
            answer = _send(protocol_client, request)
            assert answer.status_code == 200
            assert json.loads(answer.content)["boolean"] is (not request["boolean"])
        return
    for request in requests:
        _check_answer(_send(protocol_client, request), request)


def test_the_manifest_is_read_whole():
    """The counts quoted in this module's docstring."""
    kinds = [_kind(e) for e in ENTRIES]
    assert len(ENTRIES) == 34
    assert kinds.count(AS_WRITTEN) == 21
    assert kinds.count(LOAD_GRAPH_DATA) == 6
    assert kinds.count(REFUSED_UPDATE) == 7
    assert sum(_name(e).startswith("bad_") for e in ENTRIES) == 14


def test_the_service_description_by_accept(protocol_client):
    turtle = protocol_client.get("/sparql", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    description = Graph().parse(data=turtle.text, format="turtle")
    SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = next(description.subjects(RDF.type, SD.Service))
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
    assert {str(n) for n in description.objects(None, SD.name)} >= set(DATA_GRAPHS)
    jsonld = protocol_client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(description)
    assert protocol_client.get("/sparql").headers["content-type"].startswith("text/turtle")  # no Accept: Turtle
    page = protocol_client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("way", ["get", "form-url", "form-body", "direct"])
def test_graph_parameters_are_read_the_same_way_for_every_request_form(protocol_client, way):
    graph = DATA_GRAPHS[0]
    query = f"ASK {{ <{graph}> a ?type }}"
    params = {"default-graph-uri": graph}
    if way == "get":
        response = protocol_client.get("/sparql", params={"query": query, **params})
    elif way == "form-url":
        response = protocol_client.post("/sparql", params=params, data={"query": query})
    elif way == "form-body":
        response = protocol_client.post("/sparql", data={"query": query, **params})
    else:
        response = protocol_client.post("/sparql", params=params, content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.json()["boolean"] is True
    unknown = {"default-graph-uri": "http://example.org/no-such-graph"}
    if way == "get":
        response = protocol_client.get("/sparql", params={"query": query, **unknown})
    else:
        response = protocol_client.post("/sparql", params=unknown, content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200 and response.json()["boolean"] is False  # an unknown graph is empty, not a 400


def test_from_and_from_named_are_honoured_within_the_public_graphs(protocol_client):
    one, two, three = DATA_GRAPHS
    ask = lambda q: protocol_client.get("/sparql", params={"query": q}).json()["boolean"]  # noqa: E731
    assert ask(f"ASK FROM <{one}> {{ <{one}> a ?t }}") is True
    assert ask(f"ASK FROM <{one}> {{ <{two}> a ?t }}") is False
    assert ask(f"ASK FROM <{one}> FROM <{two}> {{ <{one}> a ?t . <{two}> a ?t }}") is True
    assert ask(f"ASK FROM NAMED <{three}> {{ GRAPH <{three}> {{ <{three}> a ?t }} }}") is True
    assert ask(f"ASK FROM NAMED <{three}> {{ GRAPH ?g {{ <{one}> a ?t }} }}") is False
    assert ask(f"ASK FROM NAMED <{three}> {{ <{three}> a ?t }}") is False  # FROM NAMED alone: empty default graph
    assert ask("ASK FROM <https://w3id.org/eduvoc/graph/admin> { ?s ?p ?o }") is False


def test_without_a_query_a_results_only_client_is_told_what_is_missing(protocol_client):
    response = protocol_client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 400
    assert "query" in response.json()["detail"]
