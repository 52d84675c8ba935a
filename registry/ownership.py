"""Ownership of triples: a vocabulary states triples only about what it owns.

A vocabulary version (draft or release) owns
- its `skos:ConceptScheme`;
- the concepts it declares in that scheme (`skos:inScheme`, `skos:topConceptOf`, `skos:hasTopConcept`)
  and the `skos:Collection`s it declares;
- blank nodes reachable from those (they are local to the file and cannot name anyone else's term);
- for the scheme's publisher/creator agents, only `rdf:type` and `foaf:name` (the bundled
  vocabularies describe their publisher that way, and several share one organisation IRI);
unless another registered vocabulary's current release already declares that concept, collection
or scheme: then it is someone else's. Mappings to other vocabularies are statements whose subject
is an own concept (`own skos:exactMatch theirs`), so they are allowed; `theirs owl:deprecated true`
is not. Upload and publish refuse a graph with foreign subjects (`ForeignStatements`, naming them).

Readers add a second line of defence (`believed_deprecation`): whether a concept is deprecated and
what replaces it is read only from the current release of the vocabulary that declares it, never
from the merge of every release.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import BlankNode, Literal, NamedNode, Variable

from registry.catalogue import Catalogue
from registry.errors import ForeignStatements
from registry.namespaces import FOAF, RDF_TYPE, SKOS, Dct, Owl, Skos
from registry.store import Store

MAX_NAMED = 20  # offending subjects named in a refusal

_DECLARED = f"""PREFIX skos: <{SKOS}>
SELECT DISTINCT ?scheme ?s WHERE {{
  {{ ?s skos:inScheme ?scheme }} UNION {{ ?s skos:topConceptOf ?scheme }} UNION {{ ?scheme skos:hasTopConcept ?s }}
  UNION {{ ?s a skos:Collection }}
  FILTER(isIRI(?s))
}}"""
_AGENTS = """PREFIX dct: <http://purl.org/dc/terms/>
SELECT DISTINCT ?scheme ?agent WHERE { ?scheme dct:publisher|dct:creator ?agent FILTER(isIRI(?agent)) }"""
_SUBJECTS = "SELECT DISTINCT ?s WHERE { ?s ?p ?o }"
_AGENT_PREDICATES = frozenset({RDF_TYPE, NamedNode(FOAF + "name")})
_BLANK_EDGES = "SELECT DISTINCT ?s ?o WHERE { ?s ?p ?o FILTER(isBlank(?o)) }"
_HAS_TOP_CONCEPT = NamedNode(SKOS + "hasTopConcept")
_DECLARING_TYPES = (NamedNode(SKOS + "Collection"), NamedNode(SKOS + "ConceptScheme"))
_DECLARING = (Skos.inScheme, Skos.topConceptOf)


def foreign_subjects(store: Store, catalogue: Catalogue, graph: NamedNode, scheme: NamedNode, slug: str) -> list[str]:
    """The subjects of `graph` (a version of `slug`, whose scheme is `scheme`) that it does not own,
    sorted. Empty when every statement is about the vocabulary's own terms."""
    bind = {Variable("scheme"): scheme}
    declared = {row["s"] for row in store.query(_DECLARED, substitutions=bind, default_graph=[graph])}
    agents = {row["agent"] for row in store.query(_AGENTS, substitutions=bind, default_graph=[graph])} - declared - {scheme}
    own = declared | {scheme}
    subjects = [row["s"] for row in store.query(_SUBJECTS, default_graph=[graph])]
    reachable = _reachable_blank_nodes(store, graph, own | agents)
    offending = set()
    for subject in subjects:
        if subject in own or subject in reachable:
            continue
        if subject in agents and all(q.predicate in _AGENT_PREDICATES for q in store.quads(subject, None, None, graph)):
            continue
        offending.add(subject)
    others = frozenset(NamedNode(r.graph) for r in catalogue.vocabularies() if r.slug != slug)
    if others:  # index lookups per own term: the cost grows with this vocabulary, not with the registry
        offending |= {s for s in own | agents if isinstance(s, NamedNode) and _declared_in(store, s, others)}
    return sorted(_name(s) for s in offending)


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
            f"vocabulary {slug!r} may only state triples about its own scheme {scheme.value}, its concepts and "
            f"collections; these subjects are not its own: {', '.join(shown)}{more}",
            subjects=shown,
            total=len(offending),
        )


def _reachable_blank_nodes(store: Store, graph: NamedNode, roots: Iterable) -> set:
    edges: dict = {}
    for row in store.query(_BLANK_EDGES, default_graph=[graph]):
        edges.setdefault(row["s"], []).append(row["o"])
    seen: set = set()
    queue = [o for root in roots for o in edges.get(root, ())]
    while queue:
        node = queue.pop()
        if node not in seen:
            seen.add(node)
            queue.extend(edges.get(node, ()))
    return seen


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
                graphs.append(quad.graph_name)
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
