"""Known tricks against the public SPARQL endpoint (issue #16.1): none may read a private graph,
reach the network, lift the result cap, crash the process or give a 500.

The private graphs checked are the store's own: graph/admin, graph/audit and a draft graph are
given recognisable triples here, and every answer is compared against every term that occurs
only in non-public graphs of the store. A socket listener on 127.0.0.1 stands for any host a
SERVICE clause could name; it must never see a connection. TestClient re-raises server errors,
so a 500 fails the test, and a crash of the engine would end the test run.
"""

from __future__ import annotations

import random
import socket
import threading
from urllib.parse import quote

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from registry.namespaces import ADMIN_GRAPH, AUDIT_GRAPH, PUBLIC_UNION_GRAPH, VERSION_GRAPH_PREFIX

DRAFT_GRAPH = NamedNode(VERSION_GRAPH_PREFIX + "tricks-test/draft")
SECRETS = [
    Quad(NamedNode("urn:eduvoc-test:token"), NamedNode("urn:eduvoc-test:hash"), Literal("$argon2id$secret-token-hash"), ADMIN_GRAPH),
    Quad(NamedNode("urn:eduvoc-test:change"), NamedNode("urn:eduvoc-test:by"), Literal("secret-audit-actor"), AUDIT_GRAPH),
    Quad(NamedNode("urn:eduvoc-test:draft-concept"), NamedNode("urn:eduvoc-test:label"), Literal("secret-draft-label"), DRAFT_GRAPH),
]
PRIVATE_GRAPHS = [ADMIN_GRAPH.value, AUDIT_GRAPH.value, DRAFT_GRAPH.value]


@pytest.fixture(scope="module")
def secrets(bundled_registry):
    """The store with secrets in its private graphs, and every term found only in non-public graphs."""
    store, catalogue = bundled_registry
    store.add_quads(SECRETS)
    try:
        public = set(catalogue.public_graphs()) | {PUBLIC_UNION_GRAPH}
        private_terms: set[str] = set()
        public_terms: set[str] = set()
        for quad in store.quads():
            terms = public_terms if quad.graph_name in public else private_terms
            terms.update(t.value for t in (quad.subject, quad.predicate, quad.object))
        # a public graph's own name is public (GRAPH ?g answers it), even where only the private
        # audit trail mentions it as a term (the bundled mapping sets' audit records name graph/mappings)
        only_private = private_terms - public_terms - {graph.value for graph in public}
        assert {"$argon2id$secret-token-hash", "secret-audit-actor", "secret-draft-label"} <= only_private
        yield only_private
    finally:
        store.remove_quads(SECRETS)


@pytest.fixture(scope="module")
def listener():
    """A TCP listener on 127.0.0.1 that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    connections: list = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            connections.append(conn.recv(200))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", connections
    stop.set()
    thread.join()
    server.close()


def answer_terms(response) -> set[str]:
    """Every value in a SPARQL JSON answer."""
    body = response.json()
    return {cell["value"] for row in body.get("results", {}).get("bindings", []) for cell in row.values()}


def assert_no_leak(response, only_private: set[str]) -> None:
    assert response.status_code in (200, 400), response.text
    if response.status_code == 200:
        leaked = answer_terms(response) & only_private
        assert not leaked, leaked
        for graph in PRIVATE_GRAPHS:
            assert graph not in response.text


def _graphs(text: str) -> str:
    return text.replace("{admin}", ADMIN_GRAPH.value).replace("{audit}", AUDIT_GRAPH.value).replace("{draft}", DRAFT_GRAPH.value)


# --- the issue's probes --------------------------------------------------------------------------

ISSUE_PROBE = r"PREFIX ex: <http://x/> SELECT ?g (COUNT(*) AS ?n) WHERE { BIND(ex:a\# AS ?z) GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"

HIDERS = [  # each hid the rest of the line from the old keyword scan
    r"BIND(ex:a\# AS ?z)",
    r"BIND(ex:a\' AS ?z)",
    r"BIND(<http://x/\u0023> AS ?z)",
    r"BIND(<http://x/\u0041> AS ?z)",
    r'BIND("\"" AS ?z)',
    r"BIND('\'' AS ?z)",
    r'BIND("""a"b""" AS ?z)',
    r"BIND('''a'b''' AS ?z)",
    r'BIND("\u0022" AS ?z)',
    r"BIND(ex:a%23 AS ?z)",
    "BIND(ex:a\\# AS ?z) # comment }\n",
]


def test_the_issue_probe_lists_only_public_graphs(client, secrets, bundled_registry):
    _, catalogue = bundled_registry
    response = client.get("/sparql", params={"query": ISSUE_PROBE})
    assert response.status_code == 200
    graphs = {row["g"]["value"] for row in response.json()["results"]["bindings"]}
    assert graphs and graphs <= {g.value for g in catalogue.public_graphs()}
    assert not graphs & set(PRIVATE_GRAPHS)


@pytest.mark.parametrize("hider", HIDERS)
@pytest.mark.parametrize(
    "pattern",
    [
        "GRAPH ?g { ?s ?p ?o }",
        "GRAPH <{admin}> { ?s ?p ?o }",
        "GRAPH ?g { ?s ?p ?o } FILTER(?g = <{admin}>)",
        "VALUES ?g { <{admin}> <{audit}> <{draft}> } GRAPH ?g { ?s ?p ?o }",
        "?s ?p ?o FILTER(CONTAINS(STR(?o), 'secret'))",
        "{ SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } } FILTER(isLiteral(?o) && CONTAINS(STR(?o), 'secret'))",
        "FILTER EXISTS { GRAPH <{draft}> { ?s ?p ?o } } ?s ?p ?o",
    ],
)
def test_no_hider_reaches_a_private_graph(client, secrets, hider, pattern):
    pattern = _graphs(pattern)
    query = f"PREFIX ex: <http://x/> SELECT * WHERE {{ {hider} {pattern} }} LIMIT 2000"
    for response in (client.get("/sparql", params={"query": query}), client.post("/sparql", data={"query": query})):
        assert response.status_code == 200, response.text
        assert_no_leak(response, secrets)


@pytest.mark.parametrize(
    "dataset",
    [
        "FROM <{admin}>",
        "FROM NAMED <{admin}> FROM NAMED <{audit}> FROM NAMED <{draft}>",
        "FROM <{admin}> FROM <{audit}> FROM <{draft}> FROM NAMED <{admin}>",
        r"FROM <https://w3id.org/eduvoc/graph/\u0061dmin>",
        "FROM eg:admin FROM NAMED eg:audit",
        "FROM eg:\\admin",
    ],
)
def test_from_and_from_named_naming_private_graphs_read_empty(client, secrets, dataset):
    dataset = _graphs(dataset)
    for where in ("{ ?s ?p ?o }", "{ GRAPH ?g { ?s ?p ?o } }", "{ { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"):
        query = f"PREFIX eg: <https://w3id.org/eduvoc/graph/> SELECT * {dataset} WHERE {where}"
        response = client.get("/sparql", params={"query": query})
        if "\\admin" in dataset:  # `\a` is no PN_LOCAL escape: refused as malformed, never run
            assert response.status_code == 400
            continue
        assert response.status_code == 200, response.text
        assert response.json()["results"]["bindings"] == []  # nothing public was named either


def test_protocol_graph_parameters_naming_private_graphs_read_empty(client, secrets):
    for parameter in ("default-graph-uri", "named-graph-uri"):
        for graph in PRIVATE_GRAPHS:
            response = client.get("/sparql", params={"query": "SELECT * { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }", parameter: graph})
            assert response.status_code == 200
            assert response.json()["results"]["bindings"] == []


# --- SERVICE, hidden every way: refused after parsing, the listener never called ----------------

SERVICE_FORMS = [
    "SERVICE <{url}> {{ ?s ?p ?o }}",
    "SERVICE SILENT <{url}> {{ ?s ?p ?o }}",
    "service <{url}> {{ ?s ?p ?o }}",
    "SeRvIcE <{url}> {{ ?s ?p ?o }}",
    "VALUES ?ep {{ <{url}> }} SERVICE ?ep {{ ?s ?p ?o }}",
    "{{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SERVICE#comment\n<{url}> {{ ?s ?p ?o }}",
    "SERVICE<{url}>{{?s ?p ?o}}",
]


@pytest.mark.parametrize("hider", HIDERS)
@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_service_is_refused_however_it_is_hidden(client, listener, hider, form):
    url, connections = listener
    query = f"PREFIX ex: <http://x/> SELECT * WHERE {{ {hider} {form.format(url=url)} }}"
    for response in (
        client.get("/sparql", params={"query": query}),
        client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 400, response.text
        assert response.json()["type"].endswith("query-refused")
    assert connections == []


def test_service_spelled_with_escapes_is_not_a_service_and_calls_nobody(client, listener):
    url, connections = listener
    for query in (
        rf"SELECT * WHERE {{ \u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        rf'SELECT * WHERE {{ BIND("\u0022 SERVICE <{url}> {{ ?s ?p ?o }} #" AS ?x) }}',
        r"PREFIX ex: <http://x/> SELECT * WHERE { BIND(ex:SERVICE AS ?x) }",
        "PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT ?service WHERE { ?d dcat:service ?service }",
    ):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code in (200, 400), response.text
    assert connections == []


def test_words_that_merely_contain_service_are_queries(client):
    for query in (
        "PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT ?service WHERE { ?d dcat:service ?service }",
        'SELECT ?x WHERE { BIND("SERVICE <http://example.org/> { }" AS ?x) }',
        "SELECT ?x WHERE { BIND(<http://example.org/SERVICE> AS ?x) } # SERVICE <http://example.org/>",
    ):
        assert client.get("/sparql", params={"query": query}).status_code == 200, query


# --- the cap counts results, whatever LIMIT the text seems to carry ------------------------------


@pytest.mark.parametrize(
    "query",
    [
        r"PREFIX ex: <http://x/> SELECT ?s ?p ?o WHERE { BIND(ex:a\# AS ?z) ?s ?p ?o } # } LIMIT 5",
        r"PREFIX ex: <http://x/> SELECT ?s ?p ?o WHERE { BIND(ex:a\# AS ?z) ?s ?p ?o BIND('} LIMIT 5' AS ?q) }",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o BIND(\"\"\"}\nLIMIT 5\"\"\" AS ?q) }",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o { SELECT * WHERE { ?a ?b ?c } LIMIT 5 } }",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 999999999",
    ],
)
def test_the_cap_holds_whatever_limit_the_text_shows(client, test_settings, query):
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == test_settings.sparql_result_cap
    assert "truncated" in response.headers["x-result-cap"]


def test_a_real_limit_is_honoured(client):
    response = client.get("/sparql", params={"query": r"PREFIX ex: <http://x/> SELECT * WHERE { BIND(ex:a\# AS ?z) ?s ?p ?o } LIMIT 5"})
    assert len(response.json()["results"]["bindings"]) == 5
    assert "x-result-cap" not in response.headers


# --- bombs: refused with a 400 before the engine sees them --------------------------------------

BOMBS = {
    "3000 nested groups": "SELECT * " + "{" * 3000 + "}" * 3000,
    "3000 nested groups, unbalanced": "SELECT * WHERE " + "{" * 3000,
    "nested parentheses": "SELECT * { BIND(" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) }",
    "nested blank nodes": "SELECT * { ?s ?p " + "[ <http://p> " * 2000 + "1" + " ]" * 2000 + " }",
    "3000 BINDs": "SELECT * { " + " ".join(f"BIND(1 AS ?x{i})" for i in range(3000)) + " }",
    "3000 MINUS": "SELECT * { ?s ?p ?o " + " MINUS { ?s ?p ?o }" * 3000 + " }",
    "20000 additions": "SELECT * { BIND(" + "+".join(["1"] * 20000) + " AS ?x) }",
    "20000 unions": "SELECT * { " + " UNION ".join(["{ ?s ?p ?o }"] * 20000) + " }",
    "oversized": "SELECT * { ?s ?p ?o } #" + "x" * 200_000,
    "too many tokens": "SELECT * { VALUES ?x { " + "1 " * 30000 + "} }",
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_bombs_are_refused_before_the_engine(client, name):
    query = BOMBS[name]
    responses = [
        client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}),
        client.post("/sparql", data={"query": query}),
    ]
    if len(quote(query)) < 60_000:  # httpx refuses longer URLs itself
        responses.append(client.get("/sparql", params={"query": query}))
    for response in responses:
        assert response.status_code in (400, 413), (name, response.status_code)
        assert len(response.content) < 2000  # the problem does not echo the query back
    assert client.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True  # still serving


def test_escapes_that_are_no_characters_are_a_400(client):
    for query in (r'SELECT * { BIND("\uD83D" AS ?x) }', r"SELECT * { BIND(<http://x/\u0020> AS ?x) }", r'SELECT * { BIND("\U00110000" AS ?x) }',
                  r'SELECT * { BIND("\u0000" AS ?x) }', "SELECT * { BIND(<http://x/\\u003E> AS ?x) }", r"SELECT * { BIND(\u0022 AS ?x) }"):
        assert client.get("/sparql", params={"query": query}).status_code == 400, query


def test_unicode_escapes_mean_what_they_say(client):
    query = r'SELECT ?x ?y ?z WHERE { BIND("\u00e9\U0001F600\\u0041\"" AS ?x) BIND(<http://x/\u00e9> AS ?y) BIND("""a"b""" AS ?z) }'
    row = client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]
    assert row["x"]["value"] == 'é😀\\u0041"'
    assert row["y"]["value"] == "http://x/é"
    assert row["z"]["value"] == 'a"b'


def test_prefixed_names_with_escapes_expand_as_the_grammar_says(client):
    query = r"PREFIX ex: <http://x/> SELECT ?a ?b WHERE { BIND(ex:a\#b\~c AS ?a) BIND(ex:p%41.q AS ?b) }"
    row = client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]
    assert row["a"]["value"] == "http://x/a#b~c"
    assert row["b"]["value"] == "http://x/p%41.q"


def test_a_fuzzed_mix_of_tricks_never_gives_a_500_nor_a_leak(client, secrets, listener):
    """Seeded mutations of the probes above: characters inserted, dropped and repeated."""
    url, connections = listener
    rng = random.Random(16)
    seeds = [ISSUE_PROBE] + [f"PREFIX ex: <http://x/> SELECT * WHERE {{ {h} GRAPH ?g {{ ?s ?p ?o }} }}" for h in HIDERS]
    seeds += [f"PREFIX ex: <http://x/> SELECT * WHERE {{ {HIDERS[0]} {form.format(url=url)} }}" for form in SERVICE_FORMS]
    alphabet = ["\\", "#", "'", '"', "<", ">", "{", "}", "(", ")", "u", "\\u0023", "\n", " ", ":", "?", "SERVICE ", "GRAPH ", "FROM "]
    for _ in range(300):
        text = list(rng.choice(seeds))
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text))
            operation = rng.random()
            if operation < 0.5:
                text.insert(at, rng.choice(alphabet))
            elif operation < 0.8:
                del text[at]
            else:
                text.insert(at, text[at] * rng.randint(2, 50))
        response = client.get("/sparql", params={"query": "".join(text)})
        assert_no_leak(response, secrets)
    assert connections == []


def test_a_long_values_table_is_no_bomb(client):
    """VALUES rows are one flat table for the engine: they do not count against the operator bound."""
    rows = " ".join(f"({i} {i})" for i in range(3000))
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES (?a ?b) {{ {rows} }} }}"
    response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "3000"


def test_an_engine_syntax_error_names_the_line_and_column_of_the_query_as_sent(client):
    query = "PREFIX ex: <http://x/>\n# a comment\nSELECT * WHERE {\n  ?s ex:p ?o .\n  BIND(1 AS ?o ?p)\n}"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "at line 5, column 16" in response.json()["detail"]  # the stray ?p, not a column of the normalised text
