"""Ranked retrieval: exact > prefix > word prefix > fuzzy, cut to the top k without ever collecting
every match.

A query becomes a *plan*: per match kind, a short list of steps in the order their hits rank (the
prefix kinds one per length bucket, shortest labels first). The plan runs in that order and stops
as soon as k distinct concepts are found, so a common prefix costs a few small term lookups.

A step looks its term up under the label paths the filters allow (languages; deprecated or not),
as a disjunction of term queries, which tantivy prunes block by block (block-max WAND) when it
only needs the top hits. Each term is boosted by 1/idf so that every path scores the same (a rare
language would otherwise come first), deprecated paths by half of that. Ties are broken by the
`rank` fast field: prefLabel, notation, altLabel, hiddenLabel; then shorter.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, cast

import tantivy

from registry.search.results import Match, SearchFilter
from registry.search.schema import (
    CONCEPT,
    DATA,
    DEPRECATED,
    EDGE_MAX,
    EXACT,
    EXACT_MAX,
    LANGUAGE,
    NO_LANGUAGE,
    ORDINAL,
    RANK,
    TYPE,
    VOCABULARY,
    WORDS,
    buckets_from,
    label_path,
    language_of,
    prefix_field,
    word_prefix_field,
)

FUZZY_MIN_LENGTH = 4  # shorter words are never matched fuzzily
FUZZY_PREFIX_MIN_LENGTH = 6  # a last word this long may also be a misspelt start of a word
COUNT_EXACT_LIMIT = 10_000  # above this many matching labels the concept count is estimated
DEPRECATED_WEIGHT = 0.5  # deprecated concepts, when asked for, rank after the others

_MUST, _SHOULD, _MUST_NOT = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot


@dataclass(frozen=True)
class Reader:
    """One consistent view of the index: a searcher and the label languages it holds."""

    searcher: tantivy.Searcher
    schema: tantivy.Schema
    languages: frozenset[str]


@dataclass(frozen=True)
class Candidate:
    """A concept found by one of its labels (the `ordinal`-th of its concept document)."""

    key: int
    match: Match
    score: float
    rank: int
    ordinal: int


@dataclass(frozen=True)
class FuzzyPolicy:
    """How far fuzzy matching goes. Search allows two edits in long words and fills a page with
    fuzzy matches; autocomplete allows one edit and only looks fuzzily when nothing else matched
    (a fuzzy lookup walks the term dictionary; it stays off the common path)."""

    max_distance: int = 1
    only_when_nothing_else: bool = False


@dataclass(frozen=True)
class Lookup:
    """A term of a JSON label field, looked up under the allowed label paths; with `phrase`, only
    labels that also contain that phrase of words."""

    field: str
    term: str
    phrase: tantivy.Query | None = None


Step = Lookup | tantivy.Query


@dataclass(frozen=True)
class Plan:
    tiers: tuple[tuple[Match, tuple[Step, ...]], ...]
    fuzzy: FuzzyPolicy


def plan(schema: tantivy.Schema, text: str, fuzzy: FuzzyPolicy) -> Plan:
    """The steps for normalised, non-empty `text`, best match kind first, each kind shortest
    labels first. Text longer than one prefix term is looked up by its first EDGE_MAX characters
    and checked as a phrase of words."""
    lengths = buckets_from(len(text))
    phrase, head = (None, text) if len(text) <= EDGE_MAX else (_phrase(schema, text.split(" ")), text[:EDGE_MAX])
    tiers: list[tuple[Match, tuple[Step, ...]]] = [
        (Match.EXACT, (Lookup(EXACT, text[:EXACT_MAX]),)),
        (Match.PREFIX, tuple(Lookup(prefix_field(b), head, phrase) for b in lengths)),
        (Match.WORD_PREFIX, tuple(Lookup(word_prefix_field(b), head, phrase) for b in lengths)),
    ]
    fuzzy_query = _fuzzy(schema, text.split(" "), fuzzy)
    if fuzzy_query is not None:
        tiers.append((Match.FUZZY, (fuzzy_query,)))
    return Plan(tuple(tiers), fuzzy)


def _phrase(schema: tantivy.Schema, words: list[str]) -> tantivy.Query:
    """The words in a row, the last one as a prefix. A last word under 3 letters is left out: it
    would expand to too many terms (tantivy keeps the first 50), and it could miss."""
    terms: list[str | tuple[int, str]] = list(words)
    if len(words) == 1 or len(words[-1]) >= 3:
        return tantivy.Query.phrase_prefix_query(schema, WORDS, terms)
    whole = terms[:-1]
    return tantivy.Query.phrase_query(schema, WORDS, whole) if len(whole) > 1 else tantivy.Query.term_query(schema, WORDS, words[0])


def _fuzzy(schema: tantivy.Schema, words: list[str], policy: FuzzyPolicy) -> tantivy.Query | None:
    """Every word within an edit distance (1, or up to `max_distance` from 8 letters; a long last
    word may also be a misspelt start of a word); words under 4 letters must match exactly."""
    clauses = []
    fuzzy_words = 0
    for position, word in enumerate(words):
        if len(word) < FUZZY_MIN_LENGTH:
            clauses.append((_MUST, tantivy.Query.term_query(schema, WORDS, word)))
            continue
        distance = 1 if len(word) < 8 else policy.max_distance
        prefix = position == len(words) - 1 and len(word) >= FUZZY_PREFIX_MIN_LENGTH
        fuzzy_words += 1
        clauses.append((_MUST, tantivy.Query.fuzzy_term_query(schema, WORDS, word, distance=distance, prefix=prefix)))
    return tantivy.Query.boolean_query(clauses) if fuzzy_words else None


def paths(reader: Reader, filters: SearchFilter) -> tuple[tuple[str, float], ...]:
    """(label path, weight) to look terms up under: the asked language and untagged labels (or
    every language), deprecated concepts only when asked for."""
    languages = (language_of(filters.language), NO_LANGUAGE) if filters.language else tuple(sorted(reader.languages))
    active = tuple((label_path(language, False), 1.0) for language in languages)
    if not filters.include_deprecated:
        return active
    return active + tuple((label_path(language, True), DEPRECATED_WEIGHT) for language in languages)


def step_query(reader: Reader, step: Step, filters: SearchFilter, weighted_paths: tuple[tuple[str, float], ...]) -> tantivy.Query | None:
    """The tantivy query of one step with the filters applied; None when it cannot match."""
    if isinstance(step, Lookup):
        query = _lookup(reader, step, weighted_paths)
        if query is None:
            return None
        if step.phrase is not None:
            query = tantivy.Query.boolean_query([(_MUST, query), (_MUST, step.phrase)])
        return _restricted(reader, query, filters, by_path=True)
    return _restricted(reader, step, filters, by_path=False)


def _lookup(reader: Reader, step: Lookup, weighted_paths: tuple[tuple[str, float], ...]) -> tantivy.Query | None:
    """The term under every path that has it, each boosted to score `weight` (BM25 of one term
    without field norms is proportional to its idf); None when no path has it."""
    total = reader.searcher.num_docs
    clauses = []
    for path, weight in weighted_paths:
        field = f"{step.field}.{path}"
        frequency = reader.searcher.doc_freq(field, step.term)
        if frequency:
            idf = math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
            term = tantivy.Query.term_query(reader.schema, field, step.term)
            clauses.append((_SHOULD, tantivy.Query.boost_query(term, weight / idf)))
    if not clauses:
        return None
    return clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)


def _restricted(reader: Reader, query: tantivy.Query, filters: SearchFilter, *, by_path: bool) -> tantivy.Query:
    """`query` restricted to the filtered vocabularies and types (and, unless the label paths did
    it already, language and deprecation); the restrictions do not change the scores. A language
    is kept by excluding the others: an exclusion skips through long posting lists, a required
    disjunction of them would be walked in full."""
    schema = reader.schema
    clauses = [(_MUST, query)]
    for field, values in ((VOCABULARY, filters.vocabularies), (TYPE, filters.types)):
        if values:
            clauses.append((_MUST, tantivy.Query.const_score_query(_any_of(schema, field, values), 0.0)))
    if not by_path and filters.language:
        kept = {language_of(filters.language), NO_LANGUAGE}
        clauses.extend((_MUST_NOT, tantivy.Query.term_query(schema, LANGUAGE, other)) for other in sorted(reader.languages - kept))
    if not by_path and not filters.include_deprecated:
        clauses.append((_MUST_NOT, tantivy.Query.term_query(schema, DEPRECATED, True)))
    return query if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)


def _any_of(schema: tantivy.Schema, field: str, values: tuple[str, ...]) -> tantivy.Query:
    terms = [tantivy.Query.term_query(schema, field, value) for value in values]
    return terms[0] if len(terms) == 1 else tantivy.Query.boolean_query([(_SHOULD, term) for term in terms])


def collect(reader: Reader, steps: Plan, filters: SearchFilter, want: int) -> list[Candidate]:
    """The best `want` concepts, each by its best label, in rank order."""
    chosen: dict[int, Candidate] = {}
    weighted_paths = paths(reader, filters)
    for match, tier in steps.tiers:
        if match is Match.FUZZY and chosen and steps.fuzzy.only_when_nothing_else:
            break
        for step in tier:
            missing = want - len(chosen)
            if missing <= 0:
                return list(chosen.values())
            query = step_query(reader, step, filters, weighted_paths)
            if query is None:
                continue
            fetch = 2 * missing + len(chosen) + 8  # room for other labels of the same concepts
            while True:
                hits = reader.searcher.search(query, limit=fetch, count=False).hits
                fresh = _best_per_concept(reader.searcher, hits, match, chosen)
                if len(fresh) >= missing or len(hits) < fetch:
                    break
                fetch *= 4
            for candidate in fresh[:missing]:
                chosen[candidate.key] = candidate
    return list(chosen.values())


def _best_per_concept(searcher: tantivy.Searcher, hits: list, match: Match, chosen: dict[int, Candidate]) -> list[Candidate]:
    if not hits:
        return []
    addresses = [address for _, address in hits]
    # integer fast fields, present on every label document
    keys = cast(list[int], searcher.fast_field_values(CONCEPT, addresses))
    ranks = cast(list[int], searcher.fast_field_values(RANK, addresses))
    ordinals = cast(list[int], searcher.fast_field_values(ORDINAL, addresses))
    candidates = sorted(
        (Candidate(key, match, round(score, 4), rank, ordinal) for (score, _), key, rank, ordinal in zip(hits, keys, ranks, ordinals, strict=True)),
        key=lambda c: (-c.score, c.rank, c.ordinal),
    )
    fresh: dict[int, Candidate] = {}
    for candidate in candidates:
        if candidate.key not in chosen and candidate.key not in fresh:
            fresh[candidate.key] = candidate
    return list(fresh.values())


def count(reader: Reader, steps: Plan, filters: SearchFilter) -> tuple[int, bool]:
    """(matching concepts, exact?): exact up to COUNT_EXACT_LIMIT matching labels, else estimated."""
    weighted_paths = paths(reader, filters)
    queries = [query for _, tier in steps.tiers for step in tier if (query := step_query(reader, step, filters, weighted_paths))]
    if not queries:
        return 0, True
    union = tantivy.Query.boolean_query([(_SHOULD, query) for query in queries])
    labels = matching(reader.searcher, union)
    if labels == 0:
        return 0, True
    if labels <= COUNT_EXACT_LIMIT:
        hits = reader.searcher.search(union, limit=labels, count=False).hits
        return len(set(reader.searcher.fast_field_values(CONCEPT, [address for _, address in hits]))), True
    return int(reader.searcher.cardinality(union, CONCEPT)), False


def matching(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    """How many documents match `query` (tantivy counts them; its type stubs omit `count`)."""
    result: Any = searcher.search(query, limit=1, count=True)
    return int(result.count or 0)


def stored_record(searcher: tantivy.Searcher, address: tantivy.DocAddress) -> dict:
    """The JSON record stored with a document."""
    data = searcher.doc(address).get_first(DATA)
    if not isinstance(data, str | bytes):
        raise ValueError(f"search document {address} has no stored record")
    return json.loads(data)
