"""A read-only snapshot of the value lists, so that validating a file never loads the vocabularies.

The snapshot holds only what validation reads (`value_sources.TERM_PREDICATES` of every term of a
current vocabulary version, and each list's id, scheme and title): one N-Triples file, its lines
sorted, after a comment line with the lists as JSON. Reading it is reading the bytes; a lookup is
a binary search for the subject's lines and one parse of just those, so the first answer costs
milliseconds whatever the number of terms. For the bundled vocabularies it is built by the real
loader (so it says exactly what a fresh registry would) and cached under the user's cache
directory ($XDG_CACHE_HOME/eduvoc, else ~/.cache/eduvoc), keyed by the content hash of the
vocabulary and ontology files: a change to any of them builds a new one; nothing is written to
the working directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph
from pyoxigraph import NamedNode

from registry.metadata.lookup import Description
from registry.metadata.value_sources import TERM_PREDICATES

if TYPE_CHECKING:
    from registry.catalogue import Catalogue
    from registry.store import Store

FORMAT = 2  # bump when the file layout or what is kept changes
_HEADER = b"# eduvoc value-list snapshot "


@dataclass(frozen=True)
class ListRecord:
    """A registered list as the snapshot names it."""

    slug: str
    scheme: str
    title: dict[str, str]

    def label(self, language: str = "nl") -> str:
        """The title in `language`, else English, else any, else the id (as VocabularyRecord.label)."""
        return self.title.get(language) or self.title.get("en") or next(iter(self.title.values()), self.slug)


class ValueListSnapshot:
    """`ValueLists` read from a snapshot: sorted N-Triples lines, searched, parsed only when asked for."""

    def __init__(self, lists: list[ListRecord], lines: bytes) -> None:
        self._by_scheme = {record.scheme: record for record in lists}
        self._lines = lines  # sorted N-Triples, one triple per line, every line ending in b"\n"

    @classmethod
    def of(cls, lists: list[ListRecord], triples: Iterable[pyoxigraph.Triple]) -> ValueListSnapshot:
        lines = sorted({f"{t.subject} {t.predicate} {t.object} .\n".encode() for t in triples})
        return cls(lists, b"".join(lines))

    @classmethod
    def read(cls, path: Path) -> ValueListSnapshot:
        data = path.read_bytes()
        header, _, lines = data.partition(b"\n")
        if not header.startswith(_HEADER):
            raise ValueError(f"{path}: not a value-list snapshot")
        meta = json.loads(header[len(_HEADER):])
        if meta.get("format") != FORMAT:
            raise ValueError(f"{path}: not a value-list snapshot of format {FORMAT}")
        return cls([ListRecord(**record) for record in meta["lists"]], lines)

    def write(self, path: Path) -> None:
        """Write atomically (a reader never sees half a file)."""
        meta = {"format": FORMAT, "lists": [record.__dict__ for record in self._by_scheme.values()]}
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
        with os.fdopen(handle, "wb") as stream:
            stream.write(_HEADER + json.dumps(meta, ensure_ascii=True, separators=(",", ":")).encode() + b"\n")
            stream.write(self._lines)
        os.replace(temporary, path)

    def describe(self, nodes: Iterable[NamedNode]) -> dict[str, Description]:
        chunks = [self._lines_of(f"<{node.value}> ".encode()) for node in set(nodes)]
        text = b"".join(chunk for chunk in chunks if chunk)
        found: dict[str, Description] = {}
        if text:
            for triple in pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_TRIPLES):
                found.setdefault(triple.subject.value, {}).setdefault(triple.predicate.value, []).append(triple.object)
        return found

    def _lines_of(self, prefix: bytes) -> bytes:
        """The lines starting with `prefix` (contiguous, as the lines are sorted): a binary search
        for the first line >= prefix, then the run of lines that start with it."""
        lines = self._lines
        low, high = 0, len(lines)  # low: a line start, every line before it < prefix; high: len or a line start >= prefix
        while low < high:
            newline = lines.rfind(b"\n", low, (low + high) // 2)
            start = low if newline < 0 else newline + 1
            if lines[start:start + len(prefix)] < prefix:
                low = lines.index(b"\n", start) + 1
            else:
                high = start
        end = low
        while end < len(lines) and lines.startswith(prefix, end):
            end = lines.index(b"\n", end) + 1
        return lines[low:end]

    def list_of_scheme(self, scheme_iri: str) -> ListRecord | None:
        return self._by_scheme.get(scheme_iri)

    def is_empty(self) -> bool:
        return not self._by_scheme

    @property
    def triple_count(self) -> int:
        return self._lines.count(b"\n")


def snapshot_of(store: Store, catalogue: Catalogue) -> ValueListSnapshot:
    """The snapshot of a registry store's current value lists (read only)."""
    from registry.namespaces import PUBLIC_UNION_GRAPH

    graphs = catalogue.current_graphs()
    default_graph = [PUBLIC_UNION_GRAPH] if catalogue.union.holds(graphs) else graphs
    values = " ".join(f"<{p}>" for p in TERM_PREDICATES)
    query = f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o FILTER (isIRI(?s)) }}"
    triples = (pyoxigraph.Triple(row["s"], row["p"], row["o"]) for row in store.query(query, default_graph=default_graph))
    lists = [ListRecord(record.slug, record.scheme, dict(record.title)) for record in catalogue.vocabularies()]
    return ValueListSnapshot.of(lists, triples)


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/eduvoc, else ~/.cache/eduvoc."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eduvoc"


def bundle_hash(files: list[tuple[str, Path]]) -> str:
    """The content hash of the bundled files (and their ids): the snapshot's cache key."""
    from registry import __version__

    digest = hashlib.sha256(f"{FORMAT} {__version__}\n".encode())
    for slug, path in files:
        digest.update(f"{slug}\0{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def bundled_snapshot(vocabularies_dir: Path, ontology_dir: Path, cache: Path | None = None,
                     on_build: Callable[[Path], None] | None = None) -> ValueListSnapshot:
    """The snapshot of the bundled vocabularies: read from the cache, or built once (by loading them
    into a store in memory) and cached. `on_build(path)` is told before a build starts."""
    from registry.bundle import bundled_files

    files = bundled_files(vocabularies_dir, ontology_dir)
    path = (cache or cache_dir()) / f"value-lists-{bundle_hash(files)}.nt"
    if path.is_file():
        try:
            return ValueListSnapshot.read(path)
        except (ValueError, KeyError, TypeError, OSError):
            pass  # a damaged or foreign file: build it again
    if on_build is not None:
        on_build(path)
    from registry.bundle import load_files
    from registry.catalogue import Catalogue
    from registry.oxigraph_store import OxigraphStore

    store = OxigraphStore()
    catalogue = Catalogue(store)
    load_files(store, catalogue, files)
    snapshot = snapshot_of(store, catalogue)
    try:
        snapshot.write(path)
    except OSError:
        pass  # a read-only home: validate anyway, build again next time
    return snapshot
