"""Lexical matching of two label sets: blocking on shared words, scoring with rapidfuzz.

Comparing every source label with every target label is quadratic (10k x 1k concepts with their
alternative labels is ~40M comparisons). Instead the target labels go into an inverted index of
their stemmed words (and the first five letters of long words, which catches Dutch compounds and
inflections); a source label is compared only with target labels sharing one of its rarer words.
Words in more than 5% of the target labels are not used for blocking unless a label has nothing
rarer. Each label is compared once per distinct match key, however many concepts carry it.

A pair scores 0.6 x token-set ratio + 0.4 x plain ratio of the match keys (rapidfuzz, 0-100),
scaled to 0..1: the token-set ratio forgives word order and extra words, the plain ratio keeps
"toets" from scoring as high as "digitale toets" against "toets". Identical keys score 1. A pair
involving an alternative label is weighted 0.95, so a preferred-label match ranks first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from registry.matching.text import match_key

TOKEN_SET_WEIGHT = 0.6
RATIO_WEIGHT = 0.4
ALT_LABEL_WEIGHT = 0.95
PREFIX_LENGTH = 5  # long words are also blocked on their first letters
PREFIX_MIN_WORD = 7
COMMON_SHARE = 0.05  # a word in more target labels than this share does not block...
COMMON_MIN = 50  # ...unless it is in fewer than this many
MAX_CANDIDATES = 5000  # target keys compared with one source key at most


@dataclass(frozen=True)
class LabelEntry:
    """One label of one concept, as matching reads it."""

    concept: str
    text: str
    language: str | None
    preferred: bool  # skos:prefLabel (else skos:altLabel)


@dataclass(frozen=True)
class ScoredPair:
    """The best label pair between a source and a target concept."""

    source: str
    target: str
    score: float  # 0..1
    identical: bool  # the match keys are equal
    source_label: LabelEntry
    target_label: LabelEntry


def _block_terms(key: str) -> set[str]:
    terms = set()
    for word in key.split():
        terms.add(word)
        if len(word) >= PREFIX_MIN_WORD:
            terms.add("^" + word[:PREFIX_LENGTH])
    return terms


def _grouped(entries: Sequence[LabelEntry]) -> dict[str, list[LabelEntry]]:
    groups: dict[str, list[LabelEntry]] = defaultdict(list)
    for entry in entries:
        key = match_key(entry.text, entry.language)
        if key:
            groups[key].append(entry)
    return groups


def match_labels(
    sources: Sequence[LabelEntry], targets: Sequence[LabelEntry], *, per_source: int = 5, min_score: float = 0.6
) -> list[ScoredPair]:
    """For each source concept, its best `per_source` target concepts scoring at least `min_score`,
    best first; source concepts in the order first seen."""
    target_groups = _grouped(targets)
    target_keys = list(target_groups)
    postings: dict[str, list[int]] = defaultdict(list)
    for position, key in enumerate(target_keys):
        for term in _block_terms(key):
            postings[term].append(position)
    common = max(COMMON_MIN, int(COMMON_SHARE * len(target_keys)))
    token_set_cutoff = max(0.0, (min_score * 100 - RATIO_WEIGHT * 100) / TOKEN_SET_WEIGHT)

    best: dict[tuple[str, str], ScoredPair] = {}
    for key, source_entries in _grouped(sources).items():
        terms = sorted((len(postings[t]), t) for t in _block_terms(key) if t in postings)
        if not terms:
            continue
        chosen = [t for n, t in terms if n <= common] or [terms[0][1]]
        candidates: set[int] = set()
        for term in chosen:
            candidates.update(postings[term])
        choices = [target_keys[i] for i in sorted(candidates)[:MAX_CANDIDATES]]
        for choice, token_set, _ in process.extract(key, choices, scorer=fuzz.token_set_ratio, score_cutoff=token_set_cutoff, limit=None):
            identical = choice == key
            base = 1.0 if identical else (TOKEN_SET_WEIGHT * token_set + RATIO_WEIGHT * fuzz.ratio(key, choice)) / 100
            if base < min_score:
                continue
            for source in source_entries:
                for target in target_groups[choice]:
                    if source.concept == target.concept:
                        continue
                    score = base if source.preferred and target.preferred else base * ALT_LABEL_WEIGHT
                    if score < min_score:
                        continue
                    pair_key = (source.concept, target.concept)
                    known = best.get(pair_key)
                    if known is None or score > known.score or (score == known.score and identical and not known.identical):
                        best[pair_key] = ScoredPair(source.concept, target.concept, round(score, 4), identical, source, target)

    by_source: dict[str, list[ScoredPair]] = defaultdict(list)
    for pair in best.values():
        by_source[pair.source].append(pair)
    order = {entry.concept: i for i, entry in reversed(list(enumerate(sources)))}
    result: list[ScoredPair] = []
    for source_concept in sorted(by_source, key=lambda concept: order.get(concept, 0)):
        ranked = sorted(by_source[source_concept], key=lambda p: (-p.score, not p.identical, p.target))
        result.extend(ranked[:per_source])
    return result
