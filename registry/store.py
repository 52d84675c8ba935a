"""The store port: what the domain needs from an RDF quad store, and nothing engine-specific.

Terms and query results use pyoxigraph's term classes as the common currency, so a remote
SPARQL 1.1 adapter can parse its responses into the same types (`pyoxigraph.parse_query_results`).
`registry/oxigraph_store.py` is the only module that imports the embedded engine's Store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Protocol, Union

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, QuerySolutions, QueryTriples, Triple, Variable

from registry.formats import Format

Term = Union[NamedNode, BlankNode, Literal, Triple]
QueryResult = Union[QuerySolutions, QueryTriples, bool]


class Store(Protocol):
    """A quad store holding the catalogue graph and one named graph per vocabulary version."""

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[Variable, Term] | None = None,
        default_graph: Sequence[NamedNode] | None = None,
        named_graphs: Sequence[NamedNode] | None = None,
    ) -> QueryResult:
        """Run a SPARQL query; `default_graph` lists the graphs merged as the default graph."""
        ...

    def quads(
        self,
        subject: NamedNode | BlankNode | None = None,
        predicate: NamedNode | None = None,
        obj: Term | None = None,
        graph: NamedNode | None = None,
    ) -> list[Quad]:
        """Every quad matching the pattern in any named graph (None matches anything).

        For the hottest lookups, where parsing and planning a SPARQL query would cost more than
        the index scan itself; a remote adapter answers it with one SELECT.
        """
        ...

    def bulk_load(self, source: Path | IO[bytes], rdf_format: Format, graph: NamedNode, base_iri: str | None) -> None:
        """Parse RDF into `graph` (fast, not transactional: load into a fresh graph only)."""
        ...

    def update(self, sparql_update: str) -> None:
        """Apply a SPARQL update atomically. Internal use only: never built from user text."""
        ...

    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads in one transaction."""
        ...

    def remove_quads(self, quads: Iterable[Quad]) -> None:
        """Remove quads in one transaction (absent ones are ignored)."""
        ...

    def drop_graph(self, graph: NamedNode) -> None: ...

    def copy_graph(self, source: NamedNode, target: NamedNode) -> None:
        """Copy every triple of `source` into the (new) graph `target`, without holding it all in memory."""
        ...

    def named_graphs(self) -> list[NamedNode]: ...

    def graph_quads(self, graph: NamedNode) -> Iterator[Quad]:
        """Every quad of `graph`, streamed, the quads of one subject one after another (for passes
        over a whole vocabulary without holding it in memory); consume it on the calling thread."""
        ...

    def count(self, graph: NamedNode) -> int:
        """Number of triples in `graph`."""
        ...

    def serialize(self, output: IO[bytes], rdf_format: Format, graphs: Sequence[NamedNode]) -> None:
        """Write the triples of `graphs` (quads, for graph-aware formats)."""
        ...

    def flush(self) -> None: ...

    def close(self) -> None: ...
