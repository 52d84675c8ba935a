"""Suggested mappings between two registered vocabularies: their current versions' labels matched
lexically (`registry.matching.lexical`), each candidate with a SKOS predicate guess, the labels
that matched, a SEMAPV justification, and the mapping already asserted between the two, if any.

Matching a large pair takes seconds, so results are cached per pair of current graphs (a new
release of either vocabulary is a new graph, hence a fresh computation)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Variable

from registry.catalogue import Catalogue, VocabularyRecord
from registry.errors import InvalidInput
from registry.matching.lexical import LabelEntry, ScoredPair, match_labels
from registry.namespaces import SKOS
from registry.search.documents import concept_documents
from registry.search.results import display_label
from registry.store import Store

SEMAPV_LEXICAL_MATCHING = "https://w3id.org/semapv/vocab/LexicalMatching"
EXACT_MATCH = SKOS + "exactMatch"
CLOSE_MATCH = SKOS + "closeMatch"
MAPPING_PREDICATES = tuple(SKOS + name for name in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"))
PER_SOURCE = 5  # candidates kept per source concept
FLOOR_SCORE = 0.5  # the lowest min_score a caller may ask for (what the cache holds)
MAX_LIMIT = 10_000

_EXISTING = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s ?p ?o ?source ?target WHERE {
  VALUES ?p { skos:exactMatch skos:closeMatch skos:broadMatch skos:narrowMatch skos:relatedMatch }
  ?s ?p ?o . ?s skos:inScheme ?source . ?o skos:inScheme ?target .
}"""


@dataclass(frozen=True)
class Suggestion:
    """One candidate mapping `subject predicate object`."""

    subject: str
    subject_label: str | None
    object: str
    object_label: str | None
    predicate: str  # skos:exactMatch for identical normalised labels, else skos:closeMatch
    score: float  # 0..1, also the mapping's confidence
    subject_match: str  # the labels that matched (text@language)
    object_match: str
    justification: str = SEMAPV_LEXICAL_MATCHING
    existing: tuple[str, ...] = ()  # mapping predicates already asserted from subject to object


@dataclass(frozen=True)
class SuggestionSet:
    source: str
    target: str
    suggestions: list[Suggestion]
    source_concepts: int
    target_concepts: int
    seconds: float  # time the matching took (0 when served from the cache)
    cached: bool = False
    total: int = 0  # suggestions before the limit


@dataclass
class _Labels:
    entries: list[LabelEntry] = field(default_factory=list)
    display: dict[str, str | None] = field(default_factory=dict)


def _labels(store: Store, record: VocabularyRecord, language: str) -> _Labels:
    """The prefLabels and altLabels of the vocabulary's current concepts (deprecated ones left out)."""
    labels = _Labels()
    for document in concept_documents(store, NamedNode(record.graph)):
        if document.deprecated:
            continue
        shown = display_label(document.labels, language)
        labels.display[document.iri] = shown.text if shown else None
        for label in document.labels:
            if label.property in ("prefLabel", "altLabel"):
                labels.entries.append(LabelEntry(document.iri, label.text, label.language, label.property == "prefLabel"))
    return labels


def _existing(store: Store, catalogue: Catalogue, source: VocabularyRecord, target: VocabularyRecord) -> dict[tuple[str, str], tuple[str, ...]]:
    """Mapping triples already in the public graphs from a source concept to a target concept."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    rows = store.query(
        _EXISTING,
        substitutions={Variable("source"): NamedNode(source.scheme), Variable("target"): NamedNode(target.scheme)},
        default_graph=catalogue.query_graphs(),
    )
    for row in rows:
        key = (row["s"].value, row["o"].value)
        found[key] = tuple(sorted({*found.get(key, ()), row["p"].value}))
    return found


def _label_text(entry: LabelEntry) -> str:
    return f"{entry.text}@{entry.language}" if entry.language else entry.text


def _suggestion(pair: ScoredPair, source: _Labels, target: _Labels, existing: dict) -> Suggestion:
    return Suggestion(
        subject=pair.source,
        subject_label=source.display.get(pair.source),
        object=pair.target,
        object_label=target.display.get(pair.target),
        predicate=EXACT_MATCH if pair.identical else CLOSE_MATCH,
        score=pair.score,
        subject_match=_label_text(pair.source_label),
        object_match=_label_text(pair.target_label),
        existing=existing.get((pair.source, pair.target), ()),
    )


def compute(store: Store, catalogue: Catalogue, source_id: str, target_id: str, *, language: str = "nl",
            per_source: int = PER_SOURCE, min_score: float = FLOOR_SCORE) -> SuggestionSet:
    """Every candidate (up to `per_source` per source concept) scoring at least `min_score`."""
    source, target = catalogue.vocabulary(source_id), catalogue.vocabulary(target_id)
    started = time.perf_counter()
    source_labels, target_labels = _labels(store, source, language), _labels(store, target, language)
    pairs = match_labels(source_labels.entries, target_labels.entries, per_source=per_source, min_score=min_score)
    existing = _existing(store, catalogue, source, target)
    suggestions = [_suggestion(pair, source_labels, target_labels, existing) for pair in pairs]
    seconds = time.perf_counter() - started
    return SuggestionSet(source_id, target_id, suggestions, len(source_labels.display), len(target_labels.display), seconds,
                         total=len(suggestions))


class SuggestionCache:
    """The last few computed pairs, keyed by their current graphs (a new release is a new key)."""

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._sets: OrderedDict[tuple[str, str, str], SuggestionSet] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, catalogue: Catalogue, source_id: str, target_id: str, language: str) -> SuggestionSet:
        key = (catalogue.vocabulary(source_id).graph, catalogue.vocabulary(target_id).graph, language)
        with self._lock:
            found = self._sets.get(key)
            if found is not None:
                self._sets.move_to_end(key)
                return SuggestionSet(**{**found.__dict__, "seconds": 0.0, "cached": True})
        computed = compute(store, catalogue, source_id, target_id, language=language)
        with self._lock:
            self._sets[key] = computed
            while len(self._sets) > self._size:
                self._sets.popitem(last=False)
        return computed


def suggest(store: Store, catalogue: Catalogue, source_id: str, target_id: str, *, limit: int = 100,
            min_score: float = 0.7, per_source: int = 3, language: str = "nl", cache: SuggestionCache | None = None,
            include_existing: bool = True) -> SuggestionSet:
    """Candidates from `source_id` to `target_id` scoring at least `min_score`, at most `per_source`
    per source concept and `limit` in all, best first."""
    if source_id == target_id:
        raise InvalidInput("source and target must be different vocabularies", location="target")
    if not FLOOR_SCORE <= min_score <= 1:
        raise InvalidInput(f"min_score must be between {FLOOR_SCORE} and 1", location="min_score")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}", location="limit")
    if not 1 <= per_source <= PER_SOURCE:
        raise InvalidInput(f"per_source must be between 1 and {PER_SOURCE}", location="per_source")
    for slug, location in ((source_id, "source"), (target_id, "target")):
        if slug not in {record.slug for record in catalogue.vocabularies()}:
            raise InvalidInput(f"no vocabulary {slug!r} is registered", location=location)
    full = cache.get(store, catalogue, source_id, target_id, language) if cache else compute(store, catalogue, source_id, target_id, language=language)
    kept: list[Suggestion] = []
    taken: dict[str, int] = {}
    for suggestion in full.suggestions:
        if suggestion.score < min_score or (not include_existing and suggestion.existing):
            continue
        if taken.get(suggestion.subject, 0) >= per_source:
            continue
        taken[suggestion.subject] = taken.get(suggestion.subject, 0) + 1
        kept.append(suggestion)
    kept.sort(key=lambda s: (-s.score, s.subject_label or s.subject, s.object))
    return SuggestionSet(full.source, full.target, kept[:limit], full.source_concepts, full.target_concepts, full.seconds,
                         full.cached, total=len(kept))
