"""Metadata records for the validation tests, generated in code from one valid base record each:
a learning-activity record in plain JSON (values from the bundled lists), and the dataset
descriptions of tests/dataset_descriptions.py (the DCAT-AP-NL example plus education fields)."""

from __future__ import annotations

import copy
import json
from typing import Any

from registry.metadata.service import MetadataValidation
from tests.dataset_descriptions import concepts_of

SLO = "https://opendata.slo.nl/curriculum/uuid/"
DEPRECATED_KERNDOEL = SLO + "d357271b-3cfd-40c4-881d-084b71ca05c8"  # VO Kerndoel 31, replaced
REPLACEMENT_KERNDOEL = SLO + "cc7113ed-5284-4a62-85a2-e312de34eac9"
VOCAB = "https://w3id.org/eduvoc/vocab/"


def member(slug: str, iri: str) -> str:
    """`iri`, asserting the bundled list `slug` holds it (so a fixture cannot drift from the data)."""
    assert iri in concepts_of(slug), f"{iri} is not in the bundled {slug}"
    return iri


def current_kerndoel() -> str:
    return member("slo-kerndoelen", REPLACEMENT_KERNDOEL)


def activity(**changes: Any) -> dict[str, Any]:
    """A valid learning-activity record as plain JSON; `changes` replace fields (None removes one)."""
    record: dict[str, Any] = {
        "id": "https://leerplatform.example/records/4711",
        "learner": "eckid-7f3c9a12b5",
        "learningGoal": current_kerndoel(),
        "teachingForm": member("werkvormen", VOCAB + "werkvormen/digitale-toets"),
        "activityType": member("xapi-activity-types", "http://adlnet.gov/expapi/activities/assessment"),
        "completionStatus": member("ooapi-result-state", VOCAB + "ooapi-result-state/completed"),
        "timestamp": "2026-03-02T10:15:00+01:00",
        "score": {"raw": 8, "min": 0, "max": 10, "scaled": 0.8},
        "assessment": {"passState": member("ooapi-pass-state", VOCAB + "ooapi-pass-state/passed"),
                       "grade": "7,5", "gradeScale": member("ooapi-result-value-type", VOCAB + "ooapi-result-value-type/grade_0_10_one_decimal")},
        "timeSpent": "PT12M30S",
        "sourcePlatform": "https://leerplatform.example/",
    }
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


def nested(record: dict[str, Any], key: str, **changes: Any) -> dict[str, Any]:
    """`record` with fields of its nested object `key` changed (None removes one)."""
    result = copy.deepcopy(record)
    for name, value in changes.items():
        if value is None:
            result[key].pop(name, None)
        else:
            result[key][name] = value
    return result


def as_json(record: dict[str, Any] | list) -> bytes:
    return json.dumps(record).encode("utf-8")


def check_ids(validation: MetadataValidation, severity: str | None = "Violation") -> set[str]:
    """The check ids (shape IRIs for shapes without one) of the findings of `severity` (None: all)."""
    return {f.check_id or str(f.source_shape) for f in validation.report.findings if severity is None or f.severity.value == severity}
