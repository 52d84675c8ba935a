"""Looking up one concept: every label, note, link and mapping, by two index scans."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar
from weakref import WeakKeyDictionary

from pyoxigraph import Literal, NamedNode

from registry.catalogue import Catalogue
from registry.errors import InvalidInput, NotFound
from registry.namespaces import PUBLIC_UNION_GRAPH, RDF_TYPE, SKOS, Dct, Owl, Skos
from registry.ownership import believed_deprecation
from registry.store import Store

T = TypeVar("T")

LABEL_PROPERTIES = {Skos.prefLabel: "pref_labels", Skos.altLabel: "alt_labels", Skos.hiddenLabel: "hidden_labels"}
NOTE_PROPERTIES = {
    Skos.definition: "definition",
    Skos.scopeNote: "scope_note",
    Skos.note: "note",
    Skos.editorialNote: "editorial_note",
    Skos.example: "example",
}
LINK_PROPERTIES = {
    Skos.broader: "broader",
    Skos.narrower: "narrower",
    Skos.related: "related",
    Skos.exactMatch: "exact_match",
    Skos.closeMatch: "close_match",
    Skos.broadMatch: "broad_match",
    Skos.narrowMatch: "narrow_match",
    Skos.relatedMatch: "related_match",
    Dct.isReplacedBy: "replaced_by",
}


@dataclass(frozen=True)
class LinkedConcept:
    iri: str
    labels: dict[str, str]


@dataclass
class Concept:
    iri: str
    types: list[str] = field(default_factory=list)
    pref_labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    hidden_labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notations: list[str] = field(default_factory=list)
    notes: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    schemes: list[str] = field(default_factory=list)
    top_concept_of: list[str] = field(default_factory=list)
    links: dict[str, dict[str, LinkedConcept]] = field(default_factory=lambda: defaultdict(dict))
    deprecated: bool = False
    vocabularies: list[str] = field(default_factory=list)
    other: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def parse_iri(text: str, parameter: str = "uri") -> NamedNode:
    """A NamedNode for an absolute IRI given by a user, or InvalidInput naming the parameter."""
    try:
        node = NamedNode(text)
    except ValueError as error:
        raise InvalidInput(f"{text!r} is not a valid absolute IRI: {error}", location=parameter, code="not_an_iri", text=text) from None
    if ":" not in text:
        raise InvalidInput(f"{text!r} is not an absolute IRI", location=parameter, code="not_an_iri", text=text)
    return node


def get_concept(store: Store, catalogue: Catalogue, iri: NamedNode) -> Concept:
    """The concept `iri` as the current published versions describe it.

    Index scans instead of a SPARQL query (parsing and planning one cost as much as the scans,
    on the hottest path of the API): the concept's statements, then the preferred labels of the
    concepts it links to, read from the union of the current releases (registry/public_union.py);
    while that is being brought in step, from every graph, dropping the rows of graphs that are
    not current (an old version, a draft, a load in progress).
    """
    concept = Concept(iri=iri.value)
    if catalogue.union.holds(_current_graphs(catalogue)):  # the current releases as one graph
        def statements(subject: NamedNode, predicate: NamedNode | None = None) -> list:
            return store.quads(subject, predicate, None, PUBLIC_UNION_GRAPH)
    else:  # a sync is under way: every graph, keeping the current ones
        current = _current_graph_iris(catalogue)

        def statements(subject: NamedNode, predicate: NamedNode | None = None) -> list:
            return [q for q in store.quads(subject, predicate) if isinstance(q.graph_name, NamedNode) and q.graph_name.value in current]
    for quad in statements(iri):
        _add_statement(concept, quad.predicate, quad.object)
    if SKOS + "Concept" not in concept.types:
        raise NotFound(f"no concept {iri.value} in the registry", code="no_concept", iri=iri.value)
    _believe_only_the_owner(store, catalogue, concept, iri)
    for links in concept.links.values():
        for linked in links.values():
            for quad in statements(NamedNode(linked.iri), Skos.prefLabel):
                if isinstance(quad.object, Literal):
                    linked.labels.setdefault(quad.object.language or "", quad.object.value)
    for scheme in concept.schemes:
        record = catalogue.vocabulary_of_scheme(scheme)
        if record is not None and record.slug not in concept.vocabularies:
            concept.vocabularies.append(record.slug)
    return concept


def _believe_only_the_owner(store: Store, catalogue: Catalogue, concept: Concept, iri: NamedNode) -> None:
    """Deprecation and replacements as the vocabulary that owns the concept states them, not as
    any other release merged into the union says (registry/ownership.py)."""
    concept.deprecated, replacements = believed_deprecation(store, catalogue, iri)
    if "replaced_by" in concept.links:
        kept = {key: linked for key, linked in concept.links["replaced_by"].items() if key in replacements}
        if kept:
            concept.links["replaced_by"] = kept
        else:
            del concept.links["replaced_by"]


def _current_graphs(catalogue: Catalogue) -> list[NamedNode]:
    return catalogue_derived(catalogue, "current graphs", lambda c: c.current_graphs())


def _current_graph_iris(catalogue: Catalogue) -> frozenset[str]:
    return catalogue_derived(catalogue, "current graph IRIs", lambda c: frozenset(g.value for g in c.current_graphs()))


class _Derived:
    """Values computed from one catalogue's records; a write bumps the generation."""

    def __init__(self) -> None:
        self.generation = 0
        self.values: dict[str, tuple[int, object]] = {}

    def bump(self) -> None:
        self.generation += 1
        self.values = {}


_DERIVED: WeakKeyDictionary[Catalogue, _Derived] = WeakKeyDictionary()
_SUBSCRIBING = threading.Lock()


def catalogue_derived(catalogue: Catalogue, name: str, compute: Callable[[Catalogue], T]) -> T:
    """`compute(catalogue)`, kept until the catalogue's next write (`Catalogue.written`).

    For what hot paths derive from the catalogue on every request (the current graphs as a set,
    the SPARQL dataset). A value computed while a write lands is stored under the generation
    read before computing it, so it is never served after that write.
    """
    derived = _DERIVED.get(catalogue)
    if derived is None:
        with _SUBSCRIBING:
            derived = _DERIVED.get(catalogue)
            if derived is None:
                derived = _DERIVED[catalogue] = _Derived()
                catalogue.subscribe(derived.bump)
    generation = derived.generation
    found = derived.values.get(name)
    if found is not None and found[0] == generation:
        return found[1]  # type: ignore[return-value]
    value = compute(catalogue)
    derived.values[name] = (generation, value)
    return value


# Property IRI -> what it adds to a Concept; strings, so a row costs one dict lookup.
_RDF_TYPE = RDF_TYPE.value
_PREF_LABEL, _NOTATION, _IN_SCHEME = Skos.prefLabel.value, Skos.notation.value, Skos.inScheme.value
_TOP_CONCEPT_OF, _DEPRECATED = Skos.topConceptOf.value, Owl.deprecated.value
_LABELS = {prop.value: name for prop, name in LABEL_PROPERTIES.items() if prop != Skos.prefLabel}
_NOTES = {prop.value: name for prop, name in NOTE_PROPERTIES.items()}
_LINKS = {prop.value: name for prop, name in LINK_PROPERTIES.items()}


def _add_statement(concept: Concept, prop: NamedNode, value) -> None:
    key = prop.value
    if key == _RDF_TYPE:
        if value.value not in concept.types:
            concept.types.append(value.value)
    elif key == _PREF_LABEL and isinstance(value, Literal):
        concept.pref_labels.setdefault(value.language or "", value.value)
    elif key in _LABELS and isinstance(value, Literal):
        labels = getattr(concept, _LABELS[key])[value.language or ""]
        if value.value not in labels:
            labels.append(value.value)
    elif key == _NOTATION:
        if value.value not in concept.notations:
            concept.notations.append(value.value)
    elif key in _NOTES and isinstance(value, Literal):
        notes = concept.notes[_NOTES[key]][value.language or ""]
        if value.value not in notes:
            notes.append(value.value)
    elif key == _IN_SCHEME:
        if value.value not in concept.schemes:
            concept.schemes.append(value.value)
    elif key == _TOP_CONCEPT_OF:
        if value.value not in concept.top_concept_of:
            concept.top_concept_of.append(value.value)
    elif key == _DEPRECATED:
        concept.deprecated = isinstance(value, Literal) and value.value in ("true", "1")
    elif key in _LINKS and isinstance(value, NamedNode):
        if value.value not in concept.links[_LINKS[key]]:
            concept.links[_LINKS[key]][value.value] = LinkedConcept(value.value, {})
    else:
        values = concept.other[key]
        if value.value not in values:
            values.append(value.value)
