"""Benchmark: registering a large vocabulary (`eduvoc load FILE`: bulk load, checks, catalogue,
union graph, search index) against a raw pyoxigraph bulk load of the same file into a fresh
on-disk store (the engine at its best, no checks), each in its own process so that CPU seconds
(all threads) and peak RSS are each side's own.

    python -m bench.load_scale --sizes 100k[,1m] [--seed 1]

Targets (issue 15): CPU ≤ 2x the raw bulk load; the 1M vocabulary in ≤ 10 min with peak RSS ≤ 2 GB.
Writes bench/results/load_scale.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.artefacts import load_average, read_result, write_result
from bench.generate import dataset, parse_size

TARGET_RATIO, TARGET_SECONDS_1M, TARGET_RSS_MB = 2.0, 600, 2048


def _raw(path: Path, store_dir: Path) -> dict:
    import pyoxigraph

    store = pyoxigraph.Store(str(store_dir))
    store.bulk_load(path=path, format=pyoxigraph.RdfFormat.TURTLE, to_graph=pyoxigraph.NamedNode("urn:bench:graph"))
    store.flush()
    return {"triples": len(store)}


def _eduvoc(path: Path, store_dir: Path) -> dict:
    from registry.catalogue import Catalogue
    from registry.formats import format_of_file
    from registry.loading import register_vocabulary
    from registry.oxigraph_store import OxigraphStore
    from registry.search import SearchIndex, sync_search_index

    store = OxigraphStore(store_dir)
    catalogue = Catalogue(store)
    report = register_vocabulary(store, catalogue, path, format_of_file(path), slug="synthetic", source_name=path.name)
    index = SearchIndex.open(str(store_dir) + "-search")
    sync_search_index(store, catalogue, index)
    store.close()
    return {"triples": report.triples, "concepts": report.concepts}


def child(side: str, path: str, store_dir: str) -> None:
    """Run one side and print its figures as JSON (CPU of every thread, wall, peak RSS)."""
    started, wall = time.process_time(), time.perf_counter()
    figures = (_raw if side == "raw" else _eduvoc)(Path(path), Path(store_dir))
    figures |= {"cpu_s": round(time.process_time() - started, 2), "wall_s": round(time.perf_counter() - wall, 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    print(json.dumps(figures))


def run_side(side: str, path: Path, timeout: float) -> dict:
    with tempfile.TemporaryDirectory() as directory:
        result = subprocess.run([sys.executable, "-m", "bench.load_scale", "--child", side, str(path), str(Path(directory) / "store")],
                                capture_output=True, text=True, timeout=timeout, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=7200)
    parser.add_argument("--child", nargs=3, metavar=("SIDE", "FILE", "STORE"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(*arguments.child)
        return
    started_load = load_average()
    sizes = {}
    for size in arguments.sizes.split(","):
        path = dataset(parse_size(size), arguments.seed)
        raw = run_side("raw", path, arguments.timeout)
        eduvoc = run_side("eduvoc", path, arguments.timeout)
        ratio = eduvoc["cpu_s"] / raw["cpu_s"]
        sizes[size] = {"raw": raw, "eduvoc": eduvoc, "cpu_ratio": round(ratio, 2),
                       "triples_per_s": round(eduvoc["triples"] / eduvoc["wall_s"]), "load_average_after": load_average(),
                       "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        print(f"{size}: {eduvoc['triples']:,} triples; raw bulk load {raw['cpu_s']:.1f} s CPU ({raw['wall_s']:.1f} s wall, "
              f"{raw['peak_rss_mb']} MB); eduvoc load {eduvoc['cpu_s']:.1f} s CPU ({eduvoc['wall_s']:.1f} s wall, "
              f"{eduvoc['peak_rss_mb']} MB) = {ratio:.2f}x the raw CPU (target <= {TARGET_RATIO:g}x)")
    earlier = read_result("load_scale")  # sizes not measured in this run keep their figures (each with its time)
    sizes = {**(earlier["figures"]["sizes"] if earlier else {}), **sizes}
    write_result("load_scale", {"sizes": sizes, "targets": {"cpu_ratio": TARGET_RATIO, "seconds_1m": TARGET_SECONDS_1M,
                                                            "peak_rss_mb": TARGET_RSS_MB}}, started_load=started_load)


if __name__ == "__main__":
    main()
