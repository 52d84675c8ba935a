"""The materialised union of the public immutable graphs: always exactly their triples, or unused."""

from __future__ import annotations

import re
from pathlib import Path

from pyoxigraph import NamedNode

from registry.formats import format_named
from registry.loading import register_vocabulary
from registry.namespaces import PUBLIC_UNION_GRAPH, is_immutable_graph
from registry.public_union import PublicUnion
from registry.sparql import QueryLimits, run_query
from tests.conftest import VOCABULARIES_DIR

TURTLE = format_named("turtle")
LIMITS = QueryLimits(30.0, 100_000)


def triples(store, graphs) -> set:
    return {(q.subject, q.predicate, q.object) for g in graphs for q in store.quads(None, None, None, g)}


def expected_union(store, catalogue) -> set:
    return triples(store, [g for g in catalogue.query_graphs() if is_immutable_graph(g)])


def load(registry, path: Path, slug: str) -> None:
    store, catalogue = registry
    register_vocabulary(store, catalogue, path, TURTLE, slug=slug, source_name=path.name)


def test_the_union_holds_exactly_the_triples_of_the_current_releases(empty_registry):
    store, catalogue = empty_registry
    for slug in ("xapi-verbs", "xapi-activity-types", "werkvormen"):
        load(empty_registry, VOCABULARIES_DIR / f"{slug}.ttl", slug)
    union = PublicUnion(store)
    assert union.sync(catalogue.query_graphs()) == (3, 0)
    assert triples(store, [PUBLIC_UNION_GRAPH]) == expected_union(store, catalogue)
    assert union.sync(catalogue.query_graphs()) == (0, 0)  # nothing to do the second time


def test_a_new_release_replaces_what_only_the_old_one_said_and_keeps_what_both_say(empty_registry, tmp_path):
    store, catalogue = empty_registry
    load(empty_registry, VOCABULARIES_DIR / "xapi-verbs.ttl", "xapi-verbs")
    load(empty_registry, VOCABULARIES_DIR / "werkvormen.ttl", "werkvormen")
    union = PublicUnion(store)
    union.sync(catalogue.query_graphs())
    original = (VOCABULARIES_DIR / "xapi-verbs.ttl").read_text(encoding="utf-8")
    changed = tmp_path / "xapi-verbs.ttl"
    # every English preferred label changes: the old ones must leave the union, the rest stays
    changed.write_text(re.sub(r'skos:prefLabel "([^"]+)"@en', r'skos:prefLabel "\1 (v2)"@en', original), encoding="utf-8")
    old_graph = NamedNode(catalogue.vocabulary("xapi-verbs").graph)
    load(empty_registry, changed, "xapi-verbs")
    assert union.sync(catalogue.query_graphs()) == (1, 1)
    assert old_graph in store.named_graphs()  # releases are kept; the union just stops holding it
    union_triples = triples(store, [PUBLIC_UNION_GRAPH])
    assert union_triples == expected_union(store, catalogue)
    labels = {o.value for _, p, o in union_triples if p.value.endswith("#prefLabel") and o.language == "en"}
    assert any(label.endswith("(v2)") for label in labels)


def test_a_graph_dropped_before_the_sync_is_still_taken_out(empty_registry):
    store, catalogue = empty_registry
    load(empty_registry, VOCABULARIES_DIR / "xapi-verbs.ttl", "xapi-verbs")
    load(empty_registry, VOCABULARIES_DIR / "xapi-activity-types.ttl", "xapi-activity-types")
    union = PublicUnion(store)
    graphs = catalogue.query_graphs()
    union.sync(graphs)
    verbs = NamedNode(catalogue.vocabulary("xapi-verbs").graph)
    store.drop_graph(verbs)  # as a withdrawn dataset description's graph is dropped
    remaining = [g for g in graphs if g != verbs]
    assert union.sync(remaining) == (0, 1)
    assert triples(store, [PUBLIC_UNION_GRAPH]) == triples(store, [g for g in remaining if is_immutable_graph(g)])


def test_queries_use_the_union_only_while_it_is_in_step(empty_registry):
    store, catalogue = empty_registry
    load(empty_registry, VOCABULARIES_DIR / "xapi-verbs.ttl", "xapi-verbs")
    union = PublicUnion(store)
    graphs = catalogue.query_graphs()
    assert union.default_graph(graphs) == graphs  # not synced yet: the plain list
    union.sync(graphs)
    in_step = union.default_graph(graphs)
    assert in_step[0] == PUBLIC_UNION_GRAPH and not any(is_immutable_graph(g) for g in in_step)
    load(empty_registry, VOCABULARIES_DIR / "xapi-activity-types.ttl", "xapi-activity-types")
    assert union.default_graph(catalogue.query_graphs()) == catalogue.query_graphs()  # behind: the list again


def test_sparql_answers_are_the_same_through_the_union(bundled_registry):
    """Same answers, except that the union is a true RDF merge: a triple two releases share is
    matched once (Oxigraph matches it once per graph in a default graph given as a list)."""
    store, catalogue = bundled_registry
    union = PublicUnion(store)
    union.sync(catalogue.query_graphs())
    try:
        count = run_query(store, catalogue, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", LIMITS, union=union)
        assert int(count.rows[0][0].value) == len(triples(store, catalogue.query_graphs()))
        for query in (
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT DISTINCT ?c ?b WHERE { ?c skos:broader ?b } ORDER BY ?c ?b",
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?s (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c skos:inScheme ?s } GROUP BY ?s ORDER BY ?s",
        ):
            plain = run_query(store, catalogue, query, LIMITS)
            through_union = run_query(store, catalogue, query, LIMITS, union=union)
            assert plain.variables == through_union.variables
            assert plain.rows == through_union.rows and plain.rows
    finally:
        store.drop_graph(PUBLIC_UNION_GRAPH)  # the session registry is shared: leave it as found
        store.remove_quads([q for q in store.quads(PUBLIC_UNION_GRAPH, None, None)])
