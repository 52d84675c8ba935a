"""Browsing the dataset catalogue: a summary of every registered description (kept until the
next write), free text over titles, descriptions and keywords,
filters and facet counts by theme, publisher, value list used, purpose of use and aggregation level.

The catalogue is small (hundreds to thousands of descriptions), so filtering and counting run over
the kept summaries in Python: simple, and exact. The summaries are read by index lookups per
description (subject and graph), not by one query over every description graph.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from pyoxigraph import BlankNode, Literal, NamedNode

from registry.catalogue import Catalogue
from registry.concepts import catalogue_derived
from registry.datasets.records import DatasetRecord, read_records
from registry.datasets.terms import T
from registry.errors import InvalidInput, NotFound
from registry.namespaces import SKOS
from registry.search.text import normalise
from registry.store import Store

#: facet name (API parameter) -> the property whose values it counts
FACETS: dict[str, NamedNode] = {
    "theme": T.theme,
    "publisher": T.publisher,
    "conforms_to": T.conformsTo,
    "purpose": T.purposeOfUse,
    "aggregation_level": T.aggregationLevel,
}
_TEXT = (T.title, T.description, T.keyword)
_PROPERTIES = (*FACETS.values(), *_TEXT, T.containsPersonalData)
MAX_LIMIT = 200


@dataclass(frozen=True)
class DatasetSummary:
    """What the catalogue shows and filters on for one registered description."""

    id: str
    iri: str
    owner: str
    issued: datetime
    modified: datetime
    graph: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    keywords: tuple[str, ...]
    personal_data: bool | None
    values: dict[str, tuple[str, ...]]  # facet name -> values (IRIs; a publisher without IRI by name)
    text: str  # normalised titles, descriptions and keywords, for free text

    def title(self, language: str = "nl") -> str:
        return self.titles.get(language) or self.titles.get("en") or next(iter(self.titles.values()), self.iri)


@dataclass(frozen=True)
class ValueLabel:
    """How a facet value is shown: its labels by language, and the registered vocabulary it
    belongs to or is (None when the registry does not hold it)."""

    labels: dict[str, str]
    vocabulary: str | None = None


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    label: ValueLabel
    selected: bool


@dataclass(frozen=True)
class DatasetPage:
    items: list[DatasetSummary]
    total: int
    offset: int
    limit: int
    facets: dict[str, list[FacetValue]]
    labels: dict[str, ValueLabel] = field(default_factory=dict)


@dataclass(frozen=True)
class DatasetIndex:
    summaries: list[DatasetSummary]
    labels: dict[str, ValueLabel]

    def get(self, identifier: str) -> DatasetSummary:
        for summary in self.summaries:
            if summary.id == identifier:
                return summary
        raise NotFound(f"no dataset {identifier!r} is registered")


def dataset_index(store: Store, catalogue: Catalogue) -> DatasetIndex:
    """The summaries of every registered description, read once per catalogue write."""
    return catalogue_derived(catalogue, "dataset index", lambda c: _build_index(store, c))


def browse(
    index: DatasetIndex, q: str = "", filters: dict[str, list[str]] | None = None, offset: int = 0, limit: int = 20,
) -> DatasetPage:
    """The descriptions matching every word of `q` and every filter value (facet -> values; a
    dataset must have all of them), newest first, with facet counts over all matches."""
    filters = {name: values for name, values in (filters or {}).items() if values}
    for name in filters:
        if name not in FACETS:
            raise InvalidInput(f"unknown filter {name!r}; filter by {', '.join(FACETS)}", location=name)
    if not 0 < limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}", location="limit")
    words = normalise(q).split()
    matches = [
        s for s in index.summaries
        if all(word in s.text for word in words)
        and all(value in s.values.get(name, ()) for name, values in filters.items() for value in values)
    ]
    matches.sort(key=lambda s: (s.modified, s.id), reverse=True)
    facets = {}
    for name in FACETS:
        counted = Counter(value for s in matches for value in s.values.get(name, ()))
        selected = set(filters.get(name, ()))
        facets[name] = sorted(
            (FacetValue(value, n, index.labels.get(value, ValueLabel({})), value in selected) for value, n in counted.items()),
            key=lambda f: (-f.count, f.value),
        )
    return DatasetPage(matches[offset : offset + limit], len(matches), offset, limit, facets, index.labels)


# --- building the index --------------------------------------------------------------------------

def _build_index(store: Store, catalogue: Catalogue) -> DatasetIndex:
    records = read_records(store)
    wanted = set(_PROPERTIES)
    rows: dict[str, list[tuple]] = {}
    for record in records:
        # index lookups (subject + graph), far cheaper than one query over a thousand graphs
        graph = NamedNode(record.graph)
        found = rows[record.graph] = []
        for quad in store.quads(subject=NamedNode(record.iri), graph=graph):
            if quad.predicate not in wanted:
                continue
            name = None
            if quad.predicate == T.publisher and not isinstance(quad.object, Literal):
                names = store.quads(subject=quad.object, predicate=T.name, graph=graph)
                name = names[0].object if names else None
            found.append((quad.predicate, quad.object, name))
    summaries = [_summary(record, rows[record.graph]) for record in records]
    values = {v for s in summaries for name, found in s.values.items() if name != "publisher" for v in found}
    labels = _labels(store, catalogue, sorted(values), [NamedNode(r.graph) for r in records])
    for summary_rows in rows.values():
        for prop, value, name in summary_rows:
            if prop == T.publisher and name is not None:
                key = value.value if isinstance(value, NamedNode) else name.value
                labels.setdefault(key, ValueLabel({}))
                labels[key].labels.setdefault(name.language or "", name.value)
    return DatasetIndex(summaries, labels)


def _summary(record: DatasetRecord, rows: list[tuple]) -> DatasetSummary:
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    keywords: list[str] = []
    values: dict[str, list[str]] = {name: [] for name in FACETS}
    personal: bool | None = None
    facet_of = {prop: name for name, prop in FACETS.items()}
    for prop, value, name in rows:
        if prop == T.title and isinstance(value, Literal):
            titles.setdefault(value.language or "", value.value)
        elif prop == T.description and isinstance(value, Literal):
            descriptions.setdefault(value.language or "", value.value)
        elif prop == T.keyword and isinstance(value, Literal):
            keywords.append(value.value)
        elif prop == T.containsPersonalData and isinstance(value, Literal):
            personal = value.value.strip().lower() in ("true", "1")
        elif prop in facet_of:
            if isinstance(value, NamedNode):
                key = value.value
            elif prop == T.publisher and isinstance(value, BlankNode) and name is not None:
                key = name.value  # a publisher without IRI is known by its name
            else:
                continue
            found = values[facet_of[prop]]
            if key not in found:
                found.append(key)
    text = normalise(" ".join([*titles.values(), *descriptions.values(), *keywords]))
    return DatasetSummary(
        record.id, record.iri, record.owner, record.issued, record.modified, record.graph, titles, descriptions,
        tuple(sorted(set(keywords))), personal, {k: tuple(sorted(v)) for k, v in values.items()}, text,
    )


def _labels(store: Store, catalogue: Catalogue, values: list[str], dataset_graphs: list[NamedNode]) -> dict[str, ValueLabel]:
    """Labels of facet values: a registered scheme's title, else a concept's skos:prefLabel in the
    registry's vocabularies, else a skos:prefLabel the descriptions themselves give."""
    labels: dict[str, ValueLabel] = {}
    for value in values:
        record = catalogue.vocabulary_of_scheme(value)
        if record is not None:
            labels[value] = ValueLabel(dict(record.title), record.slug)
    wanted = [v for v in values if v not in labels]
    if not wanted:
        return labels
    found: dict[str, dict[str, str]] = {}
    schemes: dict[str, str] = {}
    for row in store.query(_label_query(wanted), default_graph=catalogue.read_graphs()):
        found.setdefault(row["c"].value, {}).setdefault(row["label"].language or "", row["label"].value)
        if row["scheme"] is not None:
            schemes.setdefault(row["c"].value, row["scheme"].value)
    for iri, by_language in found.items():
        record = catalogue.vocabulary_of_scheme(schemes.get(iri, ""))
        labels[iri] = ValueLabel(by_language, record.slug if record else None)
    rest = [v for v in wanted if v not in labels]
    if rest:
        for row in store.query(_label_query(rest), default_graph=dataset_graphs):
            labels.setdefault(row["c"].value, ValueLabel({})).labels.setdefault(row["label"].language or "", row["label"].value)
    return labels


def _label_query(iris: list[str]) -> str:
    values = " ".join(str(NamedNode(iri)) for iri in iris)  # escaped by pyoxigraph
    return f"""SELECT ?c ?label ?scheme WHERE {{
      VALUES ?c {{ {values} }}
      ?c <{SKOS}prefLabel> ?label . OPTIONAL {{ ?c <{SKOS}inScheme> ?scheme }}
    }}"""
