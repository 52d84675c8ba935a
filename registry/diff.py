"""The difference between two versions of a vocabulary: concepts added, removed, changed (which
properties, old and new values), deprecated and replaced."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode

from registry.catalogue import Catalogue
from registry.errors import InvalidInput
from registry.namespaces import DCT, OWL
from registry.store import Store

_CONCEPTS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?concept ?property ?value WHERE { ?concept a skos:Concept ; ?property ?value }"""
DEPRECATED = OWL + "deprecated"
REPLACED_BY = DCT + "isReplacedBy"


def term_text(term: object) -> str:
    """A value as people read it: IRIs as they are, literals with their language tag."""
    if isinstance(term, Literal):
        return f"{term.value}@{term.language}" if term.language else term.value
    if isinstance(term, (NamedNode, BlankNode)):
        return term.value
    return str(term)


@dataclass(frozen=True)
class PropertyChange:
    property: str
    removed: list[str]
    added: list[str]


@dataclass
class VocabularyDiff:
    old: str
    new: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[PropertyChange]] = field(default_factory=dict)
    deprecated: list[str] = field(default_factory=list)
    replaced: dict[str, list[str]] = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
                "deprecated": len(self.deprecated), "replaced": len(self.replaced)}


def _concepts(store: Store, graph: NamedNode) -> dict[str, dict[str, set[str]]]:
    concepts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in store.query(_CONCEPTS, default_graph=[graph]):
        concepts[row["concept"].value][row["property"].value].add(term_text(row["value"]))
    return concepts


def diff_graphs(store: Store, old_graph: NamedNode, new_graph: NamedNode, old_label: str, new_label: str) -> VocabularyDiff:
    old, new = _concepts(store, old_graph), _concepts(store, new_graph)
    diff = VocabularyDiff(old_label, new_label)
    diff.added = sorted(set(new) - set(old))
    diff.removed = sorted(set(old) - set(new))
    for concept in sorted(set(old) & set(new)):
        changes = [
            PropertyChange(prop, sorted(old[concept][prop] - new[concept][prop]), sorted(new[concept][prop] - old[concept][prop]))
            for prop in sorted(set(old[concept]) | set(new[concept]))
            if old[concept][prop] != new[concept][prop]
        ]
        if changes:
            diff.changed[concept] = changes
    for concept, properties in new.items():
        was = old.get(concept, {})
        if "true" in properties.get(DEPRECATED, set()) and "true" not in was.get(DEPRECATED, set()):
            diff.deprecated.append(concept)
        if properties.get(REPLACED_BY, set()) - was.get(REPLACED_BY, set()):
            diff.replaced[concept] = sorted(properties[REPLACED_BY])
    diff.deprecated.sort()
    return diff


_LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?concept ?label WHERE { ?concept a skos:Concept ; skos:prefLabel ?label }"""


def concept_labels(store: Store, graph: NamedNode) -> dict[str, dict[str, str]]:
    """Every concept of `graph` with its preferred labels by language ('' for none), to name the
    concepts a diff or a quality report lists."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.query(_LABELS, default_graph=[graph]):
        label = row["label"]
        if isinstance(label, Literal):
            labels[row["concept"].value].setdefault(label.language or "", label.value)
    return dict(labels)


def diff_releases(store: Store, catalogue: Catalogue, slug: str, old_version: str, new_version: str) -> VocabularyDiff:
    """The diff between two releases of `slug` ("latest" names the newest)."""
    record = catalogue.vocabulary(slug)
    old, new = record.release(old_version), record.release(new_version)
    if old.graph == new.graph:
        raise InvalidInput("choose two different releases", location="from", code="same_release")
    return diff_graphs(store, NamedNode(old.graph), NamedNode(new.graph), old.version, new.version)
