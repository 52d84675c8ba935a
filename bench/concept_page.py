"""Benchmark: the concept page (`GET /concepts?uri=…`, HTML) against the concept JSON, server time.

In-process, through the route function with a real request, over the benchmark store of each size
(bench.generate.registry_store: the bundled set plus a synthetic vocabulary): the CPU time of the
serving thread per page (pyoxigraph queries run on it), p50/p90 over concepts of the synthetic
vocabulary, the same for `get_concept` (what the JSON route serves), and the first page after a
start, in a fresh process (templates from the bytecode cache of an earlier start, as on a second
`eduvoc serve`).

Targets (issue 15): page p50 <= 5 ms server time; the first page after start <= 50 ms.

    python -m bench.concept_page [--sizes 10k] [--concepts 200]

Writes bench/results/concept_page.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.artefacts import load_average, write_result
from bench.generate import parse_size, registry_store, slug_for

TARGET_P50_MS, TARGET_FIRST_MS = 5.0, 50.0


def measure(store_dir: Path, slug: str, count: int, first_only: bool) -> dict:
    from pyoxigraph import NamedNode
    from starlette.requests import Request

    from api.app import create_app
    from api.routers.pages import concept_html
    from registry.concepts import get_concept
    from registry.config import Settings
    from registry.oxigraph_store import OxigraphStore

    store = OxigraphStore(store_dir)
    app = create_app(Settings(store=str(store_dir), search_index=str(store_dir) + "-search"), store=store)

    async def run() -> dict:
        async with app.router.lifespan_context(app):
            catalogue = app.state.catalogue
            record = catalogue.vocabulary(slug)
            query = "SELECT ?c WHERE { ?c a <http://www.w3.org/2004/02/skos/core#Concept> } LIMIT " + str(count + 1)
            iris = [row["c"].value for row in store.query(query, default_graph=[NamedNode(record.graph)])]

            def page(iri: str) -> float:
                scope = {"type": "http", "method": "GET", "path": "/concepts", "root_path": "", "scheme": "http",
                         "server": ("127.0.0.1", 8000), "query_string": urlencode({"uri": iri}).encode(),
                         "headers": [(b"host", b"127.0.0.1:8000")], "app": app, "router": app.router}
                started = time.thread_time()
                response = concept_html(Request(scope), store, catalogue, iri)
                spent = (time.thread_time() - started) * 1000
                assert response.status_code == 200, response.body[:200]
                return spent

            first_wall = time.perf_counter()
            first = page(iris[0])
            first_wall = (time.perf_counter() - first_wall) * 1000
            if first_only:
                return {"first_cpu_ms": round(first, 2), "first_wall_ms": round(first_wall, 2)}
            pages = sorted(page(iri) for iri in iris[1:])
            lookups = []
            for iri in iris[1:]:
                started = time.thread_time()
                get_concept(store, catalogue, NamedNode(iri))
                lookups.append((time.thread_time() - started) * 1000)
            lookups.sort()
            return {"page_p50_ms": round(statistics.median(pages), 3), "page_p90_ms": round(pages[int(len(pages) * 0.9)], 3),
                    "json_lookup_p50_ms": round(statistics.median(lookups), 3), "concepts": len(pages)}

    try:
        return asyncio.run(run())
    finally:
        store.close()  # the next process (the first page after a start) opens the same store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k")
    parser.add_argument("--concepts", type=int, default=200)
    parser.add_argument("--first", nargs=2, metavar=("STORE", "SLUG"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.first:
        print(json.dumps(measure(Path(arguments.first[0]), arguments.first[1], 1, first_only=True)))
        return
    started_load = load_average()
    sizes = {}
    for size in arguments.sizes.split(","):
        n = parse_size(size)
        store_dir, _ = registry_store(n, bundled=True)
        slug = slug_for(n)
        figures = measure(store_dir, slug, arguments.concepts, first_only=False)
        firsts = []
        for _ in range(3):  # a fresh process each: the first page after a start
            answer = subprocess.run([sys.executable, "-m", "bench.concept_page", "--first", str(store_dir), slug],
                                    capture_output=True, text=True, timeout=600)
            if answer.returncode != 0:
                raise SystemExit(f"the first-page run failed:\n{answer.stderr[-2000:]}")
            firsts.append(json.loads(answer.stdout.strip().splitlines()[-1]))
        figures["first_cpu_ms"] = round(statistics.median(f["first_cpu_ms"] for f in firsts), 2)
        figures["first_wall_ms"] = round(statistics.median(f["first_wall_ms"] for f in firsts), 2)
        sizes[slug] = figures
        print(f"{slug}: page p50 {figures['page_p50_ms']:.2f} ms p90 {figures['page_p90_ms']:.2f} ms (target p50 <= {TARGET_P50_MS:g}); "
              f"concept JSON lookup p50 {figures['json_lookup_p50_ms']:.3f} ms; first page after start {figures['first_cpu_ms']:.1f} ms CPU "
              f"({figures['first_wall_ms']:.1f} ms wall; target <= {TARGET_FIRST_MS:g})")
    write_result("concept_page", {"sizes": sizes, "targets": {"page_p50_ms": TARGET_P50_MS, "first_page_ms": TARGET_FIRST_MS}},
                 started_load=started_load, notes="server time = CPU time of the serving thread, in-process")


if __name__ == "__main__":
    main()
