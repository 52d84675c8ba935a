"""What changed since a moment: vocabularies whose current version was loaded since then, and
concepts whose own `dct:modified` is on or after it (where a source records that)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pyoxigraph import Literal, NamedNode, Variable

from registry.catalogue import Catalogue, VocabularyRecord
from registry.hierarchy import Page, check_paging
from registry.namespaces import XSD
from registry.queries import named_query
from registry.store import Store


@dataclass(frozen=True)
class ChangedConcept:
    iri: str
    modified: str


@dataclass(frozen=True)
class Changes:
    since: datetime
    vocabularies: list[VocabularyRecord]
    concepts: Page[ChangedConcept]


def changed_since(store: Store, catalogue: Catalogue, since: datetime, offset: int = 0, limit: int = 100) -> Changes:
    offset, limit = check_paging(offset, limit)
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    vocabularies = [r for r in catalogue.vocabularies() if r.modified >= since]
    bound = Literal(since.isoformat(), datatype=NamedNode(XSD + "dateTime"))
    rows = [
        ChangedConcept(row["concept"].value, row["modified"].value)
        for row in store.query(named_query("modified_concepts"), substitutions={Variable("since"): bound}, default_graph=catalogue.read_graphs())
    ]
    return Changes(since, vocabularies, Page(rows[offset : offset + limit], len(rows), offset, limit))
