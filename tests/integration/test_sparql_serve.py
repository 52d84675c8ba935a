"""The SPARQL probes of issue #16 against a real `eduvoc serve` (uvicorn) process: the bombs that
killed it are 400s and it keeps serving; SERVICE never reaches a listener on 127.0.0.1."""

from __future__ import annotations

import socket

import httpx
import pytest

pytestmark = pytest.mark.integration


NESTED = "SELECT * WHERE " + "{" * 3000 + "}" * 3000  # ~12 kB: segfaulted the process before
BINDS = "SELECT * { " + " ".join(f"BIND(1 AS ?x{i})" for i in range(3000)) + " }"
PROBE = r"PREFIX ex: <http://x/> SELECT ?g (COUNT(*) AS ?n) WHERE { BIND(ex:a\# AS ?z) GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def test_bombs_are_400s_and_the_server_lives_on(server):
    for query in (NESTED, BINDS):
        assert httpx.post(f"{server}/sparql", content=query, headers={"Content-Type": "application/sparql-query"}, timeout=60).status_code == 400
        assert httpx.post(f"{server}/sparql", data={"query": query}, timeout=60).status_code == 400
    assert httpx.get(f"{server}/sparql", params={"query": NESTED}, timeout=60).status_code == 400
    assert httpx.get(f"{server}/sparql", params={"query": "ASK {}"}, timeout=60).json()["boolean"] is True


def test_the_issue_probe_sees_no_private_graph_and_service_calls_nobody(server):
    graphs = {b["g"]["value"] for b in httpx.get(f"{server}/sparql", params={"query": PROBE}, timeout=60).json()["results"]["bindings"]}
    assert graphs and not [g for g in graphs if g.endswith(("/graph/admin", "/graph/audit"))]
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        listener.settimeout(1)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        query = rf"PREFIX ex: <http://x/> SELECT * WHERE {{ BIND(ex:a\# AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }}"
        response = httpx.get(f"{server}/sparql", params={"query": query}, timeout=60)
        assert response.status_code == 400
        with pytest.raises(TimeoutError):
            listener.accept()
