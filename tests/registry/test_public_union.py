"""The materialised union of the current releases: always exactly their triples, or unused."""

from __future__ import annotations

import re
from pathlib import Path

from pyoxigraph import NamedNode

from registry.concepts import get_concept
from registry.formats import format_named
from registry.loading import register_vocabulary
from registry.namespaces import PUBLIC_UNION_GRAPH, is_version_graph
from registry.public_union import PublicUnion
from registry.sparql import QueryLimits, run_query
from tests.conftest import VOCABULARIES_DIR

TURTLE = format_named("turtle")
LIMITS = QueryLimits(30.0, 100_000)
XAPI_VERBS = VOCABULARIES_DIR / "xapi-verbs.ttl"


def triples(store, graphs) -> set:
    return {(q.subject, q.predicate, q.object) for g in graphs for q in store.quads(None, None, None, g)}


def current_release_triples(store, catalogue) -> set:
    return triples(store, [g for g in catalogue.current_graphs() if is_version_graph(g)])


def load(registry, path: Path, slug: str) -> None:
    store, catalogue = registry
    register_vocabulary(store, catalogue, path, TURTLE, slug=slug, source_name=path.name)


def test_every_write_keeps_the_union_exactly_the_current_releases(empty_registry):
    store, catalogue = empty_registry
    for slug in ("xapi-verbs", "xapi-activity-types", "werkvormen"):
        load(empty_registry, VOCABULARIES_DIR / f"{slug}.ttl", slug)
        assert triples(store, [PUBLIC_UNION_GRAPH]) == current_release_triples(store, catalogue)
    assert catalogue.union.holds(catalogue.current_graphs())
    assert catalogue.sync_union() == (0, 0)  # nothing left to do


def test_a_new_release_replaces_what_only_the_old_one_said_and_keeps_what_both_say(empty_registry, tmp_path):
    store, catalogue = empty_registry
    load(empty_registry, XAPI_VERBS, "xapi-verbs")
    load(empty_registry, VOCABULARIES_DIR / "werkvormen.ttl", "werkvormen")
    original = XAPI_VERBS.read_text(encoding="utf-8")
    changed = tmp_path / "xapi-verbs.ttl"
    # every English preferred label changes: the old ones must leave the union, the rest stays
    changed.write_text(re.sub(r'skos:prefLabel "([^"]+)"@en', r'skos:prefLabel "\1 (v2)"@en', original), encoding="utf-8")
    old_graph = NamedNode(catalogue.vocabulary("xapi-verbs").graph)
    load(empty_registry, changed, "xapi-verbs")
    assert old_graph in store.named_graphs()  # releases are kept; the union just stops holding it
    union_triples = triples(store, [PUBLIC_UNION_GRAPH])
    assert union_triples == current_release_triples(store, catalogue)
    old_labels = {t for t in triples(store, [old_graph]) if t[1].value.endswith("#prefLabel") and t[2].language == "en"}
    assert old_labels and not old_labels & union_triples  # what only the old release said is gone
    shared = triples(store, [old_graph]) - old_labels
    assert shared and shared <= union_triples  # what both releases say stays


def test_a_graph_dropped_before_the_sync_is_still_taken_out(empty_registry):
    store, catalogue = empty_registry
    load(empty_registry, XAPI_VERBS, "xapi-verbs")
    load(empty_registry, VOCABULARIES_DIR / "xapi-activity-types.ttl", "xapi-activity-types")
    union = PublicUnion(store)  # the same union, read afresh from the store
    graphs = catalogue.current_graphs()
    assert union.holds(graphs)
    verbs = NamedNode(catalogue.vocabulary("xapi-verbs").graph)
    store.drop_graph(verbs)
    remaining = [g for g in graphs if g != verbs]
    assert union.sync(remaining) == (0, 1)
    assert triples(store, [PUBLIC_UNION_GRAPH]) == triples(store, [g for g in remaining if is_version_graph(g)])


def test_while_the_union_is_behind_readers_use_the_graphs_themselves(empty_registry, monkeypatch):
    store, catalogue = empty_registry
    load(empty_registry, XAPI_VERBS, "xapi-verbs")
    in_step = catalogue.union.default_graph(catalogue.current_graphs())
    assert in_step[0] == PUBLIC_UNION_GRAPH and not any(is_version_graph(g) for g in in_step)
    monkeypatch.setattr(catalogue, "sync_union", lambda: (0, 0))  # as if the sync had not run yet
    load(empty_registry, VOCABULARIES_DIR / "xapi-activity-types.ttl", "xapi-activity-types")
    graphs = catalogue.current_graphs()
    assert catalogue.union.default_graph(graphs) == graphs
    scheme = NamedNode("https://w3id.org/eduvoc/vocab/xapi-activity-types")
    [member] = [q.subject for q in store.quads(None, NamedNode("http://www.w3.org/2004/02/skos/core#inScheme"), scheme)][:1]
    concept = get_concept(store, catalogue, member)  # found in its own graph, not in the union
    assert concept.pref_labels and "xapi-activity-types" in concept.vocabularies
    answer = run_query(store, catalogue, f"ASK {{ <{member.value}> ?p ?o }}", LIMITS)
    assert answer.value is True


def test_sparql_answers_are_the_same_through_the_union(bundled_registry):
    """Same answers as over the list of graphs, except that the union is a true RDF merge: a
    triple two releases share is matched once (Oxigraph matches it once per listed graph)."""
    store, catalogue = bundled_registry
    assert catalogue.union.holds(catalogue.current_graphs())
    count = run_query(store, catalogue, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", LIMITS)
    # the releases are merged in the union; the graphs beside it (catalogue, datasets, mapping
    # graphs) are matched each on its own, so a triple an accepted mapping shares with a release
    # (the bundled learning-outcomes -> ESCO set) counts once per graph that holds it
    beside = [g for g in catalogue.query_graphs() if not is_version_graph(g)]
    expected = len(current_release_triples(store, catalogue)) + sum(len(triples(store, [g])) for g in beside)
    assert int(count.rows[0][0].value) == expected
    for query in (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT DISTINCT ?c ?b WHERE { ?c skos:broader ?b } ORDER BY ?c ?b",
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?s (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c skos:inScheme ?s } GROUP BY ?s ORDER BY ?s",
    ):
        through_union = run_query(store, catalogue, query, LIMITS)
        over_the_list = [list(row) for row in store.query(query, default_graph=catalogue.query_graphs())]
        assert through_union.rows == over_the_list and over_the_list
