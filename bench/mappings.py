"""Benchmark: importing and exporting a large SSSOM mapping set (registry.mappings).

Two synthetic vocabularies of bench.generate (10k and 1k concepts, different seeds) are loaded;
an SSSOM TSV maps every concept of the first to one of the second (seeded). Timed: the import
(strict reading with row/column errors, the concept check against both vocabularies, one SPARQL
update, the SKOS graph rebuilt), the export (labels, sssom-py's writer), and the re-import of the
export (asserted to export identically). Baseline in the same run: sssom-py's own parser
(`parse_sssom_table`) reading the same file, which neither checks the concepts nor stores
anything; the ratio says what the registry's extra work costs.

    python -m bench.mappings [--rows 10000]
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
import time
from pathlib import Path

from bench.generate import generate
from registry.auth import Principal, Role
from registry.catalogue import Catalogue
from registry.formats import format_of_file
from registry.loading import register_vocabulary
from registry.mappings import service, transfer
from registry.mappings.layout import ACCEPTED_GRAPH
from registry.mappings.model import Status
from registry.organisations import ensure_organisation
from registry.oxigraph_store import OxigraphStore

OWNER = Principal("https://w3id.org/eduvoc/agent/bench", "bench", Role.ADMIN)
PREDICATES = ("skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch", "skos:relatedMatch")


def concepts(store: OxigraphStore, graph: str) -> list[str]:
    query = "SELECT ?c WHERE { ?c a <http://www.w3.org/2004/02/skos/core#Concept> } ORDER BY ?c"
    from pyoxigraph import NamedNode

    return [row["c"].value for row in store.query(query, default_graph=[NamedNode(graph)])]


def sssom_file(sources: list[str], targets: list[str], rows: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    source_ns = sources[0].rsplit("/", 1)[0] + "/"
    target_ns = targets[0].rsplit("/", 1)[0] + "/"
    lines = ["# curie_map:", f"#   src: {source_ns}", f"#   tgt: {target_ns}", "# mapping_set_id: https://w3id.org/eduvoc/mapping-set/bench",
             "# license: https://creativecommons.org/publicdomain/zero/1.0/", "# mapping_date: 2026-01-01",
             "subject_id\tpredicate_id\tobject_id\tmapping_justification\tconfidence"]
    for subject in (sources * (rows // len(sources) + 1))[:rows]:
        obj = rng.choice(targets)
        lines.append(f"src:{subject[len(source_ns):]}\t{rng.choice(PREDICATES)}\ttgt:{obj[len(target_ns):]}\tsemapv:LexicalMatching\t{rng.random():.3f}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    print(f"  {label:<44} {elapsed:8.2f} s")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    arguments = parser.parse_args()
    from sssom.parsers import parse_sssom_table

    with tempfile.TemporaryDirectory() as folder:
        store = OxigraphStore()
        catalogue = Catalogue(store)
        slugs = []
        for n, seed in ((10_000, 1), (1_000, 2)):
            path = generate(n, Path(folder), seed)
            report = register_vocabulary(store, catalogue, path, format_of_file(path), slug=f"bench-{n}", source_name=path.name)
            slugs.append((report.slug, report.graph))
        (source, source_graph), (target, target_graph) = slugs
        ensure_organisation(store, "bench", "bench")
        service.create_mapping_set(store, catalogue, OWNER, set_id="bench", source=source, target=target, title="bench", owner="bench")
        data = sssom_file(concepts(store, source_graph), concepts(store, target_graph), arguments.rows)
        print(f"SSSOM file: {arguments.rows:,} rows, {len(data) / 1e6:.1f} MB; {source} (10k) -> {target} (1k)")
        _, baseline = timed("baseline: sssom-py parse_sssom_table", lambda: parse_sssom_table(io.StringIO(data.decode("utf-8"))))
        report, imported = timed("import (check + one update), all accepted", lambda: transfer.import_sssom(
            store, catalogue, "bench", data, OWNER, default_status=Status.ACCEPTED, name="bench.sssom.tsv"))
        assert report.mappings == arguments.rows
        print(f"  accepted SKOS triples: {store.count(ACCEPTED_GRAPH):,}")
        exported, export_time = timed("export as SSSOM TSV (labels + sssom-py writer)", lambda: transfer.export_set(store, catalogue, "bench", "sssom"))
        _, reimport = timed("re-import of the export (replaces all)", lambda: transfer.import_sssom(store, catalogue, "bench", exported, OWNER))
        again, _ = timed("export again", lambda: transfer.export_set(store, catalogue, "bench", "sssom"))
        assert again == exported, "the round trip changed the export"
        print(f"  round trip identical: yes ({len(exported) / 1e6:.1f} MB)")
        print(f"  import rate: {arguments.rows / imported:,.0f} rows/s; import / sssom-py parse = {imported / baseline:.2f}x;"
              f" re-import / parse = {reimport / baseline:.2f}x; export {arguments.rows / export_time:,.0f} rows/s")


if __name__ == "__main__":
    main()
