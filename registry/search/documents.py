"""What the search index is built from: one `ConceptDocument` per concept of a vocabulary version,
read from the store in one streamed pass over the vocabulary graph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Triple

from registry.namespaces import OWL, RDF, SKOS
from registry.store import Store

#: the label properties searched, best first (the order breaks ties between equal matches)
LABEL_PROPERTIES = ("prefLabel", "notation", "altLabel", "hiddenLabel")

_PROPERTY_NAMES = {SKOS + name: name for name in LABEL_PROPERTIES}
_RDF_TYPE = RDF + "type"
_OWL_DEPRECATED = OWL + "deprecated"
_SKOS_CONCEPT = SKOS + "Concept"


@dataclass(frozen=True)
class Label:
    """One searchable literal of a concept: a label or a notation."""

    property: str  # one of LABEL_PROPERTIES
    text: str
    language: str | None = None


@dataclass
class ConceptDocument:
    """A concept as the search index sees it."""

    iri: str
    labels: list[Label] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    deprecated: bool = False


def concept_documents(store: Store, graph: NamedNode) -> Iterator[ConceptDocument]:
    """Every `skos:Concept` in `graph` with its labels, notations, types and deprecation, labels
    sorted best first (prefLabel, notation, altLabel, hiddenLabel; then language and text).

    One streamed pass over the graph, whose quads come grouped by subject: one concept in memory
    at a time, whatever the size of the vocabulary."""
    document: ConceptDocument | None = None
    concept = False
    for quad in store.graph_quads(graph):
        subject = quad.subject
        if isinstance(subject, Triple):
            raise TypeError(f"quoted triple as a subject: {subject}")
        if document is None or subject.value != document.iri:
            if document is not None and concept:
                yield _finished(document)
            document, concept = ConceptDocument(subject.value), False
        prop, value = quad.predicate.value, quad.object
        name = _PROPERTY_NAMES.get(prop)
        if name is not None:
            if isinstance(value, Literal) and value.value.strip():
                document.labels.append(Label(name, value.value, value.language or None))
        elif prop == _RDF_TYPE:
            if isinstance(value, NamedNode):
                document.types.append(value.value)
                concept = concept or value.value == _SKOS_CONCEPT
        elif prop == _OWL_DEPRECATED:
            document.deprecated = document.deprecated or (not isinstance(value, Triple) and value.value in ("true", "1"))
    if document is not None and concept:
        yield _finished(document)


_ORDER = {name: rank for rank, name in enumerate(LABEL_PROPERTIES)}


def _finished(document: ConceptDocument) -> ConceptDocument:
    document.labels.sort(key=lambda label: (_ORDER[label.property], label.language or "", label.text))
    document.types.sort()
    return document
