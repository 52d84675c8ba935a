"""Benchmark: validating DCAT-AP-NL dataset records end to end, parse included (issue 5).

The shapes are those of the "dataset" profile: DCAT-AP 3.0.1 (dcat-ap-SHACL.ttl) and DCAT-AP-NL 3.0
(dcat-ap-nl-SHACL.ttl, dcat-ap-nl-SHACL-aanbevolen.ttl) as published, plus eduvoc's education
extension (shapes/dataset-education.ttl) when it exists. The records come from
bench/generate_datasets.py (deterministic, about a third with defects).

1. all --records records as one document, parse included: eduvoc (parse straight into an
   in-memory Oxigraph store, then the compiled SPARQL queries);
2. the baseline on the first --pyshacl-records of them (pySHACL needs ~4.5 minutes per 1,000
   records here and grows faster than linearly, so its run is bounded; pass
   --pyshacl-records 10000 for the full set): plain pySHACL (rdflib parse + pyshacl.validate)
   against eduvoc on the same shapes and the same records; both timings, the ratio, and whether
   the findings are exactly the same (focus, path, value, source shape, component, severity, as
   multisets);
3. the records one by one, as the validate service receives them (eduvoc only);
4. one record in a warm process: p50 / p99 over --runs records.

    python -m bench.validate_datasets [--records 10000] [--pyshacl-records 1000] [--runs 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

import pyshacl
from rdflib import Graph

from bench.generate_datasets import records
from registry.validation import (
    DOCUMENT_GRAPH,
    load_document,
    load_shapes,
    validate,
    validate_document,
)

ROOT = Path(__file__).resolve().parent.parent
SHAPE_FILES = [
    ROOT / "sources" / "dcat-ap-3.0.1" / "releases" / "3.0.1" / "shacl" / "dcat-ap-SHACL.ttl",
    ROOT / "sources" / "dcat-ap-nl-3.0" / "shapes" / "dcat-ap-nl-SHACL.ttl",
    ROOT / "sources" / "dcat-ap-nl-3.0" / "shapes" / "dcat-ap-nl-SHACL-aanbevolen.ttl",
    ROOT / "shapes" / "dataset-education.ttl",
]
TARGET_RATIO = 10.0
TARGET_MS = 5.0


def shape_files() -> list[Path]:
    return [p for p in SHAPE_FILES if p.exists()]


def eduvoc_batch(document: str):
    """Parse into Oxigraph and validate; returns the report, the shapes and the seconds taken."""
    started = time.perf_counter()
    shapes = load_shapes(*shape_files())
    store = load_document(document, "turtle", name="records")
    report = validate(store, [DOCUMENT_GRAPH], shapes)
    return report, shapes, time.perf_counter() - started


def pyshacl_batch(document: str):
    """Plain pySHACL: rdflib parse of data and shapes, then pyshacl.validate (no inference)."""
    started = time.perf_counter()
    data = Graph().parse(data=document, format="turtle")
    shapes = Graph()
    for path in shape_files():
        shapes.parse(path)
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False)
    return report, shapes, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--pyshacl-records", type=int, default=1_000, help="records for the pySHACL baseline (0: skip it)")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    files = shape_files()
    print(f"shapes: {', '.join(p.name for p in files)}")
    started = time.perf_counter()
    batch = records(args.records, args.seed)
    document = "\n".join(batch)
    print(f"{args.records:,} records generated in {time.perf_counter() - started:.1f} s ({len(document) / 1e6:.1f} MB Turtle)")

    started = time.perf_counter()
    compiled = load_shapes(*files)
    print(f"shapes parsed and compiled once: {(time.perf_counter() - started) * 1000:.0f} ms, "
          f"{len(compiled.constraints)} constraints in {len(compiled.runs)} queries")

    report, _, eduvoc_seconds = eduvoc_batch(document)
    print(f"\n1. all {args.records:,} records as one document, parse included")
    print(f"   eduvoc  : {eduvoc_seconds:8.2f} s  {len(report.findings):,} findings, severities {report.severity_counts()}")

    if args.pyshacl_records:
        from tests.validation.reference import engine_result_keys, pyshacl_report_keys

        n = min(args.pyshacl_records, args.records)
        sample = "\n".join(batch[:n])
        print(f"\n2. the first {n:,} records as one document, parse included, against plain pySHACL")
        report, shapes, eduvoc_seconds = eduvoc_batch(sample)
        print(f"   eduvoc  : {eduvoc_seconds:8.2f} s  {len(report.findings):,} findings")
        reference, reference_shapes, pyshacl_seconds = pyshacl_batch(sample)
        mine = engine_result_keys(report, shapes)
        theirs = pyshacl_report_keys(reference, reference_shapes)
        same = mine == theirs
        print(f"   pySHACL : {pyshacl_seconds:8.2f} s  {sum(theirs.values()):,} findings")
        print(f"   ratio   : {pyshacl_seconds / eduvoc_seconds:8.1f}x (target >= {TARGET_RATIO:.0f}x)")
        print(f"   findings identical: {same}")
        if not same:
            for key in sorted(set(mine) | set(theirs))[:10]:
                if mine[key] != theirs[key]:
                    print(f"     eduvoc {mine[key]} / pySHACL {theirs[key]}: {key}")

    print(f"\n3. the {args.records:,} records one by one (validate_document per record)")
    started = time.perf_counter()
    per_record: Counter[bool] = Counter()
    for text in batch:
        per_record[validate_document(text, "turtle", compiled).blocks_publication] += 1
    seconds = time.perf_counter() - started
    print(f"   eduvoc  : {seconds:8.2f} s  ({seconds / args.records * 1000:.2f} ms per record); "
          f"{per_record[True]:,} records with violations, {per_record[False]:,} without")

    print(f"\n4. one record in a warm process ({args.runs} runs)")
    timings = []
    for text in batch[: args.runs]:
        started = time.perf_counter()
        validate_document(text, "turtle", compiled)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"   p50 {statistics.median(timings):.2f} ms, p99 {p99:.2f} ms, min {timings[0]:.2f} ms "
          f"(target p50 < {TARGET_MS:.0f} ms)")


if __name__ == "__main__":
    main()
