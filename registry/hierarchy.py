"""Walking vocabularies: paged concept lists, top concepts, children, descendants, ancestors and
paths to the top, and collections. Labels come in the asked language, else Dutch, else English."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pyoxigraph import Literal, NamedNode, Variable

from registry.catalogue import Catalogue
from registry.errors import InvalidInput
from registry.queries import named_query
from registry.store import Store, Term

MAX_PAGE_SIZE = 1000
T = TypeVar("T")

#: the fixed graph patterns a concept page can select with (?focus is bound by the caller)
SELECTIONS = {
    "in_scheme": "?concept skos:inScheme ?focus ; a skos:Concept .",
    "top_of_scheme": "{ ?concept skos:topConceptOf ?focus } UNION { ?focus skos:hasTopConcept ?concept }",
    "children": "{ ?concept skos:broader ?focus } UNION { ?focus skos:narrower ?concept }",
    "descendants": "?concept skos:broader+ ?focus .",
    "members": "?focus skos:member ?concept .",
}


@dataclass(frozen=True)
class ConceptSummary:
    iri: str
    label: str | None
    label_language: str | None
    notation: str | None
    deprecated: bool
    has_children: bool


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class Collection:
    iri: str
    labels: dict[str, str]
    members: int


@dataclass
class Ancestry:
    """The ancestors of a concept and every path from a top concept down to it."""

    concept: str
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    paths: list[list[str]] = field(default_factory=list)


def check_paging(offset: int, limit: int) -> tuple[int, int]:
    """Validated paging; an oversize page is capped, a negative number refused."""
    if offset < 0:
        raise InvalidInput("offset must be 0 or more", location="offset")
    if limit < 1:
        raise InvalidInput("limit must be 1 or more", location="limit")
    return offset, min(limit, MAX_PAGE_SIZE)


def concept_page(
    store: Store,
    graphs: list[NamedNode],
    selection: str,
    focus: NamedNode,
    language: str,
    offset: int = 0,
    limit: int = 100,
) -> Page[ConceptSummary]:
    """One page of the concepts that `SELECTIONS[selection]` picks around `focus`, by label."""
    offset, limit = check_paging(offset, limit)
    pattern = SELECTIONS[selection]
    query = (
        named_query("concept_page")
        .replace("{selection}", pattern)
        .replace("{limit}", str(int(limit)))
        .replace("{offset}", str(int(offset)))
    )
    bindings: dict[Variable, Term] = {Variable("focus"): focus, Variable("lang"): Literal(language or "nl")}
    summaries: dict[str, ConceptSummary] = {}
    for row in store.query(query, substitutions=bindings, default_graph=graphs):
        iri = row["concept"].value
        if iri in summaries:
            continue
        label = row["label"]
        summaries[iri] = ConceptSummary(
            iri=iri,
            label=label.value if label is not None else None,
            label_language=label.language if isinstance(label, Literal) else None,
            notation=row["notation"].value if row["notation"] is not None else None,
            deprecated=row["deprecated"] is not None and row["deprecated"].value in ("true", "1"),
            has_children=row["hasChildren"] is not None and row["hasChildren"].value == "true",
        )
    return Page(list(summaries.values()), _count(store, graphs, pattern, focus), offset, limit)


def _count(store: Store, graphs: list[NamedNode], pattern: str, focus: NamedNode) -> int:
    query = named_query("concept_count").replace("{selection}", pattern)
    for row in store.query(query, substitutions={Variable("focus"): focus}, default_graph=graphs):
        return int(row["total"].value)
    return 0


def ancestry(store: Store, catalogue: Catalogue, concept: NamedNode) -> Ancestry:
    """All ancestors (transitive skos:broader) and each path from a top concept to `concept`."""
    parents: dict[str, set[str]] = defaultdict(set)
    result = Ancestry(concept=concept.value)
    graphs = catalogue.read_graphs()
    for row in list(store.query(named_query("ancestors"), substitutions={Variable("concept"): concept}, default_graph=graphs)):
        ancestor = row["ancestor"].value
        result.labels.setdefault(ancestor, {})
        if row["label"] is not None:
            result.labels[ancestor].setdefault(row["label"].language or "", row["label"].value)
        if row["parent"] is not None:
            parents[ancestor].add(row["parent"].value)
    result.paths = sorted(_paths_up(parents, _direct_parents(store, graphs, concept), set()), key=lambda p: (len(p), p))
    return result


def _direct_parents(store: Store, graphs: list[NamedNode], concept: NamedNode) -> set[str]:
    query = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?concept ?parent WHERE { ?concept skos:broader ?parent }"
    return {row["parent"].value for row in list(store.query(query, substitutions={Variable("concept"): concept}, default_graph=graphs))}


def _paths_up(parents: dict[str, set[str]], starts: set[str], seen: set[str]) -> list[list[str]]:
    """Paths top -> ... -> start for every start, guarding against cycles."""
    paths = []
    for start in sorted(starts):
        if start in seen:
            continue
        above = parents.get(start, set())
        if not above:
            paths.append([start])
            continue
        for path in _paths_up(parents, above, seen | {start}):
            paths.append([*path, start])
    return paths


def collections(store: Store, catalogue: Catalogue, slug: str) -> list[Collection]:
    graph = NamedNode(catalogue.vocabulary(slug).graph)
    found: dict[str, Collection] = {}
    for row in store.query(named_query("collections_of_scheme"), default_graph=[graph]):
        iri = row["collection"].value
        collection = found.setdefault(iri, Collection(iri, {}, int(row["members"].value)))
        if row["label"] is not None:
            collection.labels.setdefault(row["label"].language or "", row["label"].value)
    return list(found.values())


def collections_of_concept(store: Store, catalogue: Catalogue, concept: NamedNode) -> list[Collection]:
    """The collections `concept` is a member of, in the current versions."""
    found: dict[str, Collection] = {}
    rows = list(store.query(named_query("collections_of_concept"), substitutions={Variable("concept"): concept}, default_graph=catalogue.read_graphs()))
    for row in rows:
        collection = found.setdefault(row["collection"].value, Collection(row["collection"].value, {}, 0))
        if row["label"] is not None:
            collection.labels.setdefault(row["label"].language or "", row["label"].value)
    return sorted(found.values(), key=lambda c: c.iri)
