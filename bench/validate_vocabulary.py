"""Benchmark: the quality checks before publication, on a synthetic 100k-concept vocabulary.

1. registry.validation with the vocabulary profile on the 100k vocabulary: load, compile, check,
   and the time per check;
2. publishing it the way an editor does (upload a draft, check, publish), on disk, against the
   target of under a minute, checks included;
3. the same checks by pySHACL, on smaller vocabularies from the same generator (pySHACL runs each
   SPARQL check once per focus node and needs hours at 100k): both timings, the ratio, and whether
   the findings are identical. Sizes are tried in order while the previous pySHACL run stayed
   within the time budget.

    python -m bench.validate_vocabulary [--size 100k] [--reference-sizes 500,1k,2k] [--budget 300]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

import pyoxigraph

from bench.generate import dataset, generate, parse_size, slug_for
from registry.formats import format_of_file
from registry.oxigraph_store import OxigraphStore
from registry.quality import VOCABULARY_PROFILE, check_vocabulary, vocabulary_profile
from registry.validation import load_shapes

GRAPH = pyoxigraph.NamedNode("urn:eduvoc:bench:vocabulary")
TARGET_SECONDS = 60.0


def check_in_memory(path: Path) -> None:
    """Load into an in-memory store, compile the profile, check; print the time per check."""
    store = OxigraphStore()
    started = time.perf_counter()
    store.bulk_load(path, format_of_file(path), GRAPH, None)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    shapes = load_shapes(VOCABULARY_PROFILE)
    compiled = time.perf_counter() - started
    per_check: Counter[str] = Counter()
    for constraint in shapes.constraints:
        started = time.perf_counter()
        list(store.query(constraint.query, default_graph=[GRAPH]))
        per_check[constraint.shape.check_id or str(constraint.shape.node)] += time.perf_counter() - started
    started = time.perf_counter()
    report = check_vocabulary(store, GRAPH, shapes)
    checked = time.perf_counter() - started
    print(f"  load {loaded:.1f} s ({store.count(GRAPH):,} triples), compile {compiled * 1000:.0f} ms "
          f"({len(shapes.constraints)} queries), check {checked:.1f} s, {len(report.findings):,} findings")
    for check_id, seconds in per_check.most_common(8):
        print(f"    {check_id:28} {seconds:6.2f} s")
    print(f"  findings per check: {report.counts()}")


def publish_on_disk(path: Path, slug: str) -> float | None:
    """Upload a draft and publish it with the quality check, in a fresh on-disk store."""
    try:
        from registry.auth import Principal, Role
        from registry.catalogue import Catalogue
        from registry.drafts import publish_draft, upload_draft
    except ImportError as error:  # the drafts workflow is issue #4 part 1; measure without it
        print(f"  (drafts workflow not available: {error})")
        return None
    from registry.errors import QualityViolations

    admin = Principal("urn:eduvoc:bench:admin", "eduvoc", Role.ADMIN)
    with tempfile.TemporaryDirectory(prefix="eduvoc-bench-") as directory:
        store = OxigraphStore(Path(directory))
        catalogue = Catalogue(store)
        started = time.perf_counter()
        upload_draft(store, catalogue, slug, path, format_of_file(path), admin, source_name=path.name)
        uploaded = time.perf_counter() - started
        try:
            publish_draft(store, catalogue, slug, admin, "1.0.0", "benchmark", check_vocabulary)
            checked = released = time.perf_counter() - started - uploaded
            refused = ""
        except QualityViolations as refusal:
            # The generator's random altLabels and related links include real SKOS violations, so the
            # check refuses the release; time the release step on its own to complete the figure.
            checked = time.perf_counter() - started - uploaded
            violations = Counter(f.check_id for f in refusal.report.findings if f.severity.value == "Violation")  # type: ignore[attr-defined]
            refused = f" (the check refused it: {dict(violations)}; release timed without the check)"
            release_started = time.perf_counter()
            publish_draft(store, catalogue, slug, admin, "1.0.0", "benchmark", None)
            released = checked + time.perf_counter() - release_started
        total = uploaded + released
        store.close()
    verdict = "within" if total < TARGET_SECONDS else "OVER"
    print(f"  upload draft {uploaded:.1f} s, quality check {checked:.1f} s, check + release {released:.1f} s: "
          f"{total:.1f} s in all, {verdict} the {TARGET_SECONDS:.0f} s target{refused}")
    return total


def compare_with_pyshacl(sizes: list[int], budget: float, seed: int) -> None:
    """Engine and pySHACL on the same generated vocabularies: timings, ratio, identical findings."""
    from tests.validation.reference import (  # the same comparison the tests use
        engine_results,
        pyshacl_results,
    )

    shapes = vocabulary_profile()
    previous: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory(prefix="eduvoc-bench-") as directory:
        for size in sizes:
            if previous is not None and previous[1] * size / previous[0] > budget:
                print(f"  {size:>7,} concepts: skipped, pySHACL would need about {previous[1] * size / previous[0]:.0f} s (budget {budget:.0f} s)")
                continue
            path = generate(size, Path(directory) / f"{slug_for(size)}.ttl", seed)
            started = time.perf_counter()
            _, engine_keys, engine_messages = engine_results(path, shapes)
            engine_seconds = time.perf_counter() - started
            started = time.perf_counter()
            _, reference_keys, reference_messages = pyshacl_results(path, VOCABULARY_PROFILE)
            reference_seconds = time.perf_counter() - started
            identical = engine_keys == reference_keys and engine_messages == reference_messages
            print(f"  {size:>7,} concepts: registry.validation {engine_seconds:6.2f} s, pySHACL {reference_seconds:7.1f} s, "
                  f"{reference_seconds / engine_seconds:,.0f}x faster; {sum(engine_keys.values()):,} findings, "
                  f"{'identical' if identical else 'DIFFERENT'}")
            previous = (size, reference_seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", help="concepts in the synthetic vocabulary (default 100k)")
    parser.add_argument("--reference-sizes", default="500,1k,2k", help="sizes pySHACL checks too")
    parser.add_argument("--budget", type=float, default=300.0, help="seconds one pySHACL run may take (estimated)")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    size = parse_size(arguments.size)
    path = dataset(size, arguments.seed)
    print(f"{slug_for(size)} ({path}):")
    print("registry.validation, in memory:")
    check_in_memory(path)
    print("publishing on disk (upload draft, quality check, publish):")
    publish_on_disk(path, slug_for(size))
    print("registry.validation vs pySHACL (vocabulary profile, same generated data):")
    compare_with_pyshacl([parse_size(s) for s in arguments.reference_sizes.split(",")], arguments.budget, arguments.seed)


if __name__ == "__main__":
    main()
