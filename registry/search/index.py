"""`SearchIndex`: the tantivy full-text index over the labels of every registered vocabulary.

Writes replace one vocabulary's documents in a single commit (atomic: a crash leaves the previous
commit). Reads use a cached reader (searcher and label languages) that is swapped after each
commit, so a request costs a few term lookups and no setup. The index lives on disk beside the
store, or in memory for tests.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import tantivy

from registry.config import MEMORY
from registry.search.documents import ConceptDocument, Label
from registry.search.encoding import VERSION_KIND, concept_document, label_documents, version_document
from registry.search.filters import MAX_AUTOCOMPLETE_LIMIT, MAX_SEARCH_LIMIT, MAX_WINDOW, check_text, check_window
from registry.search.ranking import Candidate, FuzzyPolicy, Reader, collect, count, matching, plan, stored_record
from registry.search.results import SearchFacets, SearchFilter, SearchHit, SearchPage, display_label
from registry.search.schema import CONCEPT_DOC, KIND, VOCABULARY, concept_key, language_of, open_tantivy_index

WRITER_HEAP_BYTES = 256_000_000


class SearchIndex:
    """Full-text search and autocomplete over the labels and notations of registered vocabularies."""

    def __init__(self, path: Path | None = None, *, writer_heap_bytes: int = WRITER_HEAP_BYTES) -> None:
        self.path = path
        self.sync_lock = threading.Lock()  # one sync at a time (see registry.search.sync)
        self._write_lock = threading.Lock()
        self._writer_heap = writer_heap_bytes
        self._index = open_tantivy_index(path)
        self._schema = self._index.schema
        self._reader = self._fresh_reader()

    @classmethod
    def open(cls, location: str) -> SearchIndex:
        """The index configured by `EDUVOC_SEARCH_INDEX`: a directory, or ':memory:'."""
        return cls(None if location == MEMORY else Path(location))

    # --- writing ---------------------------------------------------------------------------------

    def index_vocabulary(self, slug: str, graph_iri: str, documents: Iterable[ConceptDocument]) -> int:
        """Replace every document of vocabulary `slug` by `documents`, built from `graph_iri`, in
        one commit. Returns the number of labels indexed."""
        return self.replace([(slug, graph_iri, documents)])[slug]

    def remove_vocabulary(self, slug: str) -> None:
        """Drop every document of vocabulary `slug`."""
        self.replace([], remove=[slug])

    def replace(
        self,
        vocabularies: Iterable[tuple[str, str, Iterable[ConceptDocument]]],
        *,
        remove: Iterable[str] = (),
        on_indexed: Callable[[str, int], None] | None = None,
    ) -> dict[str, int]:
        """In one commit: drop the vocabularies in `remove` and replace the documents of each
        (id, graph IRI, documents) given. One commit for many vocabularies also saves a segment
        merge per vocabulary. Returns labels indexed per vocabulary id."""
        indexed: dict[str, int] = {}
        with self._write_lock:
            writer = self._index.writer(heap_size=self._writer_heap)
            try:
                for slug in remove:
                    writer.delete_documents_by_term(VOCABULARY, slug)
                for slug, graph_iri, documents in vocabularies:
                    writer.delete_documents_by_term(VOCABULARY, slug)
                    languages: set[str] = set()
                    labels = sum(self._add_concept(writer, slug, document, languages) for document in documents)
                    writer.add_document(version_document(slug, graph_iri, labels, languages))
                    indexed[slug] = labels
                    if on_indexed is not None:
                        on_indexed(slug, labels)
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()
            self._reader = self._fresh_reader()
        return indexed

    def indexed_versions(self) -> dict[str, str]:
        """Vocabulary id -> the graph IRI its documents were built from."""
        return {record["vocabulary"]: record["graph"] for record in _version_records(self._reader.searcher, self._schema)}

    def _add_concept(self, writer: tantivy.IndexWriter, slug: str, document: ConceptDocument, languages: set[str]) -> int:
        key = concept_key(slug, document.iri)
        writer.add_document(concept_document(key, slug, document))
        languages.update(language_of(label.language) for label in document.labels)
        added = 0
        for label in label_documents(key, slug, document):
            writer.add_json(label)
            added += 1
        return added

    def _fresh_reader(self) -> Reader:
        """A searcher on the last commit and the label languages of every indexed vocabulary."""
        self._index.reload()
        searcher = self._index.searcher()
        languages = frozenset(language for record in _version_records(searcher, self._schema) for language in record.get("languages", ()))
        return Reader(searcher, self._schema, languages)

    # --- reading ---------------------------------------------------------------------------------

    def search(self, text: str, filters: SearchFilter = SearchFilter(), *, offset: int = 0, limit: int = 20) -> SearchPage:
        """One page of the concepts whose labels match `text`, best first, with the number of
        matching concepts. Labels show in `filters.language`, else nl, else en."""
        normalised = check_text(text)
        offset, limit = check_window(offset, limit, MAX_SEARCH_LIMIT)
        reader = self._reader
        steps = plan(self._schema, normalised, FuzzyPolicy(max_distance=2))
        candidates = collect(reader, steps, filters, offset + limit)
        total, exact = count(reader, steps, filters)
        return SearchPage(_hits(reader, candidates[offset : offset + limit], filters.language), total, exact, offset, limit)

    def facet_counts(self, text: str, filters: SearchFilter = SearchFilter(), *, window: int = MAX_WINDOW) -> SearchFacets:
        """How many of the best `window` matching concepts fall in each vocabulary, type, matched
        label language and deprecation state (exact when the search has at most `window` matches)."""
        normalised = check_text(text)
        reader = self._reader
        steps = plan(self._schema, normalised, FuzzyPolicy(max_distance=2))
        hits = _hits(reader, collect(reader, steps, filters, window), filters.language)
        return SearchFacets(
            vocabularies=Counter(hit.vocabulary for hit in hits),
            types=Counter(t for hit in hits for t in hit.types),
            languages=Counter(hit.matched_language or "" for hit in hits),
            deprecated=Counter("deprecated" if hit.deprecated else "current" for hit in hits),
            counted=len(hits),
        )

    def autocomplete(self, text: str, filters: SearchFilter = SearchFilter(), *, limit: int = 10) -> list[SearchHit]:
        """The best `limit` concepts for a label being typed; nothing is counted."""
        normalised = check_text(text)
        _, limit = check_window(0, limit, MAX_AUTOCOMPLETE_LIMIT)
        reader = self._reader
        steps = plan(self._schema, normalised, FuzzyPolicy(max_distance=1, only_when_nothing_else=True))
        return _hits(reader, collect(reader, steps, filters, limit), filters.language)


def _version_records(searcher: tantivy.Searcher, schema: tantivy.Schema) -> list[dict]:
    query = tantivy.Query.term_query(schema, KIND, VERSION_KIND)
    total = matching(searcher, query)
    if not total:
        return []
    return [stored_record(searcher, address) for _, address in searcher.search(query, limit=total, count=False).hits]


def _hits(reader: Reader, candidates: list[Candidate], language: str | None) -> list[SearchHit]:
    """The hits of `candidates`, their concept documents looked up by key (a few term lookups)."""
    if not candidates:
        return []
    lookups = [(tantivy.Occur.Should, tantivy.Query.term_query(reader.schema, CONCEPT_DOC, c.key)) for c in candidates]
    stored = {}
    for _, address in reader.searcher.search(tantivy.Query.boolean_query(lookups), limit=len(candidates), count=False).hits:
        record = stored_record(reader.searcher, address)
        stored[record["key"]] = record
    return [_hit(stored[c.key], c, language) for c in candidates if c.key in stored]


def _hit(record: dict, candidate: Candidate, language: str | None) -> SearchHit:
    labels = [Label(prop, text, lang) for prop, lang, text in record["labels"]]
    matched = labels[candidate.ordinal]
    shown = display_label(labels, language)
    notation = next((label.text for label in labels if label.property == "notation"), None)
    return SearchHit(
        iri=record["iri"],
        vocabulary=record["vocabulary"],
        label=shown.text if shown else None,
        label_language=shown.language if shown else None,
        matched_label=matched.text,
        matched_property=matched.property,
        matched_language=matched.language,
        match=candidate.match,
        notation=notation,
        deprecated=record["deprecated"],
        types=tuple(record["types"]),
    )
