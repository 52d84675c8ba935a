"""Benchmark: quality and speed of the lexical mapping suggestions (registry.matching).

Quality: precision and recall at 1 and 5 against the real curated mappings in the bundled
vocabularies (every skos:exactMatch/closeMatch/broadMatch/narrowMatch/relatedMatch triple between two
registered vocabularies, either direction), per vocabulary pair. Only source concepts that have a
curated mapping into the target are scored (the others may rightly have none): P@k = correct
suggestions among the top k of those concepts / suggestions made; R@k = curated pairs found in a
top k / curated pairs.

Speed: suggestions between a 10k-concept and a 1k-concept vocabulary (two synthetic vocabularies
of bench.generate, different seeds, sharing the lexicon) and between the real SLO doelen (17k) and
ESCO skills (1.7k). Baseline in the same run: the naive all-pairs comparison (rapidfuzz over every
label pair, no blocking), timed on a sample of source labels and extrapolated, and the ratio.

    python -m bench.suggestions [--sample 200]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process

from bench.generate import generate
from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.formats import format_of_file
from registry.loading import register_vocabulary
from registry.matching.lexical import match_labels
from registry.matching.suggestions import (
    FLOOR_SCORE,
    MAPPING_PREDICATES,
    _labels,
    compute,
)
from registry.matching.text import match_key
from registry.oxigraph_store import OxigraphStore

GOLD = """SELECT ?s ?o ?ss ?os WHERE {
  VALUES ?p { PREDICATES }
  ?s ?p ?o . ?s <http://www.w3.org/2004/02/skos/core#inScheme> ?ss . ?o <http://www.w3.org/2004/02/skos/core#inScheme> ?os .
}""".replace("PREDICATES", " ".join(f"<{p}>" for p in MAPPING_PREDICATES))


def curated_pairs(store, catalogue) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(source id, target id) -> curated (source concept, target concept) pairs, both directions."""
    gold: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for row in store.query(GOLD, default_graph=catalogue.current_graphs()):
        source, target = catalogue.vocabulary_of_scheme(row["ss"].value), catalogue.vocabulary_of_scheme(row["os"].value)
        if source is None or target is None or source.slug == target.slug:
            continue
        gold[(source.slug, target.slug)].add((row["s"].value, row["o"].value))
        gold[(target.slug, source.slug)].add((row["o"].value, row["s"].value))
    return gold


def quality(store, catalogue) -> None:
    print("Quality against curated mappings (scored source concepts: those with a curated mapping into the target)")
    print(f"{'source -> target':58} {'pairs':>5} {'P@1':>6} {'R@1':>6} {'P@5':>6} {'R@5':>6}")
    totals = defaultdict(float)
    for (source, target), pairs in sorted(curated_pairs(store, catalogue).items()):
        result = compute(store, catalogue, source, target, min_score=FLOOR_SCORE)
        ranked: dict[str, list[str]] = defaultdict(list)
        for s in result.suggestions:
            ranked[s.subject].append(s.object)
        sources = {s for s, _ in pairs}
        row = {}
        for k in (1, 5):
            made = sum(len(ranked[s][:k]) for s in sources)
            correct = sum(1 for s in sources for o in ranked[s][:k] if (s, o) in pairs)
            row[f"P@{k}"] = correct / made if made else 0.0
            row[f"R@{k}"] = correct / len(pairs)
            totals[f"correct@{k}"] += correct
            totals[f"made@{k}"] += made
        totals["pairs"] += len(pairs)
        print(f"{source + ' -> ' + target:58} {len(pairs):5d} {row['P@1']:6.2f} {row['R@1']:6.2f} {row['P@5']:6.2f} {row['R@5']:6.2f}")
    print(f"{'all pairs (micro-average)':58} {int(totals['pairs']):5d} "
          f"{totals['correct@1'] / totals['made@1']:6.2f} {totals['correct@1'] / totals['pairs']:6.2f} "
          f"{totals['correct@5'] / totals['made@5']:6.2f} {totals['correct@5'] / totals['pairs']:6.2f}")


def naive_seconds(sources, targets, sample: int) -> tuple[float, int]:
    """All-pairs rapidfuzz over every label pair (no blocking) for a sample of source labels,
    extrapolated to all of them; also returns the number of label pairs."""
    target_keys = [match_key(t.text, t.language) for t in targets]
    chosen = random.Random(5).sample(list(sources), min(sample, len(sources)))
    started = time.perf_counter()
    for entry in chosen:
        key = match_key(entry.text, entry.language)
        process.extract(key, target_keys, scorer=fuzz.token_set_ratio, score_cutoff=17, limit=5)
    elapsed = time.perf_counter() - started
    return elapsed * len(sources) / len(chosen), len(sources) * len(targets)


def speed(label: str, store, catalogue, source: str, target: str, sample: int) -> None:
    started = time.perf_counter()
    source_labels = _labels(store, catalogue.vocabulary(source), "nl")
    target_labels = _labels(store, catalogue.vocabulary(target), "nl")
    read = time.perf_counter() - started
    started = time.perf_counter()
    pairs = match_labels(source_labels.entries, target_labels.entries, per_source=5, min_score=FLOOR_SCORE)
    matched = time.perf_counter() - started
    naive, comparisons = naive_seconds(source_labels.entries, target_labels.entries, sample)
    total = read + matched
    print(f"{label}: {len(source_labels.display):,} x {len(target_labels.display):,} concepts "
          f"({len(source_labels.entries):,} x {len(target_labels.entries):,} labels, {comparisons / 1e6:,.0f}M label pairs)")
    print(f"  suggestions: {total:.2f} s (labels read {read:.2f} s, matching {matched:.2f} s), {len(pairs):,} candidates "
          f"-> {'under' if total < 30 else 'OVER'} the 30 s budget")
    print(f"  baseline, naive all pairs (rapidfuzz, no blocking; {sample} source labels timed, extrapolated): {naive:.1f} s")
    print(f"  ratio naive / blocked: {naive / matched:.0f}x (matching only), {naive / total:.0f}x (with reading labels)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=200, help="source labels timed for the naive baseline")
    arguments = parser.parse_args()
    settings = Settings()
    store = OxigraphStore()
    catalogue = Catalogue(store)
    load_files(store, catalogue, bundled_files(settings.vocabularies_dir, settings.ontology_dir))
    quality(store, catalogue)
    print()
    with tempfile.TemporaryDirectory() as directory:
        for size, seed in ((10_000, 1), (1_000, 2)):
            path = generate(size, Path(directory) / f"synthetic-{size}-s{seed}.ttl", seed)
            text = path.read_text(encoding="utf-8")
            slug = f"synthetic-{size // 1000}k-s{seed}"
            path.write_text(text.replace(f"/vocab/synthetic-{size // 1000}k", f"/vocab/{slug}"), encoding="utf-8")
            register_vocabulary(store, catalogue, path, format_of_file(path), slug=slug, source_name=path.name)
    speed("synthetic 10k -> synthetic 1k", store, catalogue, "synthetic-10k-s1", "synthetic-1k-s2", arguments.sample)
    speed("SLO doelen -> ESCO skills", store, catalogue, "slo-doelen", "esco-skills", arguments.sample)


if __name__ == "__main__":
    main()
