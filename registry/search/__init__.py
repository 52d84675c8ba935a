"""Full-text search and autocomplete over every registered vocabulary (a tantivy index)."""

from registry.search.documents import ConceptDocument, Label, concept_documents
from registry.search.filters import search_filter
from registry.search.index import SearchIndex
from registry.search.results import Match, SearchFilter, SearchHit, SearchPage
from registry.search.sync import SyncReport, sync_search_index

__all__ = [
    "ConceptDocument",
    "Label",
    "Match",
    "SearchFilter",
    "SearchHit",
    "SearchIndex",
    "SearchPage",
    "SyncReport",
    "concept_documents",
    "search_filter",
    "sync_search_index",
]
