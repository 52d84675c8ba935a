"""The learning-activity profile: a valid plain-JSON record passes; each check fails on a record
made invalid in exactly that way; deprecated and wrong-list values are named with the replacement
or the list they come from; RDF formats carry the same record."""

from __future__ import annotations

import json

import pyoxigraph
import pytest

from registry.metadata.parsing import parse_document
from registry.metadata.profiles import profile_named
from tests.registry.metadata.records import (
    DEPRECATED_KERNDOEL,
    REPLACEMENT_KERNDOEL,
    VOCAB,
    activity,
    as_json,
    check_ids,
    member,
    nested,
)

PROFILE = "learning-activity"


def test_the_valid_record_conforms_without_any_finding(check):
    validation = check(as_json(activity()), "application/json", PROFILE)
    assert validation.conforms
    assert validation.report.findings == []
    assert len(validation.triples) > 15


INVALID = {
    "la-learner-pseudonym": [activity(learner=None), activity(learner="abc")],
    "la-learner-not-identifying": [activity(learner="123456789")],
    "la-learning-goal": [activity(learningGoal=None)],
    "la-teaching-form": [activity(teachingForm=[VOCAB + "werkvormen/digitale-toets", VOCAB + "werkvormen/debat"])],
    "la-activity-type": [activity(activityType=None)],
    "la-completion-status": [activity(completionStatus=None)],
    "la-timestamp": [activity(timestamp=None), activity(timestamp="2 maart 2026")],
    "la-time-spent": [activity(timeSpent=["PT1M", "PT2M"])],
    "la-time-spent-format": [activity(timeSpent="12 minutes"), activity(timeSpent="PT"), activity(timeSpent="P1H")],
    "la-source-platform": [activity(sourcePlatform=None)],
    "la-score-numbers": [nested(activity(), "score", raw="acht")],
    "la-score-raw": [nested(activity(), "score", raw=None)],
    "la-score-range": [nested(activity(), "score", raw=12), nested(activity(), "score", min=11)],
    "la-score-scaled": [nested(activity(), "score", scaled=1.5)],
    "la-assessment": [nested(activity(), "assessment", passState=None, grade=None)],
    "la-pass-state": [nested(activity(), "assessment", passState=[VOCAB + "ooapi-pass-state/passed", VOCAB + "ooapi-pass-state/failed"])],
    "la-grade-scale": [nested(activity(), "assessment", gradeScale=None)],
    "la-grade-scale-list": [nested(activity(), "assessment", gradeScale=[VOCAB + "ooapi-result-value-type/grade_0_10", VOCAB + "ooapi-result-value-type/us_letter"])],
}


@pytest.mark.parametrize(("check_id", "index"), [(c, i) for c, records in INVALID.items() for i in range(len(records))])
def test_each_check_fails_on_its_invalid_record(check, check_id, index):
    validation = check(as_json(INVALID[check_id][index]), "application/json", PROFILE)
    assert not validation.conforms
    assert check_id in check_ids(validation)
    finding = next(f for f in validation.report.findings if f.check_id == check_id)
    assert finding.focus_node.value.startswith(("https://leerplatform.example/records/4711", "_:")) or finding.focus_node is not None
    assert set(finding.messages) >= {"nl", "en"} and set(finding.fix_hints) >= {"nl", "en"}


def test_every_check_of_the_profile_has_an_invalid_fixture():
    from registry.metadata.compiled import compiled_profile

    compiled = compiled_profile(profile_named(PROFILE))
    declared = {shape.info.check_id for shape in compiled.shapes.checks()}
    assert declared == set(INVALID)


def test_a_deprecated_slo_kerndoel_is_rejected_naming_its_replacement(check):
    validation = check(as_json(activity(learningGoal=DEPRECATED_KERNDOEL)), "application/json", PROFILE)
    assert not validation.conforms
    (finding,) = validation.report.findings
    assert finding.check_id == "value-list-deprecated" and finding.severity.value == "Violation"
    assert finding.value.value == DEPRECATED_KERNDOEL
    assert REPLACEMENT_KERNDOEL in finding.messages["nl"] and REPLACEMENT_KERNDOEL in finding.messages["en"]
    assert REPLACEMENT_KERNDOEL in finding.fix_hints["en"]
    assert "slo-kerndoelen" in finding.messages["en"]


def test_a_concept_of_another_list_is_named_with_that_list(check):
    werkvorm = member("werkvormen", VOCAB + "werkvormen/debat")
    validation = check(as_json(activity(learningGoal=werkvorm)), "application/json", PROFILE)
    (finding,) = validation.report.findings
    assert finding.check_id == "value-list-other-list"
    assert "werkvormen" in finding.messages["en"] and "slo-kerndoelen" in finding.messages["en"]


def test_an_iri_that_is_no_concept_names_the_expected_list(check):
    validation = check(as_json(activity(completionStatus="https://leerplatform.example/status/klaar")), "application/json", PROFILE)
    (finding,) = validation.report.findings
    assert finding.check_id == "value-list-unknown"
    assert "ooapi-result-state" in finding.messages["nl"]


def test_a_list_of_plain_json_records_names_each_record(check):
    records = [activity(id=None), activity(id=None, learningGoal=DEPRECATED_KERNDOEL)]
    validation = check(as_json(records), "application/json", PROFILE)
    (finding,) = validation.report.findings
    assert finding.focus_node.value.endswith("#record-2")


def test_an_empty_plain_json_object_is_a_record_with_every_field_missing(check):
    validation = check(b"{}", "application/json", PROFILE)
    assert {"la-learner-pseudonym", "la-learning-goal", "la-activity-type", "la-timestamp", "la-source-platform"} <= check_ids(validation)


@pytest.mark.parametrize("rdf_format", [pyoxigraph.RdfFormat.TURTLE, pyoxigraph.RdfFormat.RDF_XML, pyoxigraph.RdfFormat.JSON_LD])
def test_the_same_record_as_rdf_gives_the_same_findings(check, rdf_format):
    record = activity(learningGoal=DEPRECATED_KERNDOEL)
    triples = parse_document(as_json(record), "application/json", profile_named(PROFILE))
    data = pyoxigraph.serialize(triples, format=rdf_format)
    validation = check(data, rdf_format.media_type, PROFILE)
    assert [(f.check_id, f.value) for f in validation.report.findings] == [("value-list-deprecated", pyoxigraph.NamedNode(DEPRECATED_KERNDOEL))]


def test_json_ld_naming_the_published_context_uses_the_bundled_copy(check):
    record = {"@context": "https://registry.example/contexts/learning-activity.jsonld", "type": "LearningActivityRecord", **activity()}
    validation = check(json.dumps(record), "application/ld+json", PROFILE)
    assert validation.conforms and validation.report.findings == []
    # JSON-LD is taken as it is: without a type it holds no record (plain JSON gets the type)
    del record["type"]
    assert [f.check_id for f in check(json.dumps(record), "application/ld+json", PROFILE).report.findings] == ["profile-no-record"]
