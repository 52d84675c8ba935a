"""The tantivy schema of the search index, its analyzers, and opening an index on disk or in memory.

One *label document* per label or notation, so that ranking, the language filter and "which label
matched" are per label; one *concept document* per concept holds what a hit shows (stored, looked
up only for the few hits returned); one *version document* per vocabulary records the graph the
vocabulary was indexed from and the label languages it has.

Label fields, all over the normalised text (`registry.search.text.normalise`):
- `exact` (raw): the whole label, one term: an exact match is one term lookup.
- `prefix_<b>` (edge n-grams 1..EDGE_MAX of the whole label): a label prefix is one term lookup.
- `word_prefix_<b>` (edge n-grams of every tail that starts at a later word): a word prefix, or a
  phrase prefix from any word on, is one term lookup.
- `words` (whitespace, with positions): fuzzy matching and phrase checks of long queries.
`exact`, `prefix_<b>` and `word_prefix_<b>` are JSON fields whose one key is the label's *path*:
its language (primary subtag; "_" for none) and whether its concept is deprecated. The language
filter and leaving deprecated concepts out thus choose which terms to look up, instead of
intersecting with long posting lists. The prefix fields are split into buckets `<b>` by label
length: the best prefix matches are the shortest labels, so they are found in the first buckets
and a common prefix ("s", "ver") never walks the postings of every label that starts with it.
"""

from __future__ import annotations

import hashlib
import shutil
from bisect import bisect_left
from pathlib import Path

import tantivy

SCHEMA_VERSION = "2"
SCHEMA_MARKER = "eduvoc-search-schema"

EDGE_MAX = 20  # the longest prefix kept as one term; longer queries use phrase prefixes
LENGTH_BOUNDS = (*range(1, 13), 14, 16, 18, 20, 24, 32, 48)  # upper label lengths per bucket; the last is open
BUCKETS = tuple(range(len(LENGTH_BOUNDS) + 1))
EXACT_MAX = 500  # characters of a label kept in the `exact` term
NO_LANGUAGE = "_"  # the language of notations and untagged labels

EXACT = "exact"
WORDS = "words"
VOCABULARY = "vocabulary"
LANGUAGE = "language"  # primary subtag, for the filters of fuzzy and phrase lookups
TYPE = "type"
DEPRECATED = "deprecated"
CONCEPT = "concept"  # u64 key of the concept (fast), on label documents
RANK = "rank"  # u64 tie-break (fast): property order * 1024 + label length
ORDINAL = "ordinal"  # u64 (fast): which label of the concept document this is
CONCEPT_DOC = "concept_doc"  # u64 key (indexed), on concept documents only
KIND = "kind"  # "version" on version documents only
DATA = "data"  # stored JSON bytes of concept and version documents

_EDGE = "eduvoc_edge"
_WHITESPACE = "eduvoc_whitespace"


def bucket_of(length: int) -> int:
    """The length bucket of a normalised label of `length` characters."""
    return bisect_left(LENGTH_BOUNDS, length)


def buckets_from(length: int) -> tuple[int, ...]:
    """The buckets that can hold labels of at least `length` characters, shortest first."""
    return BUCKETS[bucket_of(length) :]


def prefix_field(bucket: int) -> str:
    return f"prefix_{bucket}"


def word_prefix_field(bucket: int) -> str:
    return f"word_prefix_{bucket}"


def concept_key(slug: str, iri: str) -> int:
    """A stable 64-bit key of a concept within a vocabulary (the same IRI may be in two)."""
    return int.from_bytes(hashlib.blake2b(f"{slug}\x00{iri}".encode(), digest_size=8).digest(), "big")


def label_path(language: str | None, deprecated: bool) -> str:
    """The JSON key a label is indexed under: "nl", "en", "_" (no language); "_nl", "__" when its
    concept is deprecated."""
    primary = language_of(language)
    return "_" + primary if deprecated else primary


def language_of(tag: str | None) -> str:
    """The primary subtag of a language tag, lower case; NO_LANGUAGE for none."""
    return tag.split("-", 1)[0].lower() if tag else NO_LANGUAGE


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_json_field(EXACT, tokenizer_name="raw", index_option="basic")
    for bucket in BUCKETS:
        builder.add_json_field(prefix_field(bucket), tokenizer_name=_EDGE, index_option="basic")
        builder.add_json_field(word_prefix_field(bucket), tokenizer_name=_EDGE, index_option="basic")
    builder.add_text_field(WORDS, tokenizer_name=_WHITESPACE, index_option="position")
    for name in (VOCABULARY, LANGUAGE, TYPE, KIND):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    builder.add_boolean_field(DEPRECATED, indexed=True)
    for name in (CONCEPT, RANK, ORDINAL):
        builder.add_unsigned_field(name, fast=True)
    builder.add_unsigned_field(CONCEPT_DOC, indexed=True)
    builder.add_bytes_field(DATA, stored=True)
    return builder.build()


def open_tantivy_index(path: Path | None) -> tantivy.Index:
    """The index at `path` (created, or rebuilt empty when it was written by another schema
    version), or a fresh in-memory index when `path` is None."""
    schema = build_schema()
    if path is None:
        index = tantivy.Index(schema)
    else:
        marker = path / SCHEMA_MARKER
        if path.exists() and (path / "meta.json").exists():
            current = marker.read_text(encoding="utf-8").strip() if marker.exists() else None
            if current != SCHEMA_VERSION or not tantivy.Index.is_compatible(str(path)):
                shutil.rmtree(path)  # an index of another schema: start empty, sync rebuilds it
        path.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(schema, path=str(path), reuse=True)
        marker.write_text(SCHEMA_VERSION + "\n", encoding="utf-8")
    index.register_tokenizer(_EDGE, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(1, EDGE_MAX, True)).build())
    index.register_tokenizer(_WHITESPACE, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
    return index
