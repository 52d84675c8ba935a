"""SHACL validation compiled to SPARQL: fast on large vocabularies, with pySHACL's results.

    shapes = load_shapes("shapes/vocabulary-profile.ttl")   # parse + compile once (cached)
    report = validate(store, [graph], shapes)                 # one query per constraint
    report.blocks_publication, report.findings, to_json(report), to_turtle(report), to_csv(report)
"""

from registry.validation.engine import Shapes, load_shapes, validate
from registry.validation.model import Finding, ValidationReport
from registry.validation.serialise import to_csv, to_json, to_turtle
from registry.validation.shapes import PropertyPath, Severity, UnsupportedShapeError

__all__ = [
    "Finding",
    "PropertyPath",
    "Severity",
    "Shapes",
    "UnsupportedShapeError",
    "ValidationReport",
    "load_shapes",
    "to_csv",
    "to_json",
    "to_turtle",
    "validate",
]
