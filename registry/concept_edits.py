"""Editing one concept in a draft: add, change, deprecate (with replacements), move. Each edit
is computed as statements to remove and to add, then applied in one transaction
(`registry.drafts.apply_to_draft`), keeping broader/narrower and top-concept links symmetric."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad, Variable

from registry.auth import Principal
from registry.catalogue import Catalogue
from registry.concepts import parse_iri
from registry.drafts import apply_to_draft, draft_graph
from registry.errors import Conflict, InvalidInput, NotFound
from registry.namespaces import RDF_TYPE, SKOS, Dct, Owl, Skos
from registry.store import Store

TRUE = Literal("true", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
MAPPINGS = {
    "exact_match": Skos.exactMatch,
    "close_match": Skos.closeMatch,
    "broad_match": Skos.broadMatch,
    "narrow_match": Skos.narrowMatch,
    "related_match": Skos.relatedMatch,
}
HAS_TOP_CONCEPT = NamedNode(SKOS + "hasTopConcept")


@dataclass
class ConceptChange:
    """The fields an editor sets on a concept; None leaves a field as it is (on change)."""

    pref_labels: dict[str, str] | None = None
    alt_labels: dict[str, list[str]] | None = None
    definitions: dict[str, str] | None = None
    notation: str | None = None
    broader: list[str] | None = None
    related: list[str] | None = None
    mappings: dict[str, list[str]] = field(default_factory=dict)


def _statements(store: Store, graph: NamedNode, subject: NamedNode) -> list[Quad]:
    rows = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", substitutions={Variable("s"): subject}, default_graph=[graph])
    return [Quad(subject, row["p"], row["o"], graph) for row in rows]


def _is_concept(store: Store, graph: NamedNode, iri: NamedNode) -> bool:
    return bool(store.query("ASK { ?c a <http://www.w3.org/2004/02/skos/core#Concept> }", substitutions={Variable("c"): iri}, default_graph=[graph]))


def _scheme(store: Store, graph: NamedNode) -> NamedNode:
    for row in store.query("SELECT ?s WHERE { ?s a <http://www.w3.org/2004/02/skos/core#ConceptScheme> }", default_graph=[graph]):
        return row["s"]
    raise NotFound("the draft has no concept scheme")


def _targets(store: Store, graph: NamedNode, iris: list[str], field_name: str) -> list[NamedNode]:
    nodes = [parse_iri(iri, field_name) for iri in iris]
    for node in nodes:
        if not _is_concept(store, graph, node):
            raise InvalidInput(f"{node.value} is not a concept of this vocabulary's draft", location=field_name)
    return nodes


def _hierarchy(graph: NamedNode, scheme: NamedNode, concept: NamedNode, old: list[Quad], broader: list[NamedNode], store: Store) -> tuple[list[Quad], list[Quad]]:
    """Remove the concept's broader/top links (and their inverses), add the new ones."""
    removals = [q for q in old if q.predicate in (Skos.broader, Skos.topConceptOf)]
    removals += [Quad(q.object, Skos.narrower, concept, graph) for q in old if q.predicate == Skos.broader]
    removals.append(Quad(scheme, HAS_TOP_CONCEPT, concept, graph))
    additions = []
    for parent in broader:
        additions += [Quad(concept, Skos.broader, parent, graph), Quad(parent, Skos.narrower, concept, graph)]
    if not broader:
        additions += [Quad(concept, Skos.topConceptOf, scheme, graph), Quad(scheme, HAS_TOP_CONCEPT, concept, graph)]
    existing = set(_all(store, graph, removals))
    return [q for q in removals if q in existing], additions


def _all(store: Store, graph: NamedNode, quads: list[Quad]) -> list[Quad]:
    """Those of `quads` that are in the graph."""
    found = []
    for q in quads:
        ask = "ASK { ?s ?p ?o }"
        if store.query(ask, substitutions={Variable("s"): q.subject, Variable("p"): q.predicate, Variable("o"): q.object}, default_graph=[graph]):
            found.append(q)
    return found


def _field_statements(graph: NamedNode, concept: NamedNode, change: ConceptChange, store: Store) -> tuple[set[NamedNode], list[Quad]]:
    """Which properties the change replaces, and their new statements."""
    replaced: set[NamedNode] = set()
    additions: list[Quad] = []
    if change.pref_labels is not None:
        if not any(label.strip() for label in change.pref_labels.values()):
            raise InvalidInput("a concept needs at least one preferred label", location="pref_labels")
        replaced.add(Skos.prefLabel)
        additions += [Quad(concept, Skos.prefLabel, Literal(text, language=lang), graph) for lang, text in change.pref_labels.items() if text.strip()]
    if change.alt_labels is not None:
        replaced.add(Skos.altLabel)
        additions += [Quad(concept, Skos.altLabel, Literal(t, language=lang), graph) for lang, texts in change.alt_labels.items() for t in texts if t.strip()]
    if change.definitions is not None:
        replaced.add(Skos.definition)
        additions += [Quad(concept, Skos.definition, Literal(t, language=lang), graph) for lang, t in change.definitions.items() if t.strip()]
    if change.notation is not None:
        replaced.add(Skos.notation)
        if change.notation.strip():
            additions.append(Quad(concept, Skos.notation, Literal(change.notation.strip()), graph))
    if change.related is not None:
        replaced.add(Skos.related)
        additions += [Quad(concept, Skos.related, target, graph) for target in _targets(store, graph, change.related, "related")]
    for name, iris in change.mappings.items():
        if name not in MAPPINGS:
            raise InvalidInput(f"unknown mapping {name!r}; use one of {', '.join(MAPPINGS)}", location="mappings")
        replaced.add(MAPPINGS[name])
        additions += [Quad(concept, MAPPINGS[name], parse_iri(iri, f"mappings.{name}"), graph) for iri in iris]
    return replaced, additions


def add_concept(store: Store, catalogue: Catalogue, slug: str, principal: Principal | None, iri: str, change: ConceptChange) -> str:
    graph = draft_graph(catalogue, slug)
    concept = parse_iri(iri, "uri")
    if _is_concept(store, graph, concept):
        raise Conflict(f"{iri} is already a concept of the draft")
    if not change.pref_labels:
        raise InvalidInput("a new concept needs a preferred label", location="pref_labels")
    scheme = _scheme(store, graph)
    _, additions = _field_statements(graph, concept, change, store)
    broader = _targets(store, graph, change.broader or [], "broader")
    _, hierarchy = _hierarchy(graph, scheme, concept, [], broader, store)
    additions = [Quad(concept, RDF_TYPE, Skos.Concept, graph), Quad(concept, Skos.inScheme, scheme, graph), *additions, *hierarchy]
    apply_to_draft(store, catalogue, slug, principal, "add-concept", [], additions, f"added {iri}")
    return iri


def change_concept(store: Store, catalogue: Catalogue, slug: str, principal: Principal | None, iri: str, change: ConceptChange) -> None:
    graph = draft_graph(catalogue, slug)
    concept = parse_iri(iri, "uri")
    if not _is_concept(store, graph, concept):
        raise NotFound(f"{iri} is not a concept of the draft of {slug!r}")
    old = _statements(store, graph, concept)
    replaced, additions = _field_statements(graph, concept, change, store)
    removals = [q for q in old if q.predicate in replaced]
    if change.broader is not None:
        hierarchy_removals, hierarchy_additions = _hierarchy(graph, _scheme(store, graph), concept, old, _targets(store, graph, change.broader, "broader"), store)
        removals += hierarchy_removals
        additions += hierarchy_additions
    apply_to_draft(store, catalogue, slug, principal, "change-concept", removals, additions, f"changed {iri}")


def move_concept(store: Store, catalogue: Catalogue, slug: str, principal: Principal | None, iri: str, broader: list[str]) -> None:
    change_concept(store, catalogue, slug, principal, iri, ConceptChange(broader=broader))


def deprecate_concept(store: Store, catalogue: Catalogue, slug: str, principal: Principal | None, iri: str, replaced_by: list[str]) -> None:
    """Mark deprecated with its replacements; it leaves the hierarchy but stays resolvable."""
    graph = draft_graph(catalogue, slug)
    concept = parse_iri(iri, "uri")
    if not _is_concept(store, graph, concept):
        raise NotFound(f"{iri} is not a concept of the draft of {slug!r}")
    old = _statements(store, graph, concept)
    if any(q.predicate == Skos.narrower for q in old):
        raise InvalidInput(f"{iri} still has narrower concepts: move them first", location="uri")
    replacements = _targets(store, graph, replaced_by, "replaced_by")
    if concept in replacements:
        raise InvalidInput("a concept cannot replace itself", location="replaced_by")
    removals, _ = _hierarchy(graph, _scheme(store, graph), concept, old, [], store)
    removals += [q for q in old if q.predicate in (Owl.deprecated, Dct.isReplacedBy)]
    additions = [Quad(concept, Owl.deprecated, TRUE, graph), *(Quad(concept, Dct.isReplacedBy, r, graph) for r in replacements)]
    apply_to_draft(store, catalogue, slug, principal, "deprecate-concept", removals, additions,
                   f"deprecated {iri}" + (f", replaced by {', '.join(r.value for r in replacements)}" if replacements else ""))
