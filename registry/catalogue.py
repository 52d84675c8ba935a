"""The registry's catalogue: which vocabularies are registered and which graph holds the
current version of each. The catalogue graph is small; reads are cached and refreshed on writes."""

from __future__ import annotations

import hashlib
import threading

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pyoxigraph import Literal, NamedNode, Variable

from registry.errors import NotFound
from registry.mappings.layout import MAPPING_GRAPHS
from registry.namespaces import CATALOGUE_GRAPH, DATASETS_GRAPH, ONTOLOGY_SLUG, Dct, Owl
from registry.public_union import PublicUnion
from registry.queries import named_query
from registry.store import Store


@dataclass(frozen=True)
class Release:
    """One published, immutable version of a vocabulary."""

    slug: str
    iri: str
    version: str
    issued: datetime
    change_note: str | None
    graph: str
    concept_count: int
    triple_count: int
    content_hash: str


@dataclass(frozen=True)
class RecordState:
    """A record's editing state, whether or not it has been released yet."""

    slug: str
    scheme: str
    owner: str | None
    draft_graph: str | None
    draft_source: str | None


@dataclass(frozen=True)
class VocabularyRecord:
    """What the registry knows about one registered vocabulary (its current version)."""

    slug: str
    scheme: str
    graph: str
    modified: datetime
    concept_count: int
    collection_count: int
    deprecated_concept_count: int
    triple_count: int
    languages: tuple[str, ...]
    source_file: str | None
    owner: str | None = None
    releases: tuple[Release, ...] = ()
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    publisher: str | None = None
    publisher_name: str | None = None
    license: str | None = None
    source: str | None = None
    version: str | None = None

    def label(self, language: str = "nl") -> str:
        """The title in `language`, else English, else any, else the slug."""
        return self.title.get(language) or self.title.get("en") or next(iter(self.title.values()), self.slug)

    def release(self, version: str) -> Release:
        if version == "latest" and self.releases:
            return self.releases[-1]
        for release in self.releases:
            if release.version == version:
                return release
        raise NotFound(f"vocabulary {self.slug!r} has no release {version!r}", code="no_release", vocabulary=self.slug, version=version)


class Catalogue:
    """Reads of the catalogue, cached per process; `refresh()` after every write."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.write_lock = threading.Lock()  # one writer at a time per process
        self._refresh_lock = threading.Lock()  # refreshes in turn: a slow, older read never overwrites a newer one
        self._records: dict[str, VocabularyRecord] | None = None
        self._by_scheme: dict[str, VocabularyRecord] = {}
        self._dataset_graphs: list[NamedNode] = []
        self._current: list[NamedNode] | None = None  # current_graphs(), one list per refresh
        self._subscribers: list[Callable[[], None]] = []
        self.union = PublicUnion(store)  # the current releases as one graph, for fast reads

    def subscribe(self, callback: Callable[[], None]) -> None:
        """Call `callback` after every successful write (e.g. to keep the search index in step)."""
        self._subscribers.append(callback)

    def written(self) -> None:
        """Refresh after a write, bring the union of the current releases in step, then tell the subscribers."""
        self.refresh()
        self.sync_union()
        for callback in self._subscribers:
            callback()

    def read_graphs(self) -> list[NamedNode]:
        """The current versions and the catalogue as the default graph of a domain query: the
        releases read through the union graph when it is in step (one graph instead of ~70,
        registry/public_union.py), else listed one by one."""
        return self.union.default_graph(self.current_graphs())

    def sync_union(self) -> tuple[int, int]:
        """Bring the union graph in step with the current releases (at start, and after each write)."""
        return self.union.sync(self.current_graphs())

    def refresh(self) -> None:
        with self._refresh_lock:  # the last refresh to finish is the last to have started reading
            self._dataset_graphs = [row["graph"] for row in self._store.query(named_query("dataset_graphs"), default_graph=[DATASETS_GRAPH])]
            records = {record.slug: record for record in self._read_records()}
            self._by_scheme = {r.scheme: r for r in records.values()}
            self._current = None
            self._records = records

    def _ensure(self) -> dict[str, VocabularyRecord]:
        if self._records is None:
            self.refresh()
        assert self._records is not None
        return self._records

    def vocabularies(self) -> list[VocabularyRecord]:
        """Registered vocabularies (not the ontology), ordered by slug."""
        return [r for slug, r in sorted(self._ensure().items()) if slug != ONTOLOGY_SLUG]

    def vocabulary(self, slug: str) -> VocabularyRecord:
        try:
            return self._ensure()[slug]
        except KeyError:
            raise NotFound(f"no vocabulary {slug!r} is registered", code="no_vocabulary", vocabulary=slug) from None

    def vocabulary_of_scheme(self, scheme_iri: str) -> VocabularyRecord | None:
        self._ensure()
        return self._by_scheme.get(scheme_iri)

    def current_graphs(self) -> list[NamedNode]:
        """The graphs that make up the public default graph: every current version, the
        ontology and the catalogue itself. The same list until the next refresh (read it, never
        change it): the union answers `read_graphs()` for it from memory on every query."""
        records = self._ensure()
        current = self._current
        if current is None:
            current = self._current = [NamedNode(r.graph) for r in records.values()] + [CATALOGUE_GRAPH]
        return current

    def dataset_graphs(self) -> list[NamedNode]:
        """The dataset catalogue (registry.datasets): the current graph of every registered dataset
        description, and the graph of their catalogue records (none while no dataset is registered).
        Public, but not part of `current_graphs()`, so a dataset description can never change what
        a concept page shows."""
        self._ensure()
        return [*self._dataset_graphs, DATASETS_GRAPH] if self._dataset_graphs else []

    def query_graphs(self) -> list[NamedNode]:
        """The public SPARQL default graph: the current versions, the catalogue, the dataset catalogue
        and the mapping graphs (every mapping record, and the plain SKOS triples of the accepted
        mappings: registry.mappings.layout)."""
        return self.current_graphs() + self.dataset_graphs() + list(MAPPING_GRAPHS)

    def public_graphs(self) -> list[NamedNode]:
        """Every graph the public may query: current versions, every release, the ontology, the
        catalogue, the dataset catalogue."""
        graphs = {g.value: g for g in self.query_graphs()}
        for record in self._ensure().values():
            for release in record.releases:
                graphs.setdefault(release.graph, NamedNode(release.graph))
        return list(graphs.values())

    def state(self, slug: str) -> RecordState | None:
        """The editing state of `slug` (read from the store, not cached); None if unknown."""
        rows = list(self._store.query(named_query("record_state"), substitutions={Variable("slug"): Literal(slug)}, default_graph=[CATALOGUE_GRAPH]))
        return _record_state(rows[0]) if rows else None

    def states(self) -> list[RecordState]:
        """The editing state of every record, released or not (read from the store), ordered by slug."""
        rows = self._store.query(named_query("record_state"), default_graph=[CATALOGUE_GRAPH])
        return sorted((_record_state(row) for row in rows if row["slug"].value != ONTOLOGY_SLUG), key=lambda state: state.slug)

    def version_token(self) -> str:
        """Changes whenever any current version changes (for ETags)."""
        graphs = "".join(sorted(r.graph for r in self._ensure().values()))
        return hashlib.sha256(graphs.encode()).hexdigest()[:20]

    def last_modified(self) -> datetime | None:
        """When the newest current version was loaded."""
        return max((r.modified for r in self._ensure().values()), default=None)

    def is_empty(self) -> bool:
        return not self._ensure()

    def _read_releases(self) -> dict[str, list[Release]]:
        releases: dict[str, list[Release]] = {}
        for row in self._store.query(named_query("releases"), default_graph=[CATALOGUE_GRAPH]):
            slug = row["slug"].value
            releases.setdefault(slug, []).append(
                Release(
                    slug=slug,
                    iri=row["release"].value,
                    version=row["version"].value,
                    issued=datetime.fromisoformat(row["issued"].value),
                    change_note=row["note"].value if row["note"] is not None else None,
                    graph=row["graph"].value,
                    concept_count=int(row["concepts"].value),
                    triple_count=int(row["triples"].value),
                    content_hash=row["hash"].value,
                )
            )
        return releases

    def _read_records(self) -> list[VocabularyRecord]:
        releases = self._read_releases()
        rows = self._store.query(named_query("catalogue_records"), default_graph=[CATALOGUE_GRAPH])
        records = []
        for row in rows:
            graph = row["graph"]
            scheme = row["scheme"]
            metadata = self._scheme_metadata(scheme, graph)
            records.append(
                VocabularyRecord(
                    slug=row["slug"].value,
                    scheme=scheme.value,
                    graph=graph.value,
                    modified=datetime.fromisoformat(row["modified"].value),
                    concept_count=int(row["concepts"].value),
                    collection_count=int(row["collections"].value),
                    deprecated_concept_count=int(row["deprecatedConcepts"].value),
                    triple_count=int(row["triples"].value),
                    languages=tuple(sorted(row["languages"].value.split())) if row["languages"] else (),
                    source_file=row["sourceFile"].value if row["sourceFile"] else None,
                    owner=row["owner"].value if row["owner"] else None,
                    releases=tuple(releases.get(row["slug"].value, ())),
                    **metadata,
                )
            )
        return records

    def _scheme_metadata(self, scheme: NamedNode, graph: NamedNode) -> dict:
        rows = self._store.query(
            named_query("scheme_metadata"), substitutions={Variable("scheme"): scheme}, default_graph=[graph]
        )
        title: dict[str, str] = {}
        description: dict[str, str] = {}
        single: dict[str, str | None] = {}
        for row in rows:
            prop, value = row["property"], row["value"]
            if prop == Dct.title and isinstance(value, Literal):
                title.setdefault(value.language or "", value.value)
            elif prop == Dct.description and isinstance(value, Literal):
                description.setdefault(value.language or "", value.value)
            elif prop == Dct.publisher:
                single["publisher"] = value.value
                if row["publisherName"] is not None:
                    single["publisher_name"] = row["publisherName"].value
            elif prop == Dct.license:
                single["license"] = value.value
            elif prop == Dct.source:
                single["source"] = value.value
            elif prop == Owl.versionInfo:
                single["version"] = value.value
        return {"title": title, "description": description, **single}


def _record_state(row) -> RecordState:
    def text(name: str) -> str | None:
        return row[name].value if row[name] is not None else None

    return RecordState(row["slug"].value, row["scheme"].value, text("owner"), text("draft"), text("draftSource"))
