"""Looking up one concept: every label, note, link and mapping, in one query."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Variable

from registry.catalogue import Catalogue
from registry.errors import InvalidInput, NotFound
from registry.namespaces import RDF_TYPE, SKOS, Dct, Owl, Skos
from registry.queries import named_query
from registry.store import Store

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
        raise InvalidInput(f"{text!r} is not a valid absolute IRI: {error}", location=parameter) from None
    if ":" not in text:
        raise InvalidInput(f"{text!r} is not an absolute IRI", location=parameter)
    return node


def get_concept(store: Store, catalogue: Catalogue, iri: NamedNode) -> Concept:
    """The concept `iri` as the current published versions describe it."""
    # Materialised here: pyoxigraph results must be dropped on the thread that made them.
    rows = [
        (row["property"], row["value"], row["valueLabel"])
        for row in store.query(
            named_query("concept_statements"),
            substitutions={Variable("concept"): iri},
            default_graph=catalogue.current_graphs(),
        )
    ]
    concept = Concept(iri=iri.value)
    for prop, value, value_label in rows:
        _add_statement(concept, prop, value, value_label)
    if SKOS + "Concept" not in concept.types:
        raise NotFound(f"no concept {iri.value} in the registry")
    for scheme in concept.schemes:
        record = catalogue.vocabulary_of_scheme(scheme)
        if record is not None and record.slug not in concept.vocabularies:
            concept.vocabularies.append(record.slug)
    return concept


def _add_statement(concept: Concept, prop: NamedNode, value, value_label: Literal | None) -> None:
    if prop == RDF_TYPE:
        if value.value not in concept.types:
            concept.types.append(value.value)
    elif prop in LABEL_PROPERTIES and isinstance(value, Literal):
        language = value.language or ""
        if prop == Skos.prefLabel:
            concept.pref_labels.setdefault(language, value.value)
        else:
            labels = getattr(concept, LABEL_PROPERTIES[prop])[language]
            if value.value not in labels:
                labels.append(value.value)
    elif prop == Skos.notation:
        if value.value not in concept.notations:
            concept.notations.append(value.value)
    elif prop in NOTE_PROPERTIES and isinstance(value, Literal):
        notes = concept.notes[NOTE_PROPERTIES[prop]][value.language or ""]
        if value.value not in notes:
            notes.append(value.value)
    elif prop == Skos.inScheme:
        if value.value not in concept.schemes:
            concept.schemes.append(value.value)
    elif prop == Skos.topConceptOf:
        if value.value not in concept.top_concept_of:
            concept.top_concept_of.append(value.value)
    elif prop == Owl.deprecated:
        concept.deprecated = isinstance(value, Literal) and value.value in ("true", "1")
    elif prop in LINK_PROPERTIES and isinstance(value, NamedNode):
        linked = concept.links[LINK_PROPERTIES[prop]].setdefault(value.value, LinkedConcept(value.value, {}))
        if isinstance(value_label, Literal):
            linked.labels.setdefault(value_label.language or "", value_label.value)
    else:
        values = concept.other[prop.value]
        if value.value not in values:
            values.append(value.value)



