"""Benchmark: load the bundled vocabularies into a fresh on-disk store, as the first `make serve` does.

Prints the load time and triples/s of the whole bundled set, per vocabulary for the largest, and the
baseline of pyoxigraph's own bulk_load of the same files into one store (no checks, no catalogue)
in the same run, with the ratio.

    python -m bench.load_bundled [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph

from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.oxigraph_store import OxigraphStore


def eduvoc_load(directory: Path, files: list[tuple[str, Path]]) -> tuple[float, int, list]:
    store = OxigraphStore(directory)
    started = time.perf_counter()
    reports = load_files(store, Catalogue(store), files)
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed, sum(r.triples for r in reports), reports


def raw_bulk_load(directory: Path, files: list[tuple[str, Path]]) -> float:
    store = pyoxigraph.Store(str(directory))
    started = time.perf_counter()
    for slug, path in files:
        store.bulk_load(path=path, format=pyoxigraph.RdfFormat.TURTLE, to_graph=pyoxigraph.NamedNode(f"urn:bench:{slug}"))
    store.flush()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    settings = Settings()
    files = bundled_files(settings.vocabularies_dir, settings.ontology_dir)
    eduvoc_times, raw_times = [], []
    triples, reports = 0, []
    for _ in range(arguments.repeat):
        with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
            elapsed, triples, reports = eduvoc_load(Path(first) / "store", files)
            eduvoc_times.append(elapsed)
            raw_times.append(raw_bulk_load(Path(second) / "store", files))
    eduvoc_median, raw_median = statistics.median(eduvoc_times), statistics.median(raw_times)
    print(f"bundled set: {len(files)} files, {triples:,} triples, {sum(r.concepts for r in reports):,} concepts")
    print(f"eduvoc load (checks + catalogue, atomic per file): median {eduvoc_median:.2f} s over {arguments.repeat} runs"
          f" = {triples / eduvoc_median:,.0f} triples/s")
    print(f"baseline pyoxigraph bulk_load, same files:          median {raw_median:.2f} s"
          f" = {triples / raw_median:,.0f} triples/s")
    print(f"ratio eduvoc / baseline: {eduvoc_median / raw_median:.2f}x")
    print("largest vocabularies:")
    for report in sorted(reports, key=lambda r: r.triples, reverse=True)[:5]:
        print(f"  {report.slug}: {report.triples:,} triples, {report.concepts:,} concepts")


if __name__ == "__main__":
    main()
