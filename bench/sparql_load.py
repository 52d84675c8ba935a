"""Benchmark: SPARQL under load (issue #15.1), the peers' workload at 1 and 8 clients.

Recipe (deterministic): the synthetic thesaurus of bench/generate.py (`--size`, seeded) registered
in an on-disk store as `eduvoc load` does; 40 queries drawn with `--seed`:

- 20 *narrowers with labels*: `<c> skos:narrower ?n . ?n skos:prefLabel ?label` (Dutch labels,
  ordered), for 20 concepts that have narrowers;
- 20 *label-prefix lookups*: `FILTER(STRSTARTS(LCASE(STR(?label)), "<prefix>"))` over the scheme's
  prefLabels, LIMIT 50, with prefixes of 3-5 letters cut from the labels of 20 other concepts.

Each client sends the 40 queries round-robin (client i starts at query 5i) over one keep-alive
connection, for `--seconds` or `--max-requests` per run, whichever ends first. Two servers, one
uvicorn worker each, run one after the other over the same store directory:

- eduvoc: the real app, `GET /sparql` (JSON results);
- baseline: a bare FastAPI route over pyoxigraph (store opened read-only) that runs the same text
  with the same dataset (the union default graph, no named graphs) and writes pyoxigraph's own
  SPARQL JSON serialisation: the engine at its best behind the same HTTP stack.

Before measuring, every query's answer is compared between the two (same number of rows).
Prints req/s, p50/p99 latency and error counts (non-200, split 503/other) per server and client
count, and the req/s ratio eduvoc/baseline.

    python -m bench.sparql_load [--size 10k] [--seconds 10] [--clients 1,8] [--max-requests 3000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bench.concept_lookup import uvicorn_server
from bench.generate import SCHEME_BASE, parse_size, registry_store, slug_for
from bench.sparql_overhead import LoopbackClient

SKOS = "http://www.w3.org/2004/02/skos/core#"
PREFIX = f"PREFIX skos: <{SKOS}>\n"
ACCEPT = "application/sparql-results+json"


def workload(store_dir: Path, size: int, seed: int) -> list[str]:
    """The 40 queries, IRIs and prefixes taken from the store with a fixed seed."""
    import pyoxigraph

    scheme = f"{SCHEME_BASE}{slug_for(size)}"
    store = pyoxigraph.Store.read_only(str(store_dir))
    try:
        narrower = pyoxigraph.NamedNode(SKOS + "narrower")
        pref_label = pyoxigraph.NamedNode(SKOS + "prefLabel")
        parents = sorted({q.subject.value for q in store.quads_for_pattern(None, narrower, None) if q.subject.value.startswith(scheme)})
        concepts = sorted({q.subject.value for q in store.quads_for_pattern(None, pref_label, None) if q.subject.value.startswith(scheme + "/")})
        rng = random.Random(seed)
        labelled = rng.sample(concepts, 20)
        prefixes = []
        for iri in labelled:
            labels = sorted(q.object.value for q in store.quads_for_pattern(pyoxigraph.NamedNode(iri), pref_label, None))
            word = labels[0].lower()
            prefixes.append(word[: rng.randint(3, 5)])
        narrowers = rng.sample(parents, 20)
    finally:
        del store
    queries = [
        PREFIX + f'SELECT ?narrower ?label WHERE {{ <{c}> skos:narrower ?narrower . ?narrower skos:prefLabel ?label . FILTER(LANG(?label) = "nl") }} ORDER BY ?label'
        for c in narrowers
    ]
    queries += [
        PREFIX + f"SELECT ?c ?label WHERE {{ ?c skos:inScheme <{scheme}> ; skos:prefLabel ?label . "
        f'FILTER(STRSTARTS(LCASE(STR(?label)), "{p.replace(chr(92), "").replace(chr(34), "")}")) }} LIMIT 50'
        for p in prefixes
    ]
    return queries


def baseline_app():
    """uvicorn factory: bare pyoxigraph behind one FastAPI route, the endpoint's dataset, pyoxigraph's JSON."""
    import pyoxigraph
    from fastapi import FastAPI
    from fastapi.responses import Response

    from registry.catalogue import Catalogue
    from registry.oxigraph_store import OxigraphStore

    store = OxigraphStore.__new__(OxigraphStore)
    store._store = pyoxigraph.Store.read_only(os.environ["EDUVOC_STORE"])
    catalogue = Catalogue(store)
    default_graph = catalogue.union.default_graph(catalogue.query_graphs())
    raw = store._store
    app = FastAPI()

    @app.get("/sparql")
    def sparql(query: str) -> Response:  # a plain def: FastAPI runs it on its thread pool
        result = raw.query(query, default_graph=default_graph, named_graphs=[])
        return Response(result.serialize(format=pyoxigraph.QueryResultsFormat.JSON), media_type=ACCEPT)

    @app.get("/ready")
    def ready() -> dict:
        return {}

    return app


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def ok(self) -> int:
        return self.statuses.get(200, 0)

    def line(self, name: str, clients: int) -> str:
        lat = sorted(self.latencies)
        p50 = statistics.median(lat) * 1000 if lat else float("nan")
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000 if lat else float("nan")
        errors = sum(n for s, n in self.statuses.items() if s != 200)
        return (f"  {name:9} {clients} client(s): {len(lat):5d} requests in {self.elapsed:5.1f} s = {self.rate:7.1f} req/s, "
                f"p50 {p50:7.1f} ms, p99 {p99:7.1f} ms, errors {errors} (503: {self.statuses.get(503, 0)})")

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


def drive(base: str, queries: list[str], clients: int, seconds: float, max_requests: int) -> Run:
    run = Run()
    lock = threading.Lock()
    issued = [0]
    deadline = time.perf_counter() + seconds

    def client(index: int) -> None:
        connection = LoopbackClient(base)
        position = 5 * index
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if issued[0] >= max_requests:
                        return
                    issued[0] += 1
                target = "/sparql?query=" + quote(queries[position % len(queries)], safe="")
                position += 1
                started = time.perf_counter()
                status, _ = connection.get(target, ACCEPT)
                took = time.perf_counter() - started
                with lock:
                    run.latencies.append(took)
                    run.statuses[status] = run.statuses.get(status, 0) + 1
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.elapsed = time.perf_counter() - started
    return run


def answers(base: str, queries: list[str]) -> list[int]:
    """The number of rows of each query (-status when not 200)."""
    connection = LoopbackClient(base)
    try:
        out = []
        for query in queries:
            status, body = connection.get("/sparql?query=" + quote(query, safe=""), ACCEPT)
            out.append(len(json.loads(body)["results"]["bindings"]) if status == 200 else -status)
        return out
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k", help="synthetic vocabulary size (10k, 100k, 1m)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=10.0, help="time per run (default 10)")
    parser.add_argument("--max-requests", type=int, default=3000, help="requests per run at most (default 3000)")
    parser.add_argument("--clients", default="1,8", help="comma-separated client counts (default 1,8)")
    arguments = parser.parse_args()
    size = parse_size(arguments.size)
    store_dir, _ = registry_store(size, arguments.seed)
    queries = workload(store_dir, size, arguments.seed)
    client_counts = [int(c) for c in arguments.clients.split(",")]
    print(f"SPARQL under load: {len(queries)} queries (20 narrowers with labels, 20 STRSTARTS label prefixes) over the {arguments.size} "
          f"synthetic vocabulary; one uvicorn worker each; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    results: dict[str, dict[int, Run]] = {}
    expected: list[int] = []
    for name, factory, ready in (("baseline", "bench.sparql_load:baseline_app", "/ready"), ("eduvoc", "bench.concept_lookup:eduvoc_app", "/openapi.json")):
        with uvicorn_server(factory, store_dir, ready, timeout=1800) as base:
            counts = answers(base, queries)
            if name == "baseline":
                expected = counts
            else:
                wrong = [i for i, (a, b) in enumerate(zip(counts, expected, strict=False)) if a != b]
                print(f"  answers: {40 - len(wrong)} of 40 queries give the baseline's row counts" + (f"; differ: {wrong}" if wrong else ""))
            results[name] = {}
            for clients in client_counts:
                run = drive(base, queries, clients, arguments.seconds, arguments.max_requests)
                results[name][clients] = run
                print(run.line(name, clients), flush=True)
    for clients in client_counts:
        base_rate = results["baseline"][clients].rate
        ratio = results["eduvoc"][clients].rate / base_rate if base_rate else float("nan")
        print(f"  {clients} client(s): eduvoc/baseline req/s = {ratio:.2f}x")
    print(f"  load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
