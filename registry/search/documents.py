"""What the search index is built from: one `ConceptDocument` per concept of a vocabulary version,
read from the store with the named query `search_documents`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from registry.namespaces import OWL, RDF, SKOS
from registry.queries import named_query
from registry.store import Store

#: the label properties searched, best first (the order breaks ties between equal matches)
LABEL_PROPERTIES = ("prefLabel", "notation", "altLabel", "hiddenLabel")

_PROPERTY_NAMES = {SKOS + name: name for name in LABEL_PROPERTIES}
_RDF_TYPE = RDF + "type"
_OWL_DEPRECATED = OWL + "deprecated"


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
    sorted best first (prefLabel, notation, altLabel, hiddenLabel; then language and text)."""
    concepts: dict[str, ConceptDocument] = {}
    for row in store.query(named_query("search_documents"), default_graph=[graph]):
        iri = row["concept"].value
        document = concepts.get(iri)
        if document is None:
            document = concepts[iri] = ConceptDocument(iri)
        prop, value = row["property"].value, row["value"]
        name = _PROPERTY_NAMES.get(prop)
        if name is not None:
            if isinstance(value, Literal) and value.value.strip():
                document.labels.append(Label(name, value.value, value.language or None))
        elif prop == _RDF_TYPE:
            if isinstance(value, NamedNode):
                document.types.append(value.value)
        elif prop == _OWL_DEPRECATED:
            document.deprecated = document.deprecated or value.value in ("true", "1")
    order = {name: rank for rank, name in enumerate(LABEL_PROPERTIES)}
    for document in concepts.values():
        document.labels.sort(key=lambda label: (order[label.property], label.language or "", label.text))
        document.types.sort()
        yield document
