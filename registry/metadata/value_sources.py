"""Where a validation looks up the value lists: the registry's live store, or a read-only snapshot.

Validation needs three things of the registered value lists: what is known about the IRIs a
document uses (type, labels, scheme, deprecation, replacement), which registered list a scheme
IRI is (its id and title, for messages), and whether any list is registered at all. The running
registry answers from its store (`RegistryValueLists`); the CLI answers from a compact snapshot
file (`registry.metadata.snapshot`) so that validating a file never loads every vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from pyoxigraph import NamedNode

from registry.catalogue import Catalogue
from registry.metadata.lookup import Description, describe
from registry.namespaces import DCT, OWL, RDF_TYPE, SKOS
from registry.store import Store

#: the predicates validation reads of a value-list term (registry.metadata.supplement, .value_lists)
TERM_PREDICATES: tuple[str, ...] = (
    RDF_TYPE.value, SKOS + "prefLabel", SKOS + "inScheme", SKOS + "topConceptOf", DCT + "title",
    OWL + "deprecated", "http://www.w3.org/ns/adms#status", DCT + "isReplacedBy",
)


class ListName(Protocol):
    """A registered list as messages name it."""

    @property
    def slug(self) -> str: ...  # read only: a catalogue record is frozen

    def label(self, language: str = "nl") -> str: ...


class ValueLists(Protocol):
    """The registered value lists, read only."""

    def describe(self, nodes: Iterable[NamedNode]) -> dict[str, Description]:
        """Node IRI -> predicate IRI -> objects (at least the TERM_PREDICATES) for the known nodes."""
        ...

    def list_of_scheme(self, scheme_iri: str) -> ListName | None: ...

    def is_empty(self) -> bool: ...


class RegistryValueLists:
    """The value lists of a registry store: its current vocabulary versions."""

    def __init__(self, store: Store, catalogue: Catalogue) -> None:
        self.store, self.catalogue = store, catalogue

    def describe(self, nodes: Iterable[NamedNode]) -> dict[str, Description]:
        return describe(self.store, self.catalogue, nodes)

    def list_of_scheme(self, scheme_iri: str) -> ListName | None:
        return self.catalogue.vocabulary_of_scheme(scheme_iri)

    def is_empty(self) -> bool:
        return self.catalogue.is_empty()
