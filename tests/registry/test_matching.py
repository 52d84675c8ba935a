"""Lexical mapping suggestions over the bundled vocabularies and their curated mappings."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from registry.errors import InvalidInput
from registry.matching.lexical import LabelEntry, match_labels
from registry.matching.suggestions import (
    CLOSE_MATCH,
    EXACT_MATCH,
    SEMAPV_LEXICAL_MATCHING,
    SuggestionCache,
    _labels,
    suggest,
)
from registry.matching.text import match_key

WERKVORMEN = "https://w3id.org/eduvoc/vocab/werkvormen/"
OOAPI_TYPE = "https://w3id.org/eduvoc/vocab/ooapi-learning-component-type/"


def test_normalisation_folds_case_accents_stop_words_and_inflection():
    assert match_key("Digitale middelen", "nl") == match_key("digitaal middel", "nl")
    assert match_key("Groepsopdrachten", "nl") == match_key("groepsopdracht", "nl")
    assert match_key("Geïntegreerd leren", "nl") == match_key("geintegreerd  leren!", "nl")
    assert match_key("The assessment of skills", "en") == match_key("assessments skill", "en")
    assert match_key("de", "nl") == "de"  # a label of stop words only keeps them


def test_curated_exact_matches_come_first_as_exact_match(bundled_registry):
    store, catalogue = bundled_registry
    result = suggest(store, catalogue, "werkvormen", "ooapi-learning-component-type", limit=500, min_score=0.5, per_source=5)
    top = {}
    for s in result.suggestions:
        top.setdefault(s.subject, s)
    lecture = top[WERKVORMEN + "hoorcollege"]
    assert (lecture.object, lecture.predicate, lecture.score) == (OOAPI_TYPE + "lecture", EXACT_MATCH, 1.0)
    assert lecture.justification == SEMAPV_LEXICAL_MATCHING
    assert lecture.existing == (EXACT_MATCH,)  # the bundled file already maps it
    assert lecture.subject_match == "Lecture@en" and lecture.subject_label == "Hoorcollege"
    assert all(s.predicate == CLOSE_MATCH for s in result.suggestions if s.score < 1.0)
    assert [s.score for s in result.suggestions] == sorted((s.score for s in result.suggestions), reverse=True)


def test_existing_pairs_can_be_left_out(bundled_registry):
    store, catalogue = bundled_registry
    result = suggest(store, catalogue, "werkvormen", "ooapi-learning-component-type", min_score=0.5, include_existing=False)
    assert result.suggestions and not any(s.existing for s in result.suggestions)
    assert (WERKVORMEN + "hoorcollege", OOAPI_TYPE + "lecture") not in {(s.subject, s.object) for s in result.suggestions}


def test_blocking_keeps_every_strong_pair_an_all_pairs_scan_finds(bundled_registry):
    """The inverted-index blocking must not lose a pair that comparing everything scores >= 0.8."""
    store, catalogue = bundled_registry
    source = _labels(store, catalogue.vocabulary("werkvormen"), "nl").entries
    target = _labels(store, catalogue.vocabulary("xapi-activity-types"), "nl").entries
    found = {(p.source, p.target) for p in match_labels(source, target, per_source=100, min_score=0.8)}
    expected = set()
    for a in source:
        for b in target:
            ka, kb = match_key(a.text, a.language), match_key(b.text, b.language)
            score = 1.0 if ka == kb else (0.6 * fuzz.token_set_ratio(ka, kb) + 0.4 * fuzz.ratio(ka, kb)) / 100
            if not (a.preferred and b.preferred):
                score *= 0.95
            if score >= 0.8:
                expected.add((a.concept, b.concept))
    assert expected and expected <= found


def test_per_source_and_limit_bound_the_answer(bundled_registry):
    store, catalogue = bundled_registry
    result = suggest(store, catalogue, "slo-doelen", "esco-skills", limit=10, min_score=0.6, per_source=1)
    assert len(result.suggestions) == 10 and result.total > 10
    assert len({s.subject for s in result.suggestions}) == 10
    assert result.source_concepts > 17_000 and result.target_concepts > 1_700


def test_the_cache_answers_a_second_time_without_matching(bundled_registry):
    store, catalogue = bundled_registry
    cache = SuggestionCache()
    first = suggest(store, catalogue, "werkvormen", "xapi-activity-types", cache=cache)
    second = suggest(store, catalogue, "werkvormen", "xapi-activity-types", cache=cache)
    assert not first.cached and second.cached and first.suggestions == second.suggestions


@pytest.mark.parametrize(
    ("arguments", "location"),
    [
        ({"source_id": "werkvormen", "target_id": "werkvormen"}, "target"),
        ({"source_id": "werkvormen", "target_id": "no-such-list"}, "target"),
        ({"source_id": "no-such-list", "target_id": "werkvormen"}, "source"),
        ({"source_id": "werkvormen", "target_id": "esco-skills", "min_score": 0.2}, "min_score"),
        ({"source_id": "werkvormen", "target_id": "esco-skills", "limit": 0}, "limit"),
    ],
)
def test_bad_requests_name_the_parameter(bundled_registry, arguments, location):
    store, catalogue = bundled_registry
    with pytest.raises(InvalidInput) as raised:
        suggest(store, catalogue, **arguments)
    assert raised.value.location == location


def test_labels_of_one_concept_never_match_itself():
    entries = [LabelEntry("urn:x:1", "Hoorcollege", "nl", True)]
    assert match_labels(entries, entries) == []
