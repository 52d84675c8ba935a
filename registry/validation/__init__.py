"""SHACL validation compiled to SPARQL: fast on large vocabularies, with pySHACL's results.

    shapes = load_shapes("shapes/vocabulary-profile.ttl")   # parse + compile once (cached)
    shapes = load_shapes(dcat_ap, dcat_ap_nl, extension)     # several files, ONE shapes graph
    report = validate(store, [graph], shapes)                 # one query per constraint
    report = validate_document(turtle_bytes, "turtle", shapes)   # in-memory; the store is untouched
    report.blocks_publication, report.findings, to_json(report), to_turtle(report), to_csv(report)

Compiled: SHACL Core targets and property paths; the value type, cardinality, string, language,
sh:disjoint, sh:hasValue and sh:in components; SHACL-SPARQL constraints; and the shape-based
components sh:node, sh:or, sh:and, sh:not, sh:xone and sh:closed (with sh:ignoredProperties;
sh:closed false is a no-op). Refused at load time with UnsupportedShapeError:
qualified value shapes, sh:equals / sh:lessThan, value ranges (sh:minInclusive, ...), custom
components and SHACL-AF targets. sh:shape (a draft predicate, not SHACL) is ignored as pySHACL
ignores it and listed in `Shapes.ignored`.
"""

from registry.validation.document import (
    DOCUMENT_GRAPH,
    load_document,
    validate_document,
)
from registry.validation.engine import Shapes, load_shapes, validate
from registry.validation.model import Finding, ValidationReport
from registry.validation.serialise import to_csv, to_json, to_turtle
from registry.validation.shapes import PropertyPath, Severity, UnsupportedShapeError

__all__ = [
    "DOCUMENT_GRAPH",
    "Finding",
    "PropertyPath",
    "Severity",
    "Shapes",
    "UnsupportedShapeError",
    "ValidationReport",
    "load_document",
    "load_shapes",
    "to_csv",
    "to_json",
    "to_turtle",
    "validate",
    "validate_document",
]
