"""Benchmark: browsing the dataset catalogue and impact analysis.

1. The bundled vocabularies plus N synthetic dataset descriptions (bench.generate_datasets),
   stored the way registration stores them (a fresh graph each, then the record switch; the
   profile check is left out here — bench/ for validation measures that).
2. Browse with facets (registry.datasets.browse over the summaries kept per write) against the
   plain way: one SPARQL query per request for the matches and one per facet for the counts.
   Same totals and counts are asserted; time per request and the ratio are printed.
3. Impact analysis of a whole vocabulary (one query with the concepts as a graph pattern)
   against one query per concept; same counts asserted; both timings and the ratio.

    python -m bench.datasets [--records 1000] [--vocabulary esco-skills]
"""

from __future__ import annotations

import argparse
import time
import uuid
from datetime import UTC, datetime

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from bench.generate_datasets import records
from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.datasets import FACETS, browse, dataset_index
from registry.datasets.records import switch_record
from registry.datasets.registration import the_dataset
from registry.datasets.terms import dataset_graph, dataset_id
from registry.impact import MATCHES, impact_of
from registry.namespaces import SKOS
from registry.oxigraph_store import OxigraphStore

THEME = "http://publications.europa.eu/resource/authority/data-theme/EDUC"
LEVEL = "https://w3id.org/eduvoc/vocab/aggregation-level/instelling"
REQUESTS = [
    ("everything", "", {}),
    ("theme", "", {"theme": [THEME]}),
    ("text", "examenresultaten", {}),
    ("two filters", "", {"theme": [THEME], "aggregation_level": [LEVEL]}),
]


def store_descriptions(store: OxigraphStore, catalogue: Catalogue, n: int) -> float:
    started = time.perf_counter()
    for text in records(n):
        triples = [t.triple if hasattr(t, "triple") else t for t in pyoxigraph.parse(text.encode(), format=pyoxigraph.RdfFormat.TURTLE)]
        dataset = the_dataset(triples)
        identifier = dataset_id(dataset)
        now = datetime.now(UTC)
        graph = dataset_graph(identifier, now, uuid.uuid4().hex[:8])
        store.add_quads(Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        switch_record(store, identifier, dataset, "bench", graph, now, now, len(triples))
    catalogue.written()
    return time.perf_counter() - started


def plain_browse(store: OxigraphStore, catalogue: Catalogue, q: str, filters: dict[str, list[str]]) -> tuple[int, dict[str, dict[str, int]]]:
    """The same answer by SPARQL per request: matches, then each facet's counts."""
    patterns = [f"?d <{FACETS[name].value}> {NamedNode(v)} ." for name, values in filters.items() for v in values]
    if q:
        literal = pyoxigraph.Literal(q.lower())
        patterns.append(f"?d <http://purl.org/dc/terms/title>|<http://purl.org/dc/terms/description>|<http://www.w3.org/ns/dcat#keyword> ?text . "
                        f"FILTER(CONTAINS(LCASE(STR(?text)), {literal}))")
    where = f"?d a <http://www.w3.org/ns/dcat#Dataset> . {' '.join(patterns)}"
    graphs = catalogue.dataset_graphs()  # each description is in a graph of its own: GRAPH ?g keeps it there
    total = int(next(iter(store.query(f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ GRAPH ?g {{ {where} }} }}", named_graphs=graphs)))["n"].value)
    counts = {}
    for name, prop in FACETS.items():
        value = "COALESCE(?name, ?v)" if name == "publisher" else "?v"
        name_pattern = "OPTIONAL { ?v <http://xmlns.com/foaf/0.1/name> ?name }" if name == "publisher" else "FILTER(isIRI(?v))"
        query = (f"SELECT ?key (COUNT(DISTINCT ?d) AS ?n) WHERE {{ GRAPH ?g {{ {where} ?d <{prop.value}> ?v . {name_pattern} }} "
                 f"BIND(STR({value}) AS ?key) }} GROUP BY ?key")
        counts[name] = {row["key"].value: int(row["n"].value) for row in store.query(query, named_graphs=graphs)}
    return total, counts


def timed(function, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - started) / repeat


def bench_browse(store: OxigraphStore, catalogue: Catalogue, repeat: int) -> None:
    started = time.perf_counter()
    index = dataset_index(store, catalogue)
    print(f"  summaries of {len(index.summaries):,} descriptions read in {time.perf_counter() - started:.2f} s (once per write)")
    for name, q, filters in REQUESTS:
        page = browse(index, q, filters)
        total, counts = plain_browse(store, catalogue, q, filters)
        assert page.total == total, (name, page.total, total)
        for facet in ("theme", "purpose", "aggregation_level"):
            assert {f.value: f.count for f in page.facets[facet]} == counts[facet], (name, facet)
        ours = timed(lambda q=q, filters=filters: browse(dataset_index(store, catalogue), q, filters), repeat)
        plain = timed(lambda q=q, filters=filters: plain_browse(store, catalogue, q, filters), max(1, repeat // 20))
        print(f"  {name:12} {total:6,} matches   browse {ours * 1000:7.2f} ms   SPARQL per request {plain * 1000:8.1f} ms   ×{plain / ours:,.0f}")


def per_concept_mappings(store: OxigraphStore, catalogue: Catalogue, slug: str) -> int:
    """The plain way: for every concept, one query for the mappings that point at it."""
    record = catalogue.vocabulary(slug)
    concepts = [row["c"] for row in store.query(f"SELECT ?c WHERE {{ ?c a <{SKOS}Concept> }}", default_graph=[NamedNode(record.graph)])]
    graphs = [g for g in catalogue.query_graphs() if g.value != record.graph]
    matches = " ".join(f"<{m}>" for m in sorted(MATCHES))
    total = 0
    for concept in concepts:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ ?s ?p {concept} }} UNION {{ {concept} ?p ?o }} VALUES ?p {{ {matches} }} }}"
        total += int(next(iter(store.query(query, default_graph=graphs)))["n"].value)
    return total


def bench_impact(store: OxigraphStore, catalogue: Catalogue, slug: str) -> None:
    record = catalogue.vocabulary(slug)
    started = time.perf_counter()
    impact = impact_of(store, catalogue, uri=record.scheme)
    batched = time.perf_counter() - started
    started = time.perf_counter()
    plain = per_concept_mappings(store, catalogue, slug)
    looped = time.perf_counter() - started
    assert impact.mapping_count == plain, (impact.mapping_count, plain)
    print(f"  {slug} ({record.concept_count:,} concepts): {impact.mapping_count} mappings, {len(impact.datasets)} datasets, "
          f"{sum(v.count for v in impact.vocabularies)} references from other vocabularies")
    print(f"  one query {batched * 1000:.0f} ms   one query per concept (mappings only) {looped * 1000:.0f} ms   ×{looped / batched:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--vocabulary", default="esco-skills")
    parser.add_argument("--repeat", type=int, default=200)
    arguments = parser.parse_args()
    settings = Settings()
    store = OxigraphStore()
    catalogue = Catalogue(store)
    started = time.perf_counter()
    load_files(store, catalogue, bundled_files(settings.vocabularies_dir, settings.ontology_dir))
    print(f"bundled vocabularies loaded in {time.perf_counter() - started:.1f} s")
    seconds = store_descriptions(store, catalogue, arguments.records)
    print(f"{arguments.records:,} synthetic descriptions stored in {seconds:.1f} s ({arguments.records / seconds:,.0f}/s, profile check not included)")
    print("browse with facets (per request):")
    bench_browse(store, catalogue, arguments.repeat)
    print("impact analysis of a whole vocabulary:")
    bench_impact(store, catalogue, arguments.vocabulary)


if __name__ == "__main__":
    main()
