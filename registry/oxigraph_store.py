"""The embedded adapter: pyoxigraph on local disk (default) or in memory (tests)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, cast

import pyoxigraph
from pyoxigraph import BlankNode, NamedNode, Quad, Triple, Variable

from registry import rdf_text
from registry.formats import Format
from registry.store import BinaryOutput, QueryResult, Term


class OxigraphStore:
    """`registry.store.Store` over an embedded Oxigraph database."""

    def __init__(self, path: Path | None = None) -> None:
        if path is not None:
            path.mkdir(parents=True, exist_ok=True)
        self._store = pyoxigraph.Store(str(path)) if path is not None else pyoxigraph.Store()

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
        quads = (Quad(q.subject, q.predicate, q.object, target) for q in self._store.quads_for_pattern(None, None, None, source))
        self._store.bulk_extend(quads)

    def named_graphs(self) -> list[NamedNode]:
        return [g for g in self._store.named_graphs() if isinstance(g, NamedNode)]

    def count(self, graph: NamedNode) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=[graph])
        return int(next(iter(result))["n"].value)

    def serialize(self, output: BinaryOutput, rdf_format: Format, graphs: Sequence[NamedNode]) -> None:
        sink = cast(IO[bytes], output)  # pyoxigraph only calls write()
        if rdf_format.graph_aware:
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
