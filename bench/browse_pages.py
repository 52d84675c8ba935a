"""Server time of every browse page of slo-doelen and of a synthetic vocabulary, in process.

The app is called through Starlette's TestClient (no network), so the figure is the server's time
per request: routing, the prepared browse data (registry/browse.py), template rendering. Each page
is requested once first (reported as "first"), after the releases were prepared as a server does
at start (timed separately), then `--rounds` times; p50 and p99 of wall time and of the process's CPU time (which a machine shared
with other work does not inflate) are printed per page against the 50 ms target.

The baseline is what the same pages did before, at its best in the same process: one sorted
SPARQL page with OFFSET and a COUNT (`registry.hierarchy.concept_page`, the query the vocabulary
page and `/api/vocabularies/{id}/concepts` ran per request), a few rounds each.

    python -m bench.browse_pages [--sizes 100k] [--rounds 100] [--baseline-rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from fastapi.testclient import TestClient
from pyoxigraph import NamedNode

from api.app import create_app
from bench.generate import registry_store, slug_for
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.hierarchy import concept_page
from registry.oxigraph_store import OxigraphStore

TARGET_MS = 50.0
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99


def timed(call: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def cpu_timed(call: Callable[[], object], rounds: int) -> list[float]:
    """CPU time of this process per call (all threads: the test client runs the app in another):
    the server's own cost, without the waits for a CPU that a shared machine adds to wall time."""
    samples = []
    for _ in range(rounds):
        started = time.process_time()
        call()
        samples.append((time.process_time() - started) * 1000)
    return samples


def pages_of(client: TestClient, slug: str) -> list[str]:
    """Every browse page of one vocabulary: overview, A–Z, letters, deep pages, facets, API, history."""
    record = client.get(f"/api/vocabularies/{slug}").json()
    total = record.get("concepts") or record.get("concept_count") or 0
    middle = max((int(total) // 2) // 100 * 100, 0)
    pages = [
        f"/vocabularies/{slug}",
        f"/vocabularies/{slug}?lang=en",
        f"/vocabularies/{slug}?offset={middle}",
        f"/vocabularies/{slug}/concepts",
        f"/vocabularies/{slug}/concepts?letter=K",
        f"/vocabularies/{slug}/concepts?offset={middle}",
        f"/vocabularies/{slug}/concepts?lang=en&letter=S",
        f"/api/vocabularies/{slug}/concepts?offset={middle}&limit=100",
        f"/api/vocabularies/{slug}/top-concepts?limit=10",
        f"/vocabularies/{slug}/releases",
        f"/vocabularies/{slug}/releases/latest",
        f"/vocabularies/{slug}/diff",
    ]
    facet_page = client.get(f"/vocabularies/{slug}/concepts")
    marker = f'href="/vocabularies/{slug}/concepts?'
    for chunk in facet_page.text.split(marker)[1:]:
        query = chunk.split('"', 1)[0].replace("&amp;", "&")
        if not query.startswith(("letter=", "offset=", "lang=")):
            pages.append(f"/vocabularies/{slug}/concepts?{query}")
            break
    return pages


def run(client: TestClient, slug: str, rounds: int) -> list[tuple[str, float, float, float]]:
    rows = []
    for path in pages_of(client, slug):
        started = time.perf_counter()
        response = client.get(path)
        first = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        p50, p99 = percentiles(timed(lambda path=path: client.get(path), rounds))
        cpu50, cpu99 = percentiles(cpu_timed(lambda path=path: client.get(path), rounds))
        rows.append((path, first, p50, p99, cpu50, cpu99))
    return rows


def baseline(store: OxigraphStore, catalogue: Catalogue, slug: str, rounds: int) -> list[tuple[str, float, float]]:
    """The per-request SPARQL the pages ran before: a sorted page with OFFSET, plus its COUNT."""
    record = catalogue.vocabulary(slug)
    graphs, scheme = [NamedNode(record.graph)], NamedNode(record.scheme)
    middle = record.concept_count // 2 // 100 * 100
    cases = {
        "top concepts, first page (vocabulary page)": lambda: concept_page(store, graphs, "top_of_scheme", scheme, "nl", 0, 100),
        f"all concepts, offset {middle} (API listing)": lambda: concept_page(store, graphs, "in_scheme", scheme, "nl", middle, 100),
    }
    rows = []
    for name, call in cases.items():
        p50, p99 = percentiles(timed(call, rounds))
        rows.append((name, p50, p99))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", default=["100k"], choices=sorted(SIZES))
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--baseline-rounds", type=int, default=3)
    arguments = parser.parse_args()
    for size in arguments.sizes:
        n = SIZES[size]
        directory, _ = registry_store(n, bundled=True)
        store = OxigraphStore(directory)
        catalogue = Catalogue(store)
        settings = Settings(store=str(directory))
        with TestClient(create_app(settings, store=store)) as client:
            started = time.perf_counter()
            client.app.state.browse.warm(catalogue)  # what `eduvoc serve` does in the background at start
            print(f"prepared every current release (nl and en orders): {time.perf_counter() - started:.1f} s, once per release")
            for slug in ("slo-doelen", slug_for(n)):
                print(f"\n== {slug} ({catalogue.vocabulary(slug).concept_count:,} concepts), {arguments.rounds} rounds per page")
                rows = run(client, slug, arguments.rounds)
                width = min(max(len(path) for path, *_ in rows), 72)
                print(f"{'page':<{width}}  {'first ms':>9}  {'p50 ms':>7}  {'p99 ms':>7}  {'cpu p50':>7}  {'cpu p99':>7}")
                for path, first, p50, p99, cpu50, cpu99 in rows:
                    flag = "" if p99 <= TARGET_MS else "  > target (wall)"
                    shown = path if len(path) <= width else path[: width - 1] + "…"
                    print(f"{shown:<{width}}  {first:9.1f}  {p50:7.2f}  {p99:7.2f}  {cpu50:7.2f}  {cpu99:7.2f}{flag}")
                worst, worst_cpu = max(row[3] for row in rows), max(row[5] for row in rows)
                print(f"worst p99 {worst:.2f} ms wall, {worst_cpu:.2f} ms CPU (target {TARGET_MS:.0f} ms): "
                      f"wall {'met' if worst <= TARGET_MS else 'NOT met'}, CPU {'met' if worst_cpu <= TARGET_MS else 'NOT met'}")
                print(f"-- baseline, same process: the SPARQL page per request ({arguments.baseline_rounds} rounds)")
                ours = {"top": rows[0][2], "api": rows[7][2]}
                for (name, p50, p99), mine in zip(baseline(store, catalogue, slug, arguments.baseline_rounds), ours.values(), strict=True):
                    print(f"  {name}: p50 {p50:.1f} ms, p99 {p99:.1f} ms; prepared page p50 {mine:.2f} ms -> {p50 / mine:,.0f}x")
        store.close()


if __name__ == "__main__":
    main()
