"""The embedded adapter: pyoxigraph on local disk (default) or in memory (tests)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, cast

import pyoxigraph
from pyoxigraph import BlankNode, NamedNode, Quad, Triple, Variable

from registry import rdf_text
from registry.errors import StoreInUse
from registry.formats import Format
from registry.store import BinaryOutput, QueryResult, Term


class OxigraphStore:
    """`registry.store.Store` over an embedded Oxigraph database."""

    def __init__(self, path: Path | None = None) -> None:
        self._on_disk = path is not None
        if path is None:
            self._store = pyoxigraph.Store()
            return
        path.mkdir(parents=True, exist_ok=True)
        try:
            self._store = pyoxigraph.Store(str(path))
        except OSError as error:
            # pyoxigraph gives no errno: RocksDB's lock on <path>/LOCK is the only OSError a
            # healthy directory raises at open, and its message names that file.
            if f"{path}/LOCK" in str(error) or "LOCK:" in str(error):
                raise StoreInUse(
                    f"the store {path} is in use by another process (a running `eduvoc serve`?); "
                    "stop it first, or make the change over HTTP with --server"
                ) from None
            raise

    @classmethod
    def read_only(cls, path: Path) -> OxigraphStore:
        """An existing on-disk store opened for reading only (never created, never written)."""
        opened = cls.__new__(cls)
        opened._store = pyoxigraph.Store.read_only(str(path))
        opened._on_disk = True
        return opened

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[Variable, Term] | None = None,
        default_graph: Sequence[NamedNode] | None = None,
        named_graphs: Sequence[NamedNode] | None = None,
    ) -> QueryResult:
        result = self._store.query(
            sparql,
            substitutions=dict(substitutions) if substitutions else None,
            default_graph=list(default_graph) if default_graph is not None else None,
            named_graphs=list(named_graphs) if named_graphs is not None else None,
        )
        return cast(QueryResult, result)  # the query form decides the kind (see registry.store.QueryResult)

    def quads(
        self,
        subject: NamedNode | BlankNode | Triple | None = None,
        predicate: NamedNode | None = None,
        obj: Term | None = None,
        graph: NamedNode | None = None,
    ) -> list[Quad]:
        # a list, not the iterator: pyoxigraph iterators must be dropped on the thread that made them
        return list(self._store.quads_for_pattern(subject, predicate, obj, graph))

    def bulk_load(self, source: Path | IO[bytes], rdf_format: Format, graph: NamedNode, base_iri: str | None) -> None:
        if isinstance(source, Path):
            self._store.bulk_load(path=source, format=rdf_format.oxigraph, to_graph=graph, base_iri=base_iri)
        else:
            self._store.bulk_load(source, format=rdf_format.oxigraph, to_graph=graph, base_iri=base_iri)

    def update(self, sparql_update: str) -> None:
        self._store.update(sparql_update)

    def add_quads(self, quads: Iterable[Quad]) -> None:
        self._store.extend(quads)

    def remove_quads(self, quads: Iterable[Quad]) -> None:
        for quad in quads:
            self._store.remove(quad)

    def drop_graph(self, graph: NamedNode) -> None:
        self._store.remove_graph(graph)

    def copy_graph(self, source: NamedNode, target: NamedNode) -> None:
        if not self._holds_blank_nodes(source):
            # all native: the graph dumped as N-Triples to a temporary file (disk, not memory), bulk
            # loaded into the target; no quad passes through Python
            with tempfile.TemporaryFile() as buffer:
                self._store.dump(buffer, format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=source)
                buffer.seek(0)
                self._store.bulk_load(buffer, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=target)
            return
        # parsing renames blank nodes; copied quad by quad (streamed), they keep their identity
        quads = (Quad(q.subject, q.predicate, q.object, target) for q in self._store.quads_for_pattern(None, None, None, source))
        self._store.bulk_extend(quads)

    def _holds_blank_nodes(self, graph: NamedNode) -> bool:
        ask = "ASK { { ?s ?p ?o FILTER(isBlank(?s)) } UNION { ?s ?p ?o FILTER(isBlank(?o)) } }"
        return bool(self._store.query(ask, default_graph=[graph]))

    def named_graphs(self) -> list[NamedNode]:
        return [g for g in self._store.named_graphs() if isinstance(g, NamedNode)]

    def graph_quads(self, graph: NamedNode) -> Iterator[Quad]:
        quads = self._store.quads_for_pattern(None, None, None, graph)
        if self._on_disk:  # RocksDB's graph-subject-predicate-object index: grouped by subject, streamed
            yield from quads
        else:  # the in-memory store iterates in no such order; it holds the graph in memory anyway
            yield from sorted(quads, key=lambda quad: str(quad.subject))

    def count(self, graph: NamedNode) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=[graph])
        return int(next(iter(result))["n"].value)

    def serialize(self, output: BinaryOutput, rdf_format: Format, graphs: Sequence[NamedNode]) -> None:
        sink = cast(IO[bytes], output)  # pyoxigraph only calls write()
        if rdf_format.oxigraph == pyoxigraph.RdfFormat.N_TRIPLES and len(graphs) == 1:
            self._store.dump(sink, format=rdf_format.oxigraph, from_graph=graphs[0])  # native, same bytes
        elif rdf_format.graph_aware:
            quads = (q for g in graphs for q in self._store.quads_for_pattern(None, None, None, g))
            pyoxigraph.serialize(quads, sink, format=rdf_format.oxigraph)
        else:
            triples = (q.triple for g in graphs for q in self._store.quads_for_pattern(None, None, None, g))
            pyoxigraph.serialize(triples, sink, format=rdf_format.oxigraph, prefixes=_EXPORT_PREFIXES)

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        self._store.flush()
        del self._store


_EXPORT_PREFIXES = rdf_text.prefixes("skos", "dct", "owl", "rdf", "rdfs", "xsd", "foaf", "eduvoc")


def open_store(location: str) -> OxigraphStore:
    """The store configured by `EDUVOC_STORE`: a directory, or ':memory:'."""
    return OxigraphStore(None if location == ":memory:" else Path(location))
