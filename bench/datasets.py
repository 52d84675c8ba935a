"""Benchmark: browsing the dataset catalogue and impact analysis.

1. The bundled vocabularies plus N synthetic dataset descriptions (bench.generate_datasets),
   stored the way registration stores them (a fresh graph each, then the record switch; the
   profile check is left out here — bench/ for validation measures that).
2. Browse with facets (registry.datasets.browse over the summaries kept per write) against the
   plain way: one SPARQL query per request for the matches and one per facet for the counts.
   Same totals and counts are asserted; time per request and the ratio are printed.
3. Impact analysis of a whole vocabulary (`impact_of`: datasets, mappings and references in one
   query) against a fair baseline: ONE well-written SPARQL query counting the mappings that point
   at or start from the vocabulary's concepts in the same graphs (an earlier baseline ran one
   query per concept over a default graph of every graph, which flattered us); same counts
   asserted; both timings and the ratio. And the impact of single concepts (the concept page).

Writes bench/results/datasets.json.

    python -m bench.datasets [--records 1000] [--vocabulary esco-skills]
"""

from __future__ import annotations

import argparse
import time
import uuid
from datetime import UTC, datetime

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from bench.artefacts import load_average, write_result
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
        ours = timed(lambda: browse(dataset_index(store, catalogue), q, filters), repeat)
        plain = timed(lambda: plain_browse(store, catalogue, q, filters), max(1, repeat // 20))
        print(f"  {name:12} {total:6,} matches   browse {ours * 1000:7.2f} ms   SPARQL per request {plain * 1000:8.1f} ms   ×{plain / ours:,.0f}")


def one_query_mappings(store: OxigraphStore, catalogue: Catalogue, slug: str) -> int:
    """The fair baseline: one query, the vocabulary's concepts as a graph pattern, counting the
    mapping statements to or from them in every other public current graph (as impact_of does)."""
    record = catalogue.vocabulary(slug)
    own = {record.graph, *(r.graph for r in record.releases)}
    old = {r.graph for v in catalogue.vocabularies() for r in v.releases} - {v.graph for v in catalogue.vocabularies()}
    graphs = [g for g in catalogue.public_graphs() if g.value not in own | old]
    matches = " ".join(f"<{m}>" for m in sorted(MATCHES))
    query = f"""SELECT (COUNT(*) AS ?n) WHERE {{
      GRAPH {NamedNode(record.graph)} {{ ?c a <{SKOS}Concept> }}
      VALUES ?p {{ {matches} }}
      {{ GRAPH ?g {{ ?s ?p ?c }} }} UNION {{ GRAPH ?g {{ ?c ?p ?o }} }}
      FILTER (?g IN ({", ".join(str(g) for g in graphs)}))
    }}"""
    return int(next(iter(store.query(query)))["n"].value)


def bench_impact(store: OxigraphStore, catalogue: Catalogue, slug: str, repeat: int = 5) -> dict:
    record = catalogue.vocabulary(slug)
    impact = impact_of(store, catalogue, uri=record.scheme)
    plain = one_query_mappings(store, catalogue, slug)
    assert impact.mapping_count == plain, (impact.mapping_count, plain)
    ours = timed(lambda: impact_of(store, catalogue, uri=record.scheme), repeat)
    baseline = timed(lambda: one_query_mappings(store, catalogue, slug), repeat)
    print(f"  {slug} ({record.concept_count:,} concepts): {impact.mapping_count} mappings, {len(impact.datasets)} datasets, "
          f"{sum(v.count for v in impact.vocabularies)} references from other vocabularies")
    print(f"  impact_of (datasets, mappings, references) {ours * 1000:.0f} ms   one SPARQL query (mappings only) {baseline * 1000:.0f} ms"
          f"   impact_of takes {ours / baseline:.2f}x the baseline's time")
    concepts = [row["c"].value for row in store.query(f"SELECT ?c WHERE {{ ?c a <{SKOS}Concept> }} LIMIT 200", default_graph=[NamedNode(record.graph)])]
    per_concept = sorted(timed(lambda c=c: impact_of(store, catalogue, uri=c), 1) * 1000 for c in concepts)
    p50 = per_concept[len(per_concept) // 2]
    print(f"  one concept's impact (the concept page): p50 {p50:.2f} ms over {len(concepts)} concepts")
    return {"vocabulary": slug, "concepts": record.concept_count, "mappings": impact.mapping_count,
            "impact_of_ms": round(ours * 1000, 1), "one_query_baseline_ms": round(baseline * 1000, 1),
            "ratio_time": round(ours / baseline, 2), "concept_impact_p50_ms": round(p50, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--vocabulary", default="esco-skills")
    parser.add_argument("--repeat", type=int, default=200)
    arguments = parser.parse_args()
    started_load = load_average()
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
    figures = {"impact": bench_impact(store, catalogue, arguments.vocabulary), "records": arguments.records}
    write_result("datasets", figures, started_load=started_load)


if __name__ == "__main__":
    main()
