"""Impact analysis: before a concept or a whole vocabulary release changes, who depends on it?

Three kinds of dependants, all found in the registry's public graphs:
- datasets: registered dataset descriptions that use a concept as a value (any property) or
  declare `dct:conformsTo` its scheme;
- mappings: `skos:*Match` statements in other graphs that point at a concept, or start from it in
  a graph other than its own vocabulary (accepted mappings are materialised that way);
- vocabularies: concepts in other vocabularies' current versions that refer to it otherwise.

Each analysis is one SPARQL query: the target concepts are a graph pattern (one IRI, or every
concept in a vocabulary's current version or release graph), joined against the other graphs.
Old releases are not searched: they are immutable and change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Variable

from registry.catalogue import Catalogue, VocabularyRecord
from registry.concepts import parse_iri
from registry.datasets import dataset_index
from registry.datasets.browse import DatasetSummary
from registry.errors import InvalidInput, NotFound
from registry.namespaces import CATALOGUE_GRAPH, DATASETS_GRAPH, PUBLIC_UNION_GRAPH, SKOS
from registry.store import Store

MATCHES = frozenset(SKOS + kind for kind in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"))
CONFORMS_TO = "http://purl.org/dc/terms/conformsTo"
MAX_LISTED = 500  # statements listed per dependant kind; the totals are always exact


@dataclass(frozen=True)
class Statement:
    subject: str
    predicate: str
    object: str


@dataclass
class DatasetImpact:
    id: str
    iri: str
    titles: dict[str, str]
    properties: set[str] = field(default_factory=set)
    concepts: set[str] = field(default_factory=set)


@dataclass
class VocabularyImpact:
    slug: str
    titles: dict[str, str]
    count: int = 0
    statements: list[Statement] = field(default_factory=list)


@dataclass(frozen=True)
class MappingImpact:
    statement: Statement
    source: str  # the vocabulary slug holding it, else the graph IRI (e.g. a mapping set)
    direction: str  # "to" (points at the target) or "from" (starts from it)


@dataclass
class Impact:
    """Who depends on `target` (a concept, a scheme, or a release `<slug>/<version>`)."""

    target: str
    kind: str  # concept | scheme | release
    vocabulary: str | None
    concepts: int
    datasets: list[DatasetImpact] = field(default_factory=list)
    mappings: list[MappingImpact] = field(default_factory=list)
    mapping_count: int = 0
    vocabularies: list[VocabularyImpact] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.datasets or self.mapping_count or self.vocabularies)


@dataclass(frozen=True)
class _Target:
    iri: str
    kind: str
    record: VocabularyRecord | None
    pattern: str  # binds ?target; its text holds only escaped terms
    concepts: int
    schemes: tuple[str, ...]  # counted for datasets that conform to them
    own_graphs: frozenset[str]
    extra: str = ""  # one more UNION branch binding ?g ?s ?p ?o ?direction (a concept's schemes)


def impact_of(store: Store, catalogue: Catalogue, uri: str | None = None, release: str | None = None) -> Impact:
    """The dependants of the concept or scheme `uri`, or of the release `<slug>/<version>`
    (also accepted as the release's IRI in `uri`)."""
    if (uri is None) == (release is None):
        raise InvalidInput("give either uri (a concept or vocabulary IRI) or release (<vocabulary>/<version>)", location="uri")
    target = _release_target(catalogue, release) if release is not None else _target(store, catalogue, uri or "")
    return _analyse(store, catalogue, target)


def _target(store: Store, catalogue: Catalogue, uri: str) -> _Target:
    iri = parse_iri(uri)
    for record in catalogue.vocabularies():
        for released in record.releases:
            if released.iri == iri.value:
                return _release_target(catalogue, f"{record.slug}/{released.version}")
    scheme_record = catalogue.vocabulary_of_scheme(iri.value)
    if scheme_record is not None:
        return _graph_target(scheme_record, "scheme", NamedNode(scheme_record.graph), scheme_record.concept_count, iri.value)
    schemes = [
        row["scheme"].value
        for row in store.query(
            "SELECT ?concept ?scheme WHERE { ?concept a <http://www.w3.org/2004/02/skos/core#Concept> "
            "OPTIONAL { ?concept <http://www.w3.org/2004/02/skos/core#inScheme> ?scheme } }",
            substitutions={Variable("concept"): iri}, default_graph=catalogue.read_graphs(),
        )
        if row["scheme"] is not None
    ]
    owners = [r for r in (catalogue.vocabulary_of_scheme(s) for s in schemes) if r is not None]
    if not owners and not _is_concept(store, catalogue, iri):
        raise NotFound(f"{iri.value} is neither a concept nor a vocabulary in the registry")
    # the concept's schemes count only as a dataset's dct:conformsTo: bound to that predicate, so
    # that the scheme's own members (every concept's skos:inScheme, in every copy) are never read
    conforms = " ".join(str(NamedNode(s)) for s in sorted(set(schemes)))
    return _Target(
        iri.value, "concept", owners[0] if owners else None, f"VALUES ?target {{ {iri} }}", 1,
        tuple(sorted(set(schemes))), frozenset(r.graph for r in owners),
        f"{{ VALUES ?target {{ {conforms} }} GRAPH ?g {{ ?s <{CONFORMS_TO}> ?target }} BIND(<{CONFORMS_TO}> AS ?p) "
        f"BIND(?target AS ?o) BIND(\"to\" AS ?direction) }}" if conforms else "",
    )


def _is_concept(store: Store, catalogue: Catalogue, iri: NamedNode) -> bool:
    rows = store.query(
        "SELECT ?concept WHERE { ?concept a <http://www.w3.org/2004/02/skos/core#Concept> } LIMIT 1",
        substitutions={Variable("concept"): iri}, default_graph=catalogue.read_graphs(),
    )
    return any(True for _ in rows)


def _release_target(catalogue: Catalogue, release: str) -> _Target:
    slug, sep, version = release.partition("/")
    if not sep or not slug or not version:
        raise InvalidInput(f"{release!r} is not a release: use <vocabulary>/<version>, e.g. werkvormen/1.0", location="release")
    record = catalogue.vocabulary(slug)
    chosen = record.release(version)
    return _graph_target(record, "release", NamedNode(chosen.graph), chosen.concept_count, chosen.iri)


def _graph_target(record: VocabularyRecord, kind: str, graph: NamedNode, concepts: int, iri: str) -> _Target:
    scheme = NamedNode(record.scheme)
    pattern = (
        f"{{ GRAPH {graph} {{ ?target a <{SKOS}Concept> }} }} UNION {{ VALUES ?target {{ {scheme} }} }}"
    )
    return _Target(iri, kind, record, pattern, concepts, (record.scheme,), frozenset({record.graph, graph.value}))


def _searched_graphs(catalogue: Catalogue, target: _Target) -> list[NamedNode]:
    """Every public graph except old releases, the catalogue's own records and the target's own vocabulary."""
    current = {r.graph for r in catalogue.vocabularies()}
    old = {release.graph for r in catalogue.vocabularies() for release in r.releases} - current
    skipped = old | target.own_graphs | {CATALOGUE_GRAPH.value, DATASETS_GRAPH.value}
    return [g for g in catalogue.public_graphs() if g.value not in skipped]


def _own_graphs(catalogue: Catalogue, target: _Target) -> set[str]:
    """The target vocabulary's graphs: current, every release, the draft (for a whole vocabulary:
    its many internal links; for one concept the draft's few rows are dropped as not public, which
    saves reading the record's state on every concept page)."""
    own = set(target.own_graphs)
    if target.record is not None:
        own.update(release.graph for release in target.record.releases)
        state = catalogue.state(target.record.slug) if target.kind != "concept" else None
        if state is not None and state.draft_graph:
            own.add(state.draft_graph)
    return own


def _analyse(store: Store, catalogue: Catalogue, target: _Target) -> Impact:
    graphs = _searched_graphs(catalogue, target)
    impact = Impact(target.iri, target.kind, target.record.slug if target.record else None, target.concepts)
    if not graphs:
        return impact
    vocabulary_of_graph = {r.graph: r for r in catalogue.vocabularies()}
    datasets = {s.graph: s for s in dataset_index(store, catalogue).summaries}
    matches = " ".join(f"<{m}>" for m in sorted(MATCHES))
    allowed = {g.value for g in graphs}
    # the union graph repeats the current versions (searched one by one here): skipped in the query
    own = ", ".join(str(NamedNode(g)) for g in sorted({*_own_graphs(catalogue, target), PUBLIC_UNION_GRAPH.value}))
    extra = f"UNION {target.extra}" if target.extra else ""
    query = f"""SELECT ?g ?s ?p ?o ?direction WHERE {{
      {{
        {{ {target.pattern} }}
        {{ GRAPH ?g {{ ?s ?p ?target }} BIND(?target AS ?o) BIND("to" AS ?direction) }}
        UNION
        {{ GRAPH ?g {{ ?target ?p ?o }} VALUES ?p {{ {matches} }} BIND(?target AS ?s) BIND("from" AS ?direction) }}
      }}
      {extra}
      FILTER(?g NOT IN ({own}))
    }}"""
    found_datasets: dict[str, DatasetImpact] = {}
    found_vocabularies: dict[str, VocabularyImpact] = {}
    schemes = set(target.schemes)
    # Over every graph, by the object (or subject) index, once per target concept; the target's
    # own vocabulary (its many internal links) is filtered out in the query, anything else not
    # public or not current (drafts, private graphs, old releases) here.
    for row in store.query(query):
        graph, predicate = row["g"].value, row["p"].value
        if graph not in allowed:
            continue
        statement = Statement(_text(row["s"]), predicate, row["o"].value)
        concept = row["o"].value if row["direction"].value == "to" else row["s"].value
        if concept in schemes and concept != target.iri and predicate != CONFORMS_TO:
            continue  # for a concept, its scheme counts only as a dataset's dct:conformsTo
        if graph in datasets:
            _add_dataset(found_datasets, datasets[graph], predicate, concept)
        elif predicate in MATCHES:
            impact.mapping_count += 1
            if len(impact.mappings) < MAX_LISTED:
                record = vocabulary_of_graph.get(graph)
                impact.mappings.append(MappingImpact(statement, record.slug if record else graph, row["direction"].value))
        elif graph in vocabulary_of_graph and row["direction"].value == "to":
            record = vocabulary_of_graph[graph]
            entry = found_vocabularies.setdefault(record.slug, VocabularyImpact(record.slug, dict(record.title)))
            entry.count += 1
            if len(entry.statements) < MAX_LISTED:
                entry.statements.append(statement)
    impact.datasets = sorted(found_datasets.values(), key=lambda d: d.id)
    impact.vocabularies = sorted(found_vocabularies.values(), key=lambda v: (-v.count, v.slug))
    impact.mappings.sort(key=lambda m: (m.source, m.statement.subject, m.statement.object))
    return impact


def _add_dataset(found: dict[str, DatasetImpact], summary: DatasetSummary, predicate: str, concept: str) -> None:
    entry = found.setdefault(summary.id, DatasetImpact(summary.id, summary.iri, dict(summary.titles)))
    entry.properties.add(predicate)
    entry.concepts.add(concept)


def _text(term: object) -> str:
    """A statement's subject as text: an IRI, or `_:` for a blank node inside a description."""
    return term.value if isinstance(term, NamedNode) else "_:"
