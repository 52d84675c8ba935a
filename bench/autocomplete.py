"""Benchmark: autocomplete latency of the search index at 10k, 100k and 1M concepts.

Per size: a synthetic vocabulary (`bench.generate`, ~3.9 labels and a notation per concept) is
bulk-loaded into a named graph of an on-disk store (without the catalogue's counting queries, which
take minutes at 1M and are not measured here; the store is kept in bench/.data/stores for the next
run), the search index is built from the store (`concept_documents` + `SearchIndex.index_vocabulary`,
what every sync runs), and `SearchIndex.autocomplete` (k=10) is timed over a bounded query set: the 10 most common 1-, 2- and 3-letter prefixes (of label
starts and word starts), common whole words, two-word prefixes, long prefixes, misspellings and
misses, each also with the language filter and with the vocabulary filter. It prints p50/p95/p99
per size, how they grow from the smallest size to the largest, and the index build time.

Baseline in the same run (smaller sizes only, bounded in time): the naive approach, a SPARQL
`STRSTARTS(LCASE(...))` filter over the same labels in pyoxigraph, ranked by label length and cut to
10 (no diacritic folding, no word prefixes: less work than the index does), and the ratio.

    python -m bench.autocomplete [--sizes 10k 100k 1m] [--repeat 15] [--baseline-sizes 10k 100k] [--fresh]
"""

from __future__ import annotations

import argparse
import collections
import itertools
import os
import random
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Variable

from bench.generate import DATA_DIR, dataset, parse_size, slug_for
from registry.formats import format_of_file
from registry.namespaces import version_graph
from registry.oxigraph_store import OxigraphStore
from registry.search import SearchFilter, SearchIndex, concept_documents
from registry.search.text import normalise

K = 10
SAMPLED_LABELS = 300_000  # labels read from the data file to find the most common prefixes
NAIVE_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?prefix ?concept ?label WHERE {
  ?concept skos:prefLabel|skos:altLabel|skos:hiddenLabel|skos:notation ?label .
  FILTER(STRSTARTS(LCASE(STR(?label)), ?prefix))
}
ORDER BY STRLEN(STR(?label)) LIMIT 10
"""
_LABEL_LINE = re.compile(r'<http://www\.w3\.org/2004/02/skos/core#(?:prefLabel|altLabel)> "((?:[^"\\]|\\.)*)"')


@dataclass
class SizeResult:
    size: int
    labels: int
    load_seconds: float | None  # None: a store kept from an earlier run
    build_seconds: float
    index_mb: float
    latencies: dict[str, list[float]]  # query group -> seconds
    naive: list[float] | None = None
    naive_queries: list[str] | None = None


def query_set(data_file: Path, seed: int = 7) -> dict[str, list[str]]:
    """Bounded query groups from a sample of the real labels of the data file."""
    starts: dict[int, collections.Counter] = {n: collections.Counter() for n in (1, 2, 3)}
    words: collections.Counter = collections.Counter()
    pairs: collections.Counter = collections.Counter()
    long_labels: list[str] = []
    with data_file.open(encoding="utf-8") as lines:
        for line in itertools.islice((line for line in lines if "core#prefLabel" in line or "core#altLabel" in line), SAMPLED_LABELS):
            found = _LABEL_LINE.search(line)
            if not found:
                continue
            text = normalise(found.group(1))
            tokens = text.split()
            for token in tokens:
                words[token] += 1
                for n in starts:
                    if len(token) >= n:
                        starts[n][token[:n]] += 1
            if len(tokens) >= 2:
                pairs[f"{tokens[0]} {tokens[1][:2]}"] += 1
            if len(text) > 24 and len(long_labels) < 200:
                long_labels.append(text[: len(text) - 2])
    rng = random.Random(seed)
    common_words = [w for w, _ in words.most_common(40) if len(w) >= 5][:10]
    return {
        "1-letter": [p for p, _ in starts[1].most_common(10)],
        "2-letter": [p for p, _ in starts[2].most_common(10)],
        "3-letter": [p for p, _ in starts[3].most_common(10)],
        "word": common_words,
        "two-word": [p for p, _ in pairs.most_common(5)],
        "long": rng.sample(long_labels, min(3, len(long_labels))),
        "misspelt": [w[:2] + w[3] + w[2] + w[4:] for w in common_words[:5]],
        "miss": ["xqzwv", "qqqq zzz"],
    }


def bulk_loaded_store(data_file: Path, graph: NamedNode, fresh: bool) -> tuple[OxigraphStore, float | None]:
    """The data in a named graph of an on-disk store, kept under bench/.data/stores for the next
    run (the benchmark only reads it); the load time, or None when a kept store was reused."""
    directory = DATA_DIR / "stores" / f"{data_file.stem}-autocomplete-store"  # not "<store>-search": an index's default name
    complete = directory / ".complete"
    if complete.exists() and not fresh:
        return OxigraphStore(directory), None
    shutil.rmtree(directory, ignore_errors=True)
    store = OxigraphStore(directory)
    started = time.perf_counter()
    store.bulk_load(data_file, format_of_file(data_file), graph, None)
    store.flush()
    complete.touch()
    return store, time.perf_counter() - started


def load_and_index(size: int, workdir: Path, fresh: bool) -> tuple[OxigraphStore, str, SearchIndex, SizeResult]:
    """The data bulk-loaded into a store, then the index built from the store with the documents
    query every sync uses (`concept_documents`)."""
    data_file = dataset(size, suffix=".nt")
    graph = version_graph(slug_for(size), "bench")
    store, load_seconds = bulk_loaded_store(data_file, graph, fresh)
    index = SearchIndex(workdir / "search")
    started = time.perf_counter()
    labels = index.index_vocabulary(slug_for(size), graph.value, concept_documents(store, graph))
    build_seconds = time.perf_counter() - started
    index_mb = sum(f.stat().st_size for f in (workdir / "search").rglob("*") if f.is_file()) / 1e6
    return store, graph.value, index, SizeResult(size, labels, load_seconds, build_seconds, index_mb, {})


def time_autocomplete(index: SearchIndex, groups: dict[str, list[str]], slug: str, repeat: int) -> dict[str, list[float]]:
    """Latencies per group; every query runs `repeat` times unfiltered, with lang=nl and with the
    vocabulary filter, in a shuffled order after one warm-up pass."""
    filters = {"": SearchFilter(), " lang=nl": SearchFilter(language="nl"), " vocabulary": SearchFilter(vocabularies=(slug,))}
    runs = [(group + suffix, text, f) for group, texts in groups.items() for text in texts for suffix, f in filters.items()]
    for _, text, f in runs:
        index.autocomplete(text, f, limit=K)
    order = runs * repeat
    random.Random(1).shuffle(order)
    latencies: dict[str, list[float]] = collections.defaultdict(list)
    for name, text, f in order:
        started = time.perf_counter()
        index.autocomplete(text, f, limit=K)
        latencies[name].append(time.perf_counter() - started)
    return latencies


def time_naive(store: OxigraphStore, graph: str, queries: list[str], budget_seconds: float) -> list[float]:
    """The SPARQL STRSTARTS baseline, once per query, until the time budget is spent."""
    latencies = []
    deadline = time.perf_counter() + budget_seconds
    for text in queries:
        if time.perf_counter() > deadline:
            break
        started = time.perf_counter()
        rows = list(store.query(NAIVE_QUERY, substitutions={Variable("prefix"): Literal(text)}, default_graph=[NamedNode(graph)]))
        latencies.append(time.perf_counter() - started)
        assert len(rows) <= K
    return latencies


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _seconds(value: float | None) -> str:
    return "kept" if value is None else f"{value:.1f} s"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f}"


def report(results: list[SizeResult]) -> None:
    print("\n== autocomplete latency (ms, k=10, SearchIndex.autocomplete in-process) ==")
    groups = list(results[0].latencies)
    print(f"{'group':<26}" + "".join(f"{slug_for(r.size):>30}" for r in results))
    print(f"{'':<26}" + "".join(f"{'p50':>10}{'p95':>10}{'p99':>10}" for _ in results))
    for group in groups:
        cells = "".join(ms(percentile(r.latencies[group], 50)) + "  " + ms(percentile(r.latencies[group], 95)) + "  " + ms(percentile(r.latencies[group], 99)) for r in results)
        print(f"{group:<26}{cells}")
    common = [g for g in groups if g.split()[0] in ("1-letter", "2-letter", "3-letter")]
    print("\n== summary per size ==")
    print(f"{'size':<16}{'labels':>10}{'bulk load s':>14}{'index build s':>15}{'index MB':>10}{'common p50':>12}{'p95':>8}{'p99':>8}{'all p50':>10}{'p95':>8}{'p99':>8}")
    for r in results:
        common_values = [v for g in common for v in r.latencies[g]]
        all_values = [v for values in r.latencies.values() for v in values]
        print(
            f"{slug_for(r.size):<16}{r.labels:>10,}{_seconds(r.load_seconds):>14}{r.build_seconds:>15.1f}{r.index_mb:>10.0f}"
            f"{ms(percentile(common_values, 50)):>12}{ms(percentile(common_values, 95)):>8}{ms(percentile(common_values, 99)):>8}"
            f"{ms(percentile(all_values, 50)):>10}{ms(percentile(all_values, 95)):>8}{ms(percentile(all_values, 99)):>8}"
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last.size / first.size

        def p(result: SizeResult, q: float) -> float:
            return percentile([v for values in result.latencies.values() for v in values], q)

        print(
            f"\ngrowth {slug_for(first.size)} -> {slug_for(last.size)} ({growth:,.0f}x the concepts): "
            f"p50 x{p(last, 50) / p(first, 50):.1f}, p99 x{p(last, 99) / p(first, 99):.1f}; "
            f"build x{last.build_seconds / first.build_seconds:.0f}"
        )
    naive = [r for r in results if r.naive]
    if naive:
        print("\n== baseline: SPARQL STRSTARTS over the same labels (same 1-3 letter prefixes, unfiltered) ==")
        for r in naive:
            indexed = [v for g in ("1-letter", "2-letter", "3-letter") for v in r.latencies[g]]
            print(
                f"{slug_for(r.size):<16} naive p50 {ms(percentile(r.naive, 50))} ms over {len(r.naive)} queries;"
                f" index p50 {ms(percentile(indexed, 50))} ms; index is {percentile(r.naive, 50) / percentile(indexed, 50):,.0f}x faster"
            )
    print(f"\nmachine: {os.cpu_count()} CPUs, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["10k", "100k", "1m"])
    parser.add_argument("--repeat", type=int, default=15, help="runs of every query and filter")
    parser.add_argument("--baseline-sizes", nargs="*", default=["10k", "100k"])
    parser.add_argument("--baseline-budget", type=float, default=20.0, help="seconds of naive queries per size")
    parser.add_argument("--workdir", type=Path, default=None, help="where the indexes go (default: a temporary directory)")
    parser.add_argument("--fresh", action="store_true", help="bulk-load the stores again instead of reusing bench/.data/stores")
    arguments = parser.parse_args()
    baseline_sizes = {parse_size(s) for s in arguments.baseline_sizes}
    results = []
    root = Path(tempfile.mkdtemp(prefix="eduvoc-bench-", dir=arguments.workdir))
    try:
        for size in map(parse_size, arguments.sizes):
            workdir = root / slug_for(size)
            store, graph, index, result = load_and_index(size, workdir, arguments.fresh)
            print(
                f"{slug_for(size)}: bulk load {_seconds(result.load_seconds)}, index build {result.build_seconds:.1f} s "
                f"({result.labels:,} labels, {result.index_mb:.0f} MB)",
                flush=True,
            )
            groups = query_set(dataset(size, suffix=".nt"))
            result.latencies = time_autocomplete(index, groups, slug_for(size), arguments.repeat)
            if size in baseline_sizes:
                prefixes = groups["1-letter"] + groups["2-letter"] + groups["3-letter"]
                result.naive = time_naive(store, graph, prefixes, arguments.baseline_budget)
            results.append(result)
            del index
            store.close()
            shutil.rmtree(workdir, ignore_errors=True)
        report(results)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
