"""One materialised graph holding the union of the current vocabulary releases, for fast reads.

Oxigraph evaluates a default graph made of N named graphs with one index lookup per graph and
triple pattern: with the ~70 current versions of a full registry, joins run 10-25x slower than
over one graph (docs/performance.md). So the registry keeps `graph/public`: the union of the
current release of every vocabulary (releases never change). The SPARQL default graph becomes
`graph/public` plus the few other public graphs (the catalogue, dataset descriptions, mappings),
and a concept lookup reads one graph instead of filtering every version of it.

The union is derived data: `Catalogue.written()` brings it in step after every write (copying
the graphs that became current, removing the triples only the graphs that left held), and
`Catalogue.sync_union()` at start. Until a sync has finished, `default_graph` answers the plain
list of graphs, so a reader never sees a union that is behind the catalogue.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from pyoxigraph import NamedNode, Quad

from registry.namespaces import ADMIN_GRAPH, EDUVOC_DEF, PUBLIC_UNION_GRAPH, is_version_graph
from registry.store import Store

INCLUDES = NamedNode(EDUVOC_DEF + "includesGraph")


class PublicUnion:
    """The union graph of one store and which graphs it holds (kept in the private admin graph)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._members: frozenset[NamedNode] | None = None
        self._version = 0  # bumped by every sync, so a read that raced with one is not kept
        self._answers: dict[int, tuple[int, Sequence[NamedNode], list[NamedNode]]] = {}  # by id(graphs)

    def members(self) -> frozenset[NamedNode]:
        """The graphs the union holds."""
        members, version = self._members, self._version
        if members is None:
            members = frozenset(q.object for q in self._store.quads(PUBLIC_UNION_GRAPH, INCLUDES, None, ADMIN_GRAPH) if isinstance(q.object, NamedNode))
            if version == self._version:
                self._members = members
        return members

    def default_graph(self, graphs: Sequence[NamedNode]) -> list[NamedNode]:
        """`graphs` (a public default graph) with its version graphs replaced by the union, when
        the union holds exactly those; otherwise `graphs` unchanged. Remembered for the same
        `graphs` object until the next sync (it is asked on every query)."""
        version = self._version
        last = self._answers.get(id(graphs))
        if last is not None and last[0] == version and last[1] is graphs:
            return last[2]
        versions = [g for g in graphs if is_version_graph(g)]
        if versions and frozenset(versions) == self.members():
            answer = [PUBLIC_UNION_GRAPH, *(g for g in graphs if not is_version_graph(g))]
        else:
            answer = list(graphs)
        if version == self._version:
            if len(self._answers) > 16:
                self._answers = {}
            self._answers[id(graphs)] = (version, graphs, answer)
        return answer

    def holds(self, graphs: Sequence[NamedNode]) -> bool:
        """Whether the union holds exactly the version graphs among `graphs` (it is in step)."""
        return self.default_graph(graphs)[0] == PUBLIC_UNION_GRAPH

    def sync(self, graphs: Sequence[NamedNode]) -> tuple[int, int]:
        """Make the union hold exactly the version graphs among `graphs`; (added, removed) graphs."""
        wanted = frozenset(g for g in graphs if is_version_graph(g))
        with self._lock:
            members = self.members()
            added, removed = wanted - members, members - wanted
            if not added and not removed:
                return 0, 0
            self._version += 1
            self._forget_members(removed | added)  # an interrupted sync is redone at the next one
            keep = wanted & members
            present = set(self._store.named_graphs())
            if any(graph not in present for graph in removed):
                self._remove_unheld(keep)  # a graph already dropped: find what only it held
            else:
                for graph in removed:
                    self._remove(graph, keep)
            for graph in added:
                self._copy(graph)
            self._store.add_quads(Quad(PUBLIC_UNION_GRAPH, INCLUDES, g, ADMIN_GRAPH) for g in sorted(added, key=lambda g: g.value))
            self._store.flush()
            self._members = None
            self._version += 1
            return len(added), len(removed)

    def _forget_members(self, graphs: frozenset[NamedNode]) -> None:
        for graph in graphs:
            self._store.remove_quads([Quad(PUBLIC_UNION_GRAPH, INCLUDES, graph, ADMIN_GRAPH)])
        self._members = None

    def _copy(self, graph: NamedNode) -> None:
        """Copy `graph` into the union, streamed by the store (bulk, no Python list of the graph)."""
        self._store.copy_graph(graph, PUBLIC_UNION_GRAPH)

    def _remove(self, graph: NamedNode, keep: frozenset[NamedNode]) -> None:
        """Remove the triples of `graph` from the union unless a graph in `keep` also holds them."""
        self._remove_unless_held(graph, keep)

    def _remove_unheld(self, keep: frozenset[NamedNode]) -> None:
        """Remove every union triple no graph in `keep` holds (slower: scans the whole union)."""
        self._remove_unless_held(PUBLIC_UNION_GRAPH, keep)

    def _remove_unless_held(self, source: NamedNode, keep: frozenset[NamedNode]) -> None:
        """One update evaluated by the store: for each triple of `source`, one index lookup of the
        graphs holding it; no triple passes through Python. The graph IRIs are our own version
        graphs, written as IRIs by the term's own serialisation."""
        kept = ", ".join(str(graph) for graph in sorted(keep, key=lambda g: g.value))
        self._store.update(
            f"DELETE {{ GRAPH {PUBLIC_UNION_GRAPH} {{ ?s ?p ?o }} }} "
            f"WHERE {{ GRAPH {source} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?holder {{ ?s ?p ?o }} FILTER (?holder IN ({kept})) }} }}"
        )
