"""The vocabulary profile on the reference examples: NL-SBB's thesaurus and VocPub's test vocabularies.

VocPub's *valid* examples break some of eduvoc's stricter rules; each is listed with the reason.
Each *invalid* example is compared with the valid example it was made from: the findings it adds
are its stated defect, where the profile covers it, and nothing where it does not (the report
lists those).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from registry.formats import format_of_file
from registry.oxigraph_store import OxigraphStore
from registry.quality import check_vocabulary
from registry.validation import Severity, ValidationReport
from tests.conftest import SOURCES_DIR

EXAMPLES = SOURCES_DIR / "vocpub-profile" / "examples"
GRAPH = NamedNode("urn:eduvoc:test:example")
VOCPUB_4 = "http://example.com/def/vocpub-4.x-test"
GA = "http://example.com/def/vocpub-5.x.GA-test"
ACCESS = "http://linked.data.gov.au/def/data-access-rights"


def check(path: Path) -> ValidationReport:
    store = OxigraphStore()
    store.bulk_load(path, format_of_file(path), GRAPH, None)
    return check_vocabulary(store, GRAPH)


def violations(report: ValidationReport) -> set[tuple[str, str]]:
    return {(f.check_id, f.focus_node.value) for f in report.findings if f.severity is Severity.VIOLATION}


def test_the_nl_sbb_example_thesaurus_passes():
    report = check(SOURCES_DIR / "nl-sbb" / "concepts" / "thesaurus.ttl")
    assert not report.blocks_publication
    assert report.counts() == {"scheme-license": 1}  # NL-SBB asks for no licence; eduvoc recommends one


# Why VocPub's valid examples still break eduvoc's rules:
#  - scheme-title: VocPub titles a scheme with skos:prefLabel; eduvoc's catalogue needs dct:title;
#  - scheme-publisher: the newer examples use schema:publisher; eduvoc reads dct:publisher;
#  - hierarchy-cycle: the data-access-rights examples state `da:protected skos:broader da:protected`,
#    a cycle of one that VocPub does not check;
#  - concept-in-scheme: 02-valid-build is valid only after VocPub's expander infers skos:inScheme;
#    eduvoc checks the file as it will be published.
TITLE, PUBLISHER, CYCLE = "scheme-title", "scheme-publisher", "hierarchy-cycle"
VALID = {
    "01-valid": {(TITLE, ACCESS), (CYCLE, ACCESS + "/protected")},
    "02-valid-build": {(TITLE, VOCPUB_4), (PUBLISHER, VOCPUB_4)} | {
        ("concept-in-scheme", f"{VOCPUB_4}/{c}") for c in ("c2.1", "c2.2", "c4.1", "c4.2", "c4.2.1", "c4.2.2", "c4.2.2.1", "c4.3", "c4.4")},
    "03-valid": {(TITLE, VOCPUB_4), (PUBLISHER, VOCPUB_4)},
    "03-valid-GA": {(TITLE, GA), (PUBLISHER, GA)},
    "04-valid-multilang": {(TITLE, ACCESS), (CYCLE, ACCESS + "/protected")},
    "05-valid-qualdev": {(TITLE, ACCESS), (CYCLE, ACCESS + "/protected")},
    "08-valid-issue-15-status": {(TITLE, VOCPUB_4), (PUBLISHER, VOCPUB_4)},
    "10-valid-multi-lang-agents": {(TITLE, VOCPUB_4), (PUBLISHER, VOCPUB_4)},
    "14-valid-suni-all-props": {(TITLE, VOCPUB_4), (PUBLISHER, VOCPUB_4)},
}


def test_every_valid_example_is_listed():
    assert {p.stem for p in EXAMPLES.glob("*valid*.ttl") if "invalid" not in p.stem} == set(VALID)


@pytest.mark.parametrize("example", sorted(VALID))
def test_vocpub_valid_examples_break_only_the_stricter_rules(example):
    assert violations(check(EXAMPLES / f"{example}.ttl")) == VALID[example]


def _findings(report: ValidationReport) -> set[tuple[str, str, str]]:
    return {(f.check_id, f.focus_node.value, f.severity.value) for f in report.findings}


# invalid example -> (the valid example it was made from, the findings its defect adds)
INVALID = {
    # "the definition of :c1, the broader/narrower link between c4.2.2 and c4.2.2.1 and
    # c4.2.2.1's skos:inScheme commented out" (and the modified date, which eduvoc does not require)
    "01-invalid": ("03-valid", {
        ("concept-documented", f"{VOCPUB_4}/c1", "Info"),
        ("orphan-concept", f"{VOCPUB_4}/c4.2.2.1", "Warning"),
        ("concept-in-scheme", f"{VOCPUB_4}/c4.2.2.1", "Violation"),
    }),
    # "a second concept scheme is included"
    "07-invalid-issue-16": ("01-valid", {
        ("scheme-single", ACCESS, "Violation"),
        ("scheme-single", "http://example.com/vocab/extra", "Violation"),
        ("scheme-title", "http://example.com/vocab/extra", "Violation"),
        ("scheme-description", "http://example.com/vocab/extra", "Warning"),
        ("scheme-license", "http://example.com/vocab/extra", "Warning"),
    }),
    # Not covered by the eduvoc profile (agent, provenance and status metadata it does not model):
    "03-invalid-GA": ("03-valid-GA", set()),  # GA identifier with a non-digit
    "06-invalid-qualdev": ("05-valid-qualdev", set()),  # prov:qualifiedDerivation as a string
    "09-invalid-warnings-issue-15-status": ("08-valid-issue-15-status", set()),  # schema:status as a string
    "11-invalid-multi-lang-agents": ("10-valid-multi-lang-agents", set()),  # agent names in one language twice
    "12-invalid-multi-lang-agents": ("10-valid-multi-lang-agents", set()),  # agent names without language
    "13-invalid-multi-lang-agents": ("10-valid-multi-lang-agents", set()),  # mixed tagged/untagged names
    "15-invalid-suni-temporalEntity": ("14-valid-suni-all-props", set()),  # temporal entity without dates
    "16-invalid-concept-historyNote": ("01-valid", set()),  # two Polish history notes on one concept
}


def test_every_invalid_example_is_listed():
    assert {p.stem for p in EXAMPLES.glob("*invalid*.ttl")} == set(INVALID)


@pytest.mark.parametrize("example", sorted(INVALID))
def test_vocpub_invalid_examples_fail_for_their_stated_reason(example):
    base, added = INVALID[example]
    report = check(EXAMPLES / f"{example}.ttl")
    new = _findings(report) - _findings(check(EXAMPLES / f"{base}.ttl"))
    assert new == added
    assert report.blocks_publication  # also for the uncovered ones, through the stricter rules above
