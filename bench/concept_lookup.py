"""Benchmark: concept lookup over HTTP (`GET /api/concepts?uri=…`, the full concept JSON), one uvicorn worker.

For each size, a synthetic vocabulary (bench/generate.py) registered with the bundled set in an
on-disk store as `eduvoc load` does (a realistic registry: ~70 current graphs; `--without-bundled`
for the synthetic vocabulary alone). Two servers run as subprocesses on free loopback ports, one
uvicorn worker each, and get the same load in alternating turns:

- eduvoc: the real app (`api.app.create_app`), route `/api/concepts?uri=`;
- baseline: a bare FastAPI route over pyoxigraph (store opened read-only) doing the very same
  lookup (the concept's quads in the union graph of the current releases, then the preferred
  labels of the concepts it links to), written as well as eduvoc's route: `async def`, JSON by
  orjson into a plain Response (the competitor at its best; an earlier baseline used a plain
  `def` route and FastAPI's default JSON, the two things eduvoc's own route avoids).

It also times, in-process, the lookup alone against the two SPARQL forms it replaced (GRAPH ?graph
with a current-graph filter, and a default graph listing every current graph), to show what
each change bought.

The load generator is `wrk` (Debian: `apt-get install -y wrk`) with a Lua script rotating over a
bounded list of concept IRIs sampled from the store; without wrk, a small asyncio keep-alive
client does the same (slower: it shares the machine's cores with the server and costs more per
request). Prints latency p50/p99 and requests/s of both, and the ratio. Targets (issue #3):
p50 <= 1 ms and >= 2,500 requests/s.

    python -m bench.concept_lookup [--sizes 10k,100k,1m] [--duration 10] [--connections 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

from bench.artefacts import load_average, write_result
from bench.generate import SCHEME_BASE, parse_size, registry_store, slug_for

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TARGET_P50_MS = 1.0
TARGET_RPS = 2_500


# --- the two servers ----------------------------------------------------------------------------


def eduvoc_app():
    """uvicorn factory: the real app over the store in $EDUVOC_STORE."""
    from api.app import create_app
    from registry.config import Settings

    return create_app(Settings())


def baseline_app():
    """uvicorn factory: a bare FastAPI route over pyoxigraph, same lookup, written as well as
    eduvoc's own route (the competitor at its best): `async def` on the event loop, JSON written
    with orjson into a plain Response, no response model."""
    import orjson
    import pyoxigraph
    from fastapi import FastAPI, HTTPException
    from fastapi.responses import Response

    # read-only, so that it can run beside the eduvoc server over the same store (neither writes)
    store = pyoxigraph.Store.read_only(os.environ["EDUVOC_STORE"])
    pref_label = pyoxigraph.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    links = {f"http://www.w3.org/2004/02/skos/core#{name}" for name in (
        "broader", "narrower", "related", "exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")}
    app = FastAPI()

    # the union of the current releases, which the registry keeps in step (registry/public_union.py)
    union = pyoxigraph.NamedNode("https://w3id.org/eduvoc/graph/public")

    @app.get("/concept", response_model=None)
    async def lookup(uri: str):  # noqa: ANN202 - a Response, unannotated: this module's annotations are strings
        quads = list(store.quads_for_pattern(pyoxigraph.NamedNode(uri), None, None, union))
        if not quads:
            raise HTTPException(404)
        rows = []
        for quad in quads:
            labels = None
            if quad.predicate.value in links:
                labels = [q.object.value for q in store.quads_for_pattern(quad.object, pref_label, None, union)]
            rows.append({"property": quad.predicate.value, "value": quad.object.value, "labels": labels})
        return Response(orjson.dumps({"uri": uri, "statements": rows}), media_type="application/json")

    return app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def uvicorn_server(
    factory: str, store: Path, ready_path: str, extra_env: dict[str, str] | None = None, timeout: float = 120, access_log: bool = False
) -> Iterator[str]:
    """`uvicorn <factory> --factory` (one worker; no access log unless asked) on a free loopback port.
    The first start over a store also builds its search index beside it (`<store>-search`)."""
    port = free_port()
    env = {**os.environ, "EDUVOC_STORE": str(store), **(extra_env or {})}
    command = [sys.executable, "-m", "uvicorn", factory, "--factory", "--host", "127.0.0.1", "--port", str(port),
               "--log-level", "info" if access_log else "warning"] + ([] if access_log else ["--no-access-log"])
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"{factory} exited early:\n{log.read().decode(errors='replace')}")
            try:
                if httpx.get(base + ready_path, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{factory} did not answer within {timeout:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


# --- the load generator -------------------------------------------------------------------------


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors and non-2xx answers
    tool: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
local offset = 0
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end
function init(args)
  offset = tonumber(wrk.thread:get("offset")) or 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[((counter + offset) %% #paths) + 1])
end
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status
  io.write(string.format('WRK_JSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "errors": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), errors))
end
"""


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(base: str, paths: list[str], duration: float, connections: int, threads: int) -> LoadResult:
    lua = WRK_SCRIPT % {"paths": ",".join(json.dumps(p) for p in paths)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", "5s", "-s", script.name, base]
        output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    data = json.loads(line.removeprefix("WRK_JSON "))
    return LoadResult(data["requests"], data["duration_us"] / 1e6, data["p50_us"] / 1e3, data["p99_us"] / 1e3, data["errors"], "wrk")


async def _python_load(host: str, port: int, paths: list[str], duration: float, connections: int) -> tuple[int, list[float], int]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + duration

    async def connection(start: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        i = start
        try:
            while time.perf_counter() < stop:
                path = paths[i % len(paths)]
                i += 1
                began = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = 0
                for header in head.split(b"\r\n"):
                    if header[:15].lower() == b"content-length:":
                        length = int(header[15:])
                await reader.readexactly(length)
                latencies.append(time.perf_counter() - began)
                if status >= 300:
                    errors += 1
        finally:
            writer.close()

    await asyncio.gather(*(connection(k * 7919) for k in range(connections)))
    return len(latencies), latencies, errors


def run_python_client(base: str, paths: list[str], duration: float, connections: int) -> LoadResult:
    """Fallback when wrk is missing: keep-alive HTTP/1.1 over asyncio streams (needs Content-Length)."""
    host, port = base.removeprefix("http://").split(":")
    started = time.perf_counter()
    count, latencies, errors = asyncio.run(_python_load(host, int(port), paths, duration, connections))
    elapsed = time.perf_counter() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1e3  # noqa: E731
    return LoadResult(count, elapsed, pick(0.50), pick(0.99), errors, "python")


def drive(base: str, paths: list[str], duration: float, connections: int, threads: int, warmup: float) -> LoadResult:
    run = (lambda d: run_wrk(base, paths, d, connections, threads)) if have_wrk() else (lambda d: run_python_client(base, paths, d, connections))
    if warmup > 0:
        run(warmup)
    return run(duration)


def drive_alternately(targets: dict[str, tuple[str, list[str]]], duration: float, rounds: int, connections: int, threads: int,
                      warmup: float) -> dict[str, LoadResult]:
    """Load each server in turn, `rounds` times `duration / rounds` seconds each, so that a change in
    what else the machine is doing hits all of them alike. Requests and seconds add up; p50 and p99
    are the medians over the rounds (wrk reports percentiles, not samples)."""
    if warmup > 0:
        for base, paths in targets.values():
            drive(base, paths, warmup, connections, threads, 0)  # unmeasured
    per_round = max(1.0, duration / rounds)
    runs: dict[str, list[LoadResult]] = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (base, paths) in targets.items():
            runs[name].append(drive(base, paths, per_round, connections, threads, 0))
    return {
        name: LoadResult(
            sum(r.requests for r in results), sum(r.seconds for r in results),
            statistics.median(r.p50_ms for r in results), statistics.median(r.p99_ms for r in results),
            sum(r.errors for r in results), results[0].tool,
        )
        for name, results in runs.items()
    }


# --- the benchmark ------------------------------------------------------------------------------


def sample_concepts(store_dir: Path, count: int, seed: int, prefix: str = "") -> list[str]:
    """`count` concept IRIs starting with `prefix`, spread over the whole vocabulary, chosen with a fixed seed."""
    import pyoxigraph

    store = pyoxigraph.Store(str(store_dir))
    try:
        concept = pyoxigraph.NamedNode("http://www.w3.org/2004/02/skos/core#Concept")
        rdf_type = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        iris = sorted({q.subject.value for q in store.quads_for_pattern(None, rdf_type, concept) if q.subject.value.startswith(prefix)})
    finally:
        del store
    return random.Random(seed).sample(iris, min(count, len(iris)))


def query_costs(store_dir: Path, iris: list[str], rounds: int = 3) -> dict[str, float]:
    """In-process microseconds per lookup, best of `rounds` passes over `iris`: eduvoc's lookup
    (`registry.concepts.get_concept`: two index scans) against the SPARQL forms it replaced: one
    query with GRAPH ?graph (rows of non-current graphs dropped), and before that a query whose
    default graph listed every current graph (one index lookup per graph and pattern)."""
    import pyoxigraph

    from registry.catalogue import Catalogue
    from registry.concepts import get_concept
    from registry.oxigraph_store import OxigraphStore

    store = OxigraphStore(store_dir)
    try:
        catalogue = Catalogue(store)
        graphs = catalogue.current_graphs()
        current = {g.value for g in graphs}
        concept = pyoxigraph.Variable("concept")
        graph_query = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?concept ?graph ?property ?value ?labelGraph ?valueLabel WHERE {
  GRAPH ?graph { ?concept ?property ?value }
  OPTIONAL { FILTER(isIRI(?value)) GRAPH ?labelGraph { ?value skos:prefLabel ?valueLabel } }
}"""
        before = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?concept ?property ?value ?valueLabel WHERE {
  ?concept ?property ?value .
  OPTIONAL { FILTER(isIRI(?value)) ?value skos:prefLabel ?valueLabel }
}"""
        forms = {
            "eduvoc lookup (index scans of the union graph, whole Concept built)": lambda iri: get_concept(
                store, catalogue, pyoxigraph.NamedNode(iri)),
            "SPARQL query (GRAPH ?graph + current-graph filter)": lambda iri: [
                r for r in store.query(graph_query, substitutions={concept: pyoxigraph.NamedNode(iri)}) if r[1].value in current],
            f"earlier query (default graph = {len(graphs)} current graphs)": lambda iri: list(
                store.query(before, substitutions={concept: pyoxigraph.NamedNode(iri)}, default_graph=graphs)),
        }
        costs = {}
        for name, run in forms.items():
            sample = iris[: 200 if "earlier" in name else len(iris)]
            best = float("inf")
            for _ in range(rounds):
                started = time.perf_counter()
                for iri in sample:
                    run(iri)
                best = min(best, (time.perf_counter() - started) / len(sample))
            costs[name] = best * 1e6
        return costs
    finally:
        store.close()


def check_eduvoc(base: str, iri: str) -> set[str]:
    """The real app answers the full concept JSON; its preferred labels."""
    body = httpx.get(f"{base}/api/concepts", params={"uri": iri}).raise_for_status().json()
    assert body["uri"] == iri and body["pref_labels"] and "broader" in body and "mappings" in body, body
    return set(body["pref_labels"].values())


def check_baseline(base: str, iri: str) -> set[str]:
    rows = httpx.get(f"{base}/concept", params={"uri": iri}).raise_for_status().json()["statements"]
    return {r["value"] for r in rows if r["property"].endswith("#prefLabel")}


def status(result: LoadResult) -> str:
    ok = result.p50_ms <= TARGET_P50_MS and result.rps >= TARGET_RPS and result.errors == 0
    return "meets target" if ok else "MISSES target"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated, e.g. 10k,100k,1m")
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per server (default 10)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured load first, per server (default 3)")
    parser.add_argument("--rounds", type=int, default=5, help="the duration is split into this many turns per server (default 5)")
    parser.add_argument("--connections", type=int, default=2, help="concurrent keep-alive connections (default 2)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1: the server needs the other core)")
    parser.add_argument("--iris", type=int, default=1000, help="distinct concepts rotated over (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="regenerate and reload the stores")
    parser.add_argument("--access-log", action="store_true", help="let both servers log every request, as `eduvoc serve` does")
    parser.add_argument("--without-bundled", action="store_true",
                        help="only the synthetic vocabulary in the store (default: with the bundled set, ~70 current graphs)")
    arguments = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    if not have_wrk():
        print("wrk not found: falling back to the Python client, whose figures are lower (it competes with the server"
              " for the CPU). Install it with `sudo apt-get install -y wrk` (Debian/Ubuntu) or `brew install wrk`.")
    sizes = [parse_size(s) for s in arguments.sizes.split(",") if s.strip()]
    print(f"concept lookup, one uvicorn worker each, {os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} at start);"
          f" {arguments.connections} connections,"
          f" {arguments.duration:g} s per server in {arguments.rounds} alternating turns after {arguments.warmup:g} s warm-up,"
          f" {arguments.iris} IRIs rotated;"
          f" load generator: {'wrk' if have_wrk() else 'python'}")
    summary = []
    started_load = load_average()
    for size in sizes:
        started = time.perf_counter()
        store_dir, load_seconds = registry_store(size, arguments.seed, fresh=arguments.fresh, bundled=not arguments.without_bundled)
        prepared = f"loaded in {load_seconds:.1f} s" if load_seconds is not None else f"cached store, ready in {time.perf_counter() - started:.1f} s"
        iris = sample_concepts(store_dir, arguments.iris, arguments.seed, prefix=f"{SCHEME_BASE}{slug_for(size)}/")
        print(f"\n{slug_for(size)}: {size:,} concepts{'' if arguments.without_bundled else ' + the bundled set'} ({prepared})")
        for name, micros in query_costs(store_dir, iris).items():
            print(f"  in-process, {name}: {micros:,.0f} us per lookup")
        # Both servers run at once (the baseline opens the store read-only) and are loaded in turn.
        with uvicorn_server("bench.concept_lookup:eduvoc_app", store_dir, "/openapi.json", timeout=1800, access_log=arguments.access_log) as eduvoc, \
                uvicorn_server("bench.concept_lookup:baseline_app", store_dir, "/openapi.json", timeout=900, access_log=arguments.access_log) as baseline:
            assert check_eduvoc(eduvoc, iris[0]) == check_baseline(baseline, iris[0])
            results = drive_alternately(
                {"eduvoc": (eduvoc, ["/api/concepts?uri=" + quote(iri, safe="") for iri in iris]),
                 "baseline": (baseline, ["/concept?uri=" + quote(iri, safe="") for iri in iris])},
                arguments.duration, arguments.rounds, arguments.connections, arguments.threads, arguments.warmup,
            )
        for name, result in results.items():
            print(f"  {name:9s} p50 {result.p50_ms:6.3f} ms  p99 {result.p99_ms:6.3f} ms  {result.rps:8,.0f} req/s"
                  f"  ({result.requests:,} requests, {result.errors} errors)" + (f"  {status(result)}" if name == "eduvoc" else ""))
        ratio = results["eduvoc"].rps / results["baseline"].rps
        print(f"  ratio eduvoc/baseline: {ratio:.2f}x throughput, {results['eduvoc'].p50_ms / results['baseline'].p50_ms:.2f}x p50")
        summary.append((size, results, ratio))
    write_result("concept_lookup", {slug_for(size): {
        "eduvoc": {"p50_ms": round(results["eduvoc"].p50_ms, 3), "p99_ms": round(results["eduvoc"].p99_ms, 3), "rps": round(results["eduvoc"].rps)},
        "baseline": {"p50_ms": round(results["baseline"].p50_ms, 3), "p99_ms": round(results["baseline"].p99_ms, 3), "rps": round(results["baseline"].rps)},
        "ratio_rps": round(ratio, 2), "load_generator": "wrk" if have_wrk() else "python"} for size, results, ratio in summary},
        started_load=started_load, notes="baseline: async def route, orjson, same lookup over the union graph")
    print("\nsummary (targets: p50 <= 1 ms, >= 2,500 req/s)")
    for size, results, ratio in summary:
        e, b = results["eduvoc"], results["baseline"]
        print(f"  {slug_for(size):16s} eduvoc p50 {e.p50_ms:.3f} ms p99 {e.p99_ms:.3f} ms {e.rps:,.0f} req/s"
              f" | baseline p50 {b.p50_ms:.3f} ms {b.rps:,.0f} req/s | ratio {ratio:.2f}x | {status(e)}")


if __name__ == "__main__":
    main()
