"""The SKOS entailments the registry relies on, applied in one place: when a version graph is loaded.

SKOS (https://www.w3.org/TR/skos-reference/) makes some statements follow from others:
- S4.7 / S7: `skos:topConceptOf` is a sub-property of `skos:inScheme`;
- S4.8: `skos:hasTopConcept` is the inverse of `skos:topConceptOf`;
- S8.4 / S22: `skos:narrower` is the inverse of `skos:broader`.

A vocabulary may write only one side (a scheme listing its top concepts with `skos:hasTopConcept`,
a thesaurus with `skos:broader` only). Every reader of the registry (concept listings, counts,
search documents, the quality checks, SPARQL users) asks for `skos:inScheme`, `skos:broader`,
`skos:narrower`, …, so the statements that follow are *materialised* into the version graph right
after it is bulk-loaded (`registry.loading.load_fresh_graph`, which every load and upload passes),
before it is checked or counted. docs/architecture.md ("SKOS entailment") says why here.

An inverse is only written about a subject the file itself describes: a scheme whose concept has a
`skos:narrower` into another vocabulary (ESCO's ISCED-F fields over ESCO skills) must not gain
statements about that vocabulary's concepts, which the ownership check (registry/ownership.py)
refuses and which would otherwise reach the other vocabulary's views through the union graph.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from registry.store import Store

#: (name, SPARQL update over graph $graph): each adds what its rule entails and is not there yet
RULES: tuple[tuple[str, str], ...] = (
    ("hasTopConcept = ^topConceptOf", "INSERT { ?c skos:topConceptOf ?s } WHERE { ?s skos:hasTopConcept ?c FILTER NOT EXISTS { ?c skos:topConceptOf ?s } FILTER EXISTS { ?c ?cp ?co } }"),
    ("topConceptOf = ^hasTopConcept", "INSERT { ?s skos:hasTopConcept ?c } WHERE { ?c skos:topConceptOf ?s FILTER NOT EXISTS { ?s skos:hasTopConcept ?c } FILTER EXISTS { ?s ?sp ?so } }"),
    ("topConceptOf ⊑ inScheme", "INSERT { ?c skos:inScheme ?s } WHERE { ?c skos:topConceptOf ?s FILTER NOT EXISTS { ?c skos:inScheme ?s } }"),
    ("narrower = ^broader", "INSERT { ?b skos:narrower ?n } WHERE { ?n skos:broader ?b FILTER NOT EXISTS { ?b skos:narrower ?n } FILTER EXISTS { ?b ?bp ?bo } }"),
    ("broader = ^narrower", "INSERT { ?n skos:broader ?b } WHERE { ?b skos:narrower ?n FILTER NOT EXISTS { ?n skos:broader ?b } FILTER EXISTS { ?n ?np ?no } }"),
)
PREFIX = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


def entailment_update(graph: NamedNode) -> str:
    """One SPARQL update applying every rule within `graph` (the graph's IRI is serialised as a
    term, never pasted as text). Order matters: top concepts first, so `skos:hasTopConcept` alone
    also yields `skos:inScheme`."""
    return PREFIX + " ;\n".join(f"WITH {graph} {rule}" for _, rule in RULES)


def materialise(store: Store, graph: NamedNode) -> None:
    """Add to `graph` the SKOS statements that follow from it (see the module docstring)."""
    store.update(entailment_update(graph))
