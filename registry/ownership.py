"""Ownership of triples: a vocabulary states triples only about what it owns.

A registered vocabulary owns what its current release declares: its `skos:ConceptScheme`, the
concepts it puts in that scheme (`skos:inScheme`, `skos:topConceptOf`, `skos:hasTopConcept`) and
its `skos:Collection`s. Another vocabulary's version (draft or release) may not state anything
about those: upload and publish refuse a graph with such subjects (`ForeignStatements`, naming
them). Mappings to other vocabularies are statements whose subject is an own concept
(`own skos:exactMatch theirs`), so they are allowed; `theirs owl:deprecated true` is not.
Subjects that no registered vocabulary owns (the file's agents, classes, version resources, blank
nodes) are allowed: real vocabularies describe their publishers and versions inline.

Readers add a second line of defence (`believed_deprecation`): whether a concept is deprecated and
what replaces it is read only from the current release of the vocabulary that declares it, never
from the merge of every release.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode

from registry.catalogue import Catalogue
from registry.errors import ForeignStatements
from registry.namespaces import RDF_TYPE, SKOS, Dct, Owl, Skos
from registry.store import Store

MAX_NAMED = 20  # offending subjects named in a refusal

_SUBJECTS = "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }"
_HAS_TOP_CONCEPT = NamedNode(SKOS + "hasTopConcept")
_DECLARING_TYPES = (NamedNode(SKOS + "Collection"), NamedNode(SKOS + "ConceptScheme"))
_DECLARING = (Skos.inScheme, Skos.topConceptOf)


def foreign_subjects(store: Store, catalogue: Catalogue, graph: NamedNode, scheme: NamedNode, slug: str) -> list[str]:
    """The subjects of `graph` (a version of `slug`, whose scheme is `scheme`) that another
    registered vocabulary owns (a concept or collection it declares, or its scheme), sorted.

    Subjects no registered vocabulary owns (the file's own concepts, however it puts them in its
    scheme or hierarchy; its agents, classes and version resources; blank nodes) are the file's
    business: real vocabularies (VocPub, NL-SBB) describe their publishers, creators and versions
    inline, and refusing those would refuse valid SKOS."""
    others = frozenset(NamedNode(r.graph) for r in catalogue.vocabularies() if r.slug != slug)
    if not others:
        return []
    # index lookups per subject: the cost grows with this vocabulary, not with the registry
    subjects = (row["s"] for row in store.query(_SUBJECTS, default_graph=[graph]))
    return sorted(_name(s) for s in subjects if _declared_in(store, s, others))


def _declared_in(store: Store, term: NamedNode, graphs: frozenset[NamedNode]) -> bool:
    """Whether one of `graphs` (other vocabularies' current releases) declares `term` as its own."""
    for quad in store.quads(term, None, None, None):  # one index scan for the term's own statements
        if quad.graph_name in graphs and (quad.predicate in _DECLARING or (quad.predicate == RDF_TYPE and quad.object in _DECLARING_TYPES)):
            return True
    return any(q.graph_name in graphs for q in store.quads(None, _HAS_TOP_CONCEPT, term, None))


def check_ownership(store: Store, catalogue: Catalogue, graph: NamedNode, scheme: NamedNode, slug: str) -> None:
    """Refuse `graph` if it states anything about terms `slug` does not own."""
    offending = foreign_subjects(store, catalogue, graph, scheme, slug)
    if offending:
        shown = offending[:MAX_NAMED]
        more = f" (and {len(offending) - len(shown)} more)" if len(offending) > len(shown) else ""
        raise ForeignStatements(
            f"vocabulary {slug!r} (scheme {scheme.value}) may not state triples about another registered "
            f"vocabulary's scheme, concepts or collections; these subjects belong to others: {', '.join(shown)}{more}",
            subjects=shown,
            total=len(offending),
        )


def _name(subject) -> str:
    return subject.value if isinstance(subject, NamedNode) else f"_:{subject.value}" if isinstance(subject, BlankNode) else str(subject)


# --- reading: believe deprecations only from the owner ------------------------------------------


def owning_graphs(store: Store, catalogue: Catalogue, concept: NamedNode) -> list[NamedNode]:
    """The current release graphs of the vocabularies that declare `concept` in their own scheme
    there (normally one)."""
    graphs = []
    for predicate in (Skos.inScheme, Skos.topConceptOf):
        for quad in store.quads(concept, predicate, None, None):
            record = catalogue.vocabulary_of_scheme(quad.object.value) if isinstance(quad.object, NamedNode) else None
            if record is not None and quad.graph_name == NamedNode(record.graph) and quad.graph_name not in graphs:
                graphs.append(NamedNode(record.graph))  # equal to quad.graph_name, typed as a NamedNode
    return graphs


def believed_deprecation(store: Store, catalogue: Catalogue, concept: NamedNode) -> tuple[bool, list[str]]:
    """(deprecated, replacements) of `concept` as its owning vocabulary states them."""
    deprecated, replacements = False, []
    for graph in owning_graphs(store, catalogue, concept):
        deprecated |= any(isinstance(q.object, Literal) and q.object.value in ("true", "1")
                          for q in store.quads(concept, Owl.deprecated, None, graph))
        replacements += [q.object.value for q in store.quads(concept, Dct.isReplacedBy, None, graph)
                         if isinstance(q.object, NamedNode) and q.object.value not in replacements]
    return deprecated, replacements
