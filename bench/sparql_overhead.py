"""Benchmark: the SPARQL endpoint against the raw store, on the same data and the same queries.

A registry with the bundled vocabularies and a synthetic one (bench/generate.py) in an on-disk store.
Each realistic query is timed three ways, in turns (raw, registry, HTTP, raw, …) so that whatever
else the machine does hits all three alike; median per call:

- raw: pyoxigraph `Store.query` with the endpoint's dataset (default graph = the materialised
  union of the current releases plus the few graphs that change in place, registry/public_union.py;
  named graphs = the public ones) + pyoxigraph's own serialisation (SPARQL JSON results; N-Triples
  for CONSTRUCT), in this process over the store opened read-only;
- registry: the endpoint's domain path in this process (`QueryRunner.run` + `registry.sparql_results`),
  no HTTP;
- HTTP: `GET /sparql` on the real app (one uvicorn worker, a subprocess holding the store) over a
  keep-alive loopback connection.

The target (issue #3) is HTTP <= 1.3x raw. For information it also times the raw query with the
default graph given as the list of the ~70 public graphs (what the endpoint did before the union
graph), to show what the union buys.

    python -m bench.sparql_overhead [--sizes 100k] [--seconds 1.5] [--slow]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import signal
import socket
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from bench.concept_lookup import sample_concepts, uvicorn_server
from bench.generate import SCHEME_BASE, parse_size, registry_store, slug_for

TARGET_RATIO = 1.3
SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


@dataclass(frozen=True)
class BenchQuery:
    name: str
    text: str
    construct: bool = False

    @property
    def accept(self) -> str:
        return "application/n-triples" if self.construct else "application/sparql-results+json"


def queries_for(store_dir: Path, size: int, seed: int, slow: bool = False) -> list[BenchQuery]:
    """Realistic queries over the synthetic vocabulary, with IRIs taken from the store."""
    import pyoxigraph

    scheme = f"{SCHEME_BASE}{slug_for(size)}"
    [concept] = sample_concepts(store_dir, 1, seed, prefix=scheme + "/")
    store = pyoxigraph.Store(str(store_dir))
    try:
        # the deepest concept along the first path down from the concept picked: a leaf
        leaf = concept
        while True:
            children = sorted(q.object.value for q in store.quads_for_pattern(pyoxigraph.NamedNode(leaf), pyoxigraph.NamedNode("http://www.w3.org/2004/02/skos/core#narrower"), None))
            if not children:
                break
            leaf = children[0]
        top = min(q.subject.value for q in store.quads_for_pattern(None, pyoxigraph.NamedNode("http://www.w3.org/2004/02/skos/core#topConceptOf"), pyoxigraph.NamedNode(scheme)))
    finally:
        del store
    return [
        BenchQuery("concept by IRI", f"SELECT ?p ?o WHERE {{ <{concept}> ?p ?o }}"),
        BenchQuery("label prefix (STRSTARTS, LIMIT 20)", SKOS + f"""SELECT ?c ?label WHERE {{
  ?c skos:inScheme <{scheme}> ; skos:prefLabel ?label .
  FILTER(STRSTARTS(LCASE(STR(?label)), "reken"))
}} LIMIT 20"""),
        BenchQuery("concepts per scheme (COUNT, GROUP BY)", SKOS + """SELECT ?scheme (COUNT(?c) AS ?concepts) WHERE {
  ?c skos:inScheme ?scheme .
} GROUP BY ?scheme ORDER BY DESC(?concepts)"""),
        BenchQuery("ancestors (broader+)", SKOS + f"""SELECT ?ancestor ?label WHERE {{
  <{leaf}> skos:broader+ ?ancestor . ?ancestor skos:prefLabel ?label . FILTER(LANG(?label) = "nl")
}}"""),
        BenchQuery("1,000 labels of a scheme (LIMIT 1000)", SKOS + f"""SELECT ?c ?label WHERE {{
  ?c skos:inScheme <{scheme}> ; skos:prefLabel ?label .
}} LIMIT 1000"""),
        BenchQuery("CONSTRUCT two levels under a top concept", SKOS + f"""CONSTRUCT {{ ?c skos:prefLabel ?label ; skos:broader ?parent }} WHERE {{
  ?parent skos:broader <{top}> . ?c skos:broader ?parent ; skos:prefLabel ?label .
}}""", construct=True),
    ] + ([BenchQuery("typed concepts per scheme (a join; --slow)", SKOS + """SELECT ?scheme (COUNT(?c) AS ?concepts) WHERE {
  ?c a skos:Concept ; skos:inScheme ?scheme .
} GROUP BY ?scheme ORDER BY DESC(?concepts)""")] if slow else [])


def measure(store_dir: Path, queries: list[BenchQuery], seconds: float, at_least: int = 5) -> dict[str, dict]:
    """Per query: median seconds of raw, registry and HTTP, taken in turns (raw, registry, HTTP, raw, …)
    so that whatever else the machine does hits the three alike; the result counts; and the raw
    query with the list of public graphs as default graph. A way that times out is reported as NaN."""
    import pyoxigraph

    from registry.catalogue import Catalogue
    from registry.config import Settings
    from registry.errors import QueryTimeout
    from registry.formats import format_named
    from registry.namespaces import PUBLIC_UNION_GRAPH
    from registry.oxigraph_store import OxigraphStore
    from registry.query_runner import QueryRunner
    from registry.sparql import GraphResult, QueryLimits
    from registry.sparql_results import graph_result_bytes, results_json

    settings = Settings()
    ntriples = format_named("ntriples")
    with uvicorn_server("bench.concept_lookup:eduvoc_app", store_dir, "/openapi.json", timeout=1800) as base:
        # The server holds the store; this process reads the same files read-only (neither writes).
        store = OxigraphStore.__new__(OxigraphStore)
        store._store = pyoxigraph.Store.read_only(str(store_dir))
        client = LoopbackClient(base)
        try:
            catalogue = Catalogue(store)
            raw = store._store  # the engine itself, as a bare pyoxigraph user would call it
            default_graph = catalogue.union.default_graph(catalogue.query_graphs())
            if default_graph[0] != PUBLIC_UNION_GRAPH:
                raise SystemExit("the server did not bring the public union graph in step; nothing to compare")
            dataset = {"default_graph": default_graph, "named_graphs": catalogue.public_graphs()}
            graph_list = {"default_graph": catalogue.query_graphs(), "named_graphs": catalogue.public_graphs()}
            runner = QueryRunner(store, catalogue, QueryLimits(settings.sparql_timeout_seconds, settings.sparql_result_cap), settings.sparql_max_concurrent)

            def raw_run(query: BenchQuery, **options) -> bytes:
                if "GRAPH" not in {w.upper() for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", query.text)}:
                    # as the endpoint does (registry/sparql.py): the named graphs only for a query that says GRAPH
                    options = {**options, "named_graphs": None}
                result = raw.query(query.text, **options)
                if query.construct:
                    return result.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES)
                return result.serialize(format=pyoxigraph.QueryResultsFormat.JSON)

            def registry_run(query: BenchQuery) -> bytes:
                outcome = runner.run(query.text)
                return graph_result_bytes(outcome, ntriples) if isinstance(outcome, GraphResult) else results_json(outcome)

            def http_run(query: BenchQuery) -> bytes:
                status, body = client.get("/sparql?query=" + quote(query.text, safe=""), query.accept)
                if status == 503:
                    raise TimeoutError(body.decode(errors="replace"))
                if status != 200:
                    raise RuntimeError(f"{query.name}: HTTP {status}: {body[:300]!r}")
                return body

            figures = {}
            for query in queries:
                ways = {"raw": lambda q=query: raw_run(q, **dataset), "registry": lambda q=query: registry_run(q), "http": lambda q=query: http_run(q)}
                counts, times = {}, {}
                slowest = 0.0
                for name, run in list(ways.items()):  # warm-up call, result count
                    started = time.perf_counter()
                    try:
                        counts[name] = _count(run(), query.construct)
                    except (QueryTimeout, TimeoutError):
                        del ways[name]
                        counts[name] = -1
                    slowest = max(slowest, time.perf_counter() - started)
                    times[name] = []
                rounds = 2 if slowest > seconds else at_least
                deadline = time.perf_counter() + seconds * len(ways)
                while ways and (len(times["raw"]) < rounds or (time.perf_counter() < deadline and len(times["raw"]) < 2000)):
                    for name, run in ways.items():
                        started = time.perf_counter()
                        run()
                        times[name].append(time.perf_counter() - started)
                union_run = lambda q=query: raw_run(q, **graph_list)  # noqa: E731
                union_times = []
                for _ in range(max(3, rounds)):
                    started = time.perf_counter()
                    union_run()
                    union_times.append(time.perf_counter() - started)
                figures[query.name] = {
                    **{name: statistics.median(t) if t else math.nan for name, t in times.items()},
                    "raw_graph_list": statistics.median(union_times),
                    "counts": counts,
                }
            return figures
        finally:
            client.close()
            del store._store


def _count(body: bytes, construct: bool) -> int:
    if construct:
        return body.count(b"\n")
    parsed = json.loads(body)
    return len(parsed["results"]["bindings"]) if "results" in parsed else 1


class LoopbackClient:
    """HTTP/1.1 keep-alive GETs over one socket: far less client time per request than httpx."""

    def __init__(self, base: str) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.host = f"{host}:{port}"
        self.sock = socket.create_connection((host, int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = self.sock.makefile("rb")

    def get(self, target: str, accept: str) -> tuple[int, bytes]:
        self.sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\nAccept: {accept}\r\n\r\n".encode())
        status = int(self.reader.readline().split()[1])
        length, chunked = 0, False
        while (line := self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
        if not chunked:
            return status, self.reader.read(length)
        parts = []
        while (size := int(self.reader.readline().split(b";")[0], 16)) > 0:
            parts.append(self.reader.read(size))
            self.reader.readline()
        self.reader.readline()
        return status, b"".join(parts)

    def close(self) -> None:
        self.reader.close()
        self.sock.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k", help="comma-separated synthetic sizes, e.g. 10k,100k,1m")
    parser.add_argument("--seconds", type=float, default=1.5, help="time spent per query and way (default 1.5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", action="store_true",
                        help="add a query joining two patterns over the whole registry (tens of seconds: see docs/performance.md)")
    arguments = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    print(f"SPARQL endpoint vs raw store, one uvicorn worker, {os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} at start);"
          f" median per query over"
          f" >= {arguments.seconds:g} s each; target HTTP <= {TARGET_RATIO}x raw")
    for size in [parse_size(s) for s in arguments.sizes.split(",") if s.strip()]:
        store_dir, _ = registry_store(size, arguments.seed, bundled=True)
        queries = queries_for(store_dir, size, arguments.seed, arguments.slow)
        figures = measure(store_dir, queries, arguments.seconds)
        print(f"\n{slug_for(size)} + the bundled set ({store_dir.name}):")
        print(f"  {'query':42s} {'results':>7s} {'raw':>9s} {'registry':>9s} {'HTTP':>9s} {'HTTP/raw':>8s} {'reg/raw':>8s}   {'raw, graph list':>15s}")
        ratios = []
        for query in queries:
            found = figures[query.name]
            raw, registry, http, union, counts = found["raw"], found["registry"], found["http"], found["raw_graph_list"], found["counts"]
            ratio = http / raw
            if not math.isnan(ratio):
                ratios.append(ratio)
            flag = "" if ratio <= TARGET_RATIO else ("  timed out" if math.isnan(ratio) else "  > target")
            same = len({c for c in counts.values() if c >= 0}) <= 1
            print(f"  {query.name:42s} {counts['raw']:7d} {_ms(raw)} {_ms(registry)} {_ms(http)}"
                  f" {ratio:7.2f}x {registry / raw:7.2f}x   {_ms(union, 13)}{flag}" + ("" if same else f"  (result counts differ: {counts})"))
        if ratios:
            print(f"  geometric mean HTTP/raw: {statistics.geometric_mean(ratios):.2f}x;"
                  f" {sum(r <= TARGET_RATIO for r in ratios)}/{len(queries)} queries within {TARGET_RATIO}x")


def _ms(seconds: float, width: int = 7) -> str:
    return f"{'timeout':>{width + 2}s}" if math.isnan(seconds) else f"{seconds * 1e3:{width}.2f}ms"


if __name__ == "__main__":
    main()
