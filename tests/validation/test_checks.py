"""One test per check of the vocabulary profile: a real bundled vocabulary with exactly that defect.

The defect is introduced programmatically (tests/validation/defects.py); the findings that are new
compared with the unchanged vocabulary must be exactly the expected check (plus the listed knock-on checks),
with the expected focus node, value and severity, and a message and fix hint in Dutch and English.
"""

from __future__ import annotations

import pytest

from registry.quality import check_vocabulary, vocabulary_profile
from registry.validation import Severity
from tests.validation.defects import DEFECTS, GRAPH, Defect, Vocabulary

SEVERITY = {
    "scheme-single": Severity.VIOLATION,
    "scheme-title": Severity.VIOLATION,
    "scheme-title-nl": Severity.VIOLATION,
    "scheme-title-unique-lang": Severity.WARNING,
    "scheme-publisher": Severity.VIOLATION,
    "scheme-description": Severity.WARNING,
    "scheme-license": Severity.WARNING,
    "scheme-top-concept": Severity.WARNING,
    "concept-in-scheme": Severity.VIOLATION,
    "preflabel-required": Severity.VIOLATION,
    "preflabel-unique-lang": Severity.VIOLATION,
    "preflabel-language-tag": Severity.WARNING,
    "preflabel-not-empty": Severity.VIOLATION,
    "preflabel-nl": Severity.WARNING,
    "labels-disjoint": Severity.VIOLATION,
    "preflabel-conflict": Severity.WARNING,
    "notation-conflict": Severity.WARNING,
    "missing-label-language": Severity.WARNING,
    "concept-documented": Severity.INFO,
    "orphan-concept": Severity.WARNING,
    "hierarchy-cycle": Severity.VIOLATION,
    "top-concept-has-broader": Severity.VIOLATION,
    "dangling-reference": Severity.VIOLATION,
    "related-hierarchy-clash": Severity.VIOLATION,
    "mapping-hierarchy-clash": Severity.VIOLATION,
    "mapping-within-scheme": Severity.WARNING,
}


def _key(finding) -> tuple:
    return (finding.check_id, finding.focus_node, finding.value, finding.path.sparql if finding.path else None)


def test_every_check_of_the_profile_has_a_defect_test():
    profile_checks = {shape.info.check_id for shape in vocabulary_profile().checks()}
    assert profile_checks == set(SEVERITY) == {d.check_id for d in DEFECTS}


def test_every_check_has_a_severity_messages_and_fix_hints_in_dutch_and_english():
    for shape in vocabulary_profile().checks():
        info = shape.info
        assert info.severity is SEVERITY[info.check_id], info.check_id
        for texts in (info.messages, info.fix_hints, info.labels):
            assert {t.language for t in texts} == {"nl", "en"}, info.check_id


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.check_id)
def test_check_finds_its_defect(defect: Defect):
    before = check_vocabulary(Vocabulary(defect.slug).store(), GRAPH)
    assert not before.blocks_publication
    baseline = {_key(f) for f in before.findings}
    vocabulary, expected = defect.apply()
    report = check_vocabulary(vocabulary.store(), GRAPH)
    new = [f for f in report.findings if _key(f) not in baseline]
    assert {f.check_id for f in new} == {defect.check_id} | defect.knock_on, [(f.check_id, str(f.focus_node)) for f in new]
    for wanted in expected:
        matching = [f for f in new if f.check_id == wanted.check_id and f.focus_node == wanted.focus
                    and (wanted.value is None or f.value == wanted.value)]
        assert matching, f"no {wanted} among {[(f.check_id, str(f.focus_node), str(f.value)) for f in new]}"
        finding = matching[0]
        assert finding.severity is SEVERITY[defect.check_id]
        assert finding.messages.keys() >= {"nl", "en"} and all(finding.messages.values())
        assert finding.fix_hints.keys() >= {"nl", "en"} and all(finding.fix_hints.values())
        assert "{?" not in finding.message("nl") + finding.message("en"), "unfilled message placeholder"
    assert report.blocks_publication is (SEVERITY[defect.check_id] is Severity.VIOLATION)
