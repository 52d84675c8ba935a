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
from registry.namespaces import CATALOGUE_GRAPH, ONTOLOGY_SLUG, Dct, Owl
from registry.queries import named_query
from registry.store import Store


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


class Catalogue:
    """Reads of the catalogue, cached per process; `refresh()` after every write."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.write_lock = threading.Lock()  # one writer at a time per process
        self._records: dict[str, VocabularyRecord] | None = None
        self._by_scheme: dict[str, VocabularyRecord] = {}
        self._subscribers: list[Callable[[], None]] = []

    def subscribe(self, callback: Callable[[], None]) -> None:
        """Call `callback` after every successful write (e.g. to keep the search index in step)."""
        self._subscribers.append(callback)

    def written(self) -> None:
        """Refresh after a write, then tell the subscribers."""
        self.refresh()
        for callback in self._subscribers:
            callback()

    def refresh(self) -> None:
        records = {record.slug: record for record in self._read_records()}
        self._by_scheme = {r.scheme: r for r in records.values()}
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
            raise NotFound(f"no vocabulary {slug!r} is registered") from None

    def vocabulary_of_scheme(self, scheme_iri: str) -> VocabularyRecord | None:
        self._ensure()
        return self._by_scheme.get(scheme_iri)

    def current_graphs(self) -> list[NamedNode]:
        """The graphs that make up the public default graph: every current version, the
        ontology and the catalogue itself."""
        return [NamedNode(r.graph) for r in self._ensure().values()] + [CATALOGUE_GRAPH]

    def public_graphs(self) -> list[NamedNode]:
        """Every graph the public may query: current versions, the ontology, the catalogue."""
        return self.current_graphs()

    def version_token(self) -> str:
        """Changes whenever any current version changes (for ETags)."""
        graphs = "".join(sorted(r.graph for r in self._ensure().values()))
        return hashlib.sha256(graphs.encode()).hexdigest()[:20]

    def last_modified(self) -> datetime | None:
        """When the newest current version was loaded."""
        return max((r.modified for r in self._ensure().values()), default=None)

    def is_empty(self) -> bool:
        return not self._ensure()

    def _read_records(self) -> list[VocabularyRecord]:
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


