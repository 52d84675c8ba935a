"""Keeping the search index in step with the catalogue: after every load, and at start-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from registry.catalogue import Catalogue
from registry.search.documents import concept_documents
from registry.search.index import SearchIndex
from registry.store import Store


@dataclass
class SyncReport:
    indexed: dict[str, int] = field(default_factory=dict)  # vocabulary id -> labels indexed
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def sync_search_index(
    store: Store,
    catalogue: Catalogue,
    index: SearchIndex,
    on_indexed: Callable[[str, int], None] | None = None,
) -> SyncReport:
    """(Re)index every vocabulary whose current graph differs from the one the index was built
    from, and drop vocabularies no longer registered. Comparing graphs, not events, makes the
    index heal itself after a crash between a load and its indexing."""
    report = SyncReport()
    with index.sync_lock:
        wanted = {record.slug: record.graph for record in catalogue.vocabularies()}
        have = index.indexed_versions()
        report.removed = sorted(set(have) - set(wanted))
        changed = sorted(slug for slug, graph in wanted.items() if have.get(slug) != graph)
        report.unchanged = len(wanted) - len(changed)
        if changed or report.removed:
            batch = ((slug, wanted[slug], concept_documents(store, NamedNode(wanted[slug]))) for slug in changed)
            report.indexed = index.replace(batch, remove=report.removed, on_indexed=on_indexed)
    return report
