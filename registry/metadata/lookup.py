"""What the registry's current vocabularies say about a set of IRIs, in one query.

`GRAPH ?g { ?node ?p ?o }` with the nodes bound by VALUES is an index lookup per node; rows from
graphs that are not a current version (drafts, older releases, admin graphs) are dropped here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pyoxigraph import NamedNode

from registry.catalogue import Catalogue
from registry.namespaces import PUBLIC_UNION_GRAPH
from registry.store import Store, Term

_BATCH = 2_000
Description = dict[str, list[Term]]  # predicate IRI -> objects


def describe(registry: Store, catalogue: Catalogue, nodes: Iterable[NamedNode]) -> dict[str, Description]:
    """Node IRI -> predicate IRI -> objects, from the current versions of the registered vocabularies."""
    graphs = catalogue.current_graphs()
    in_union = catalogue.union.holds(graphs)  # the current releases as one graph: no filtering
    current = {g.value for g in graphs}
    found: dict[str, Description] = defaultdict(lambda: defaultdict(list))
    ordered = sorted(set(nodes), key=lambda n: n.value)
    for start in range(0, len(ordered), _BATCH):
        listed = " ".join(str(n) for n in ordered[start:start + _BATCH])
        graph = str(PUBLIC_UNION_GRAPH) if in_union else "?g"
        query = f"SELECT ?node ?p ?o ?g WHERE {{ VALUES ?node {{ {listed} }} GRAPH {graph} {{ ?node ?p ?o }} }}"
        for row in registry.query(query):
            if in_union or row["g"].value in current:
                found[row["node"].value][row["p"].value].append(row["o"])
    return found
