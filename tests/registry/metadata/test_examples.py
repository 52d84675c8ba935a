"""The example descriptions shipped for vendors conform to their profiles, and the report's own
suggestions, applied literally, fix class findings without new violations."""

from __future__ import annotations

import re

import pytest

from registry.metadata.examples import EXAMPLES
from registry.metadata.report import to_json
from tests.dataset_descriptions import leerlingen_vo, to_turtle

TRIPLE_IN_HINT = re.compile(r"(<[^<>\s]+> a <[^<>\s]+> \.)")


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.profile}-{e.language}" for e in EXAMPLES])
def test_every_example_conforms_to_its_profile(check, example):
    validation = check(example.path.read_bytes(), example.media_type, example.profile)
    report = to_json(validation, example.language)
    assert report["severityCounts"]["Violation"] == 0, report["findings"]


def test_the_examples_use_registry_values_that_carry_the_dcat_ap_types_themselves():
    text = next(e for e in EXAMPLES if e.file_name == "dataset.nl.ttl").path.read_text(encoding="utf-8")
    for value in ("frequency:ANNUAL", "filetype:CSV", "vocab:education-sector"):
        assert value in text
        assert f"{value} a " not in text  # no type declared by hand


def _untyped_description() -> str:
    """The generated description without the type declarations of its values, with a frequency."""
    lines = [line for line in to_turtle(leerlingen_vo()).splitlines()
             if not re.match(r"^<https?://[^>]+> a (dct:|skos:Concept)", line)]
    text = "\n".join(lines) + "\n"
    return text.replace("  dcat:distribution", "  dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/ANNUAL> ;\n  dcat:distribution", 1)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_class_findings_name_the_class_and_suggest_a_line_that_fixes_them(check, language):
    report = to_json(check(_untyped_description(), "text/turtle", "dataset"), language)
    classes = [f for f in report["findings"] if f["sourceConstraintComponent"].endswith("ClassConstraintComponent")]
    assert classes
    for finding in classes:
        assert finding["expected"] and finding["expected"] in finding["message"], finding
        assert TRIPLE_IN_HINT.search(finding["fixHint"]), finding
    # registry values (frequency, file type, the schemes it conforms to) are not among them
    flagged = {f["valueText"] for f in classes}
    assert not any("frequency/" in v or "file-type/" in v or v.startswith("https://w3id.org/eduvoc/vocab/") for v in flagged)


def test_applying_the_reports_suggestions_literally_leaves_no_violations(check):
    document = _untyped_description()
    before = to_json(check(document, "text/turtle", "dataset"), "en")
    assert before["severityCounts"]["Violation"] > 0
    fixes = {m[1] for f in before["findings"] if f["fixHint"] for m in [TRIPLE_IN_HINT.search(f["fixHint"])] if m}
    after = to_json(check(document + "\n".join(sorted(fixes)) + "\n", "text/turtle", "dataset"), "en")
    assert after["severityCounts"]["Violation"] == 0, after["findings"]
    assert after["severityCounts"]["Warning"] <= before["severityCounts"]["Warning"]
