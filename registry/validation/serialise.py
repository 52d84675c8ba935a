"""Validation reports as JSON (a dict), as a SHACL validation report in Turtle, and as CSV."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from registry import rdf_text
from registry.csv_cells import safe_writer
from registry.namespaces import RDF, XSD
from registry.validation.model import Finding, Term, ValidationReport
from registry.validation.shapes import CHECK_ID, FIX_HINT, sh

RDF_TYPE = NamedNode(RDF + "type")
LANGUAGES = ("nl", "en")
_PREFIXES = rdf_text.prefixes("sh", "eduvoc", "skos", "dct", "xsd", "rdf")


def term_json(term: Term | None) -> dict[str, str] | None:
    """A term as in SPARQL 1.1 JSON results (https://www.w3.org/TR/sparql11-results-json/#select-encode-terms)."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    encoded = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        encoded["datatype"] = term.datatype.value
    return encoded


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "checkId": finding.check_id,
        "severity": finding.severity.value,
        "focusNode": term_json(finding.focus_node),
        "path": str(finding.path) if finding.path is not None else None,
        "value": term_json(finding.value),
        "messages": finding.messages,
        "fixHints": finding.fix_hints,
        "sourceShape": term_json(finding.source_shape),
        "sourceConstraintComponent": finding.constraint_component.value,
    }


def to_json(report: ValidationReport) -> dict[str, Any]:
    """The report as a JSON-ready dict: conformance, counts per severity and check, every finding."""
    return {
        "conforms": report.conforms,
        "blocksPublication": report.blocks_publication,
        "severityCounts": report.severity_counts(),
        "checkCounts": report.counts(),
        "findings": [finding_json(f) for f in report.findings],
    }


def report_triples(report: ValidationReport) -> Iterator[Triple]:
    """A sh:ValidationReport with one sh:ValidationResult per finding (https://www.w3.org/TR/shacl/#validation-report).

    Each source shape is described with its eduvoc:checkId and eduvoc:fixHint (terms about shapes),
    so the report stands on its own; complex result paths are copied with fresh blank nodes.
    """
    root = BlankNode()
    shapes: dict[NamedNode | BlankNode, Finding] = {}
    yield Triple(root, RDF_TYPE, sh("ValidationReport"))
    yield Triple(root, sh("conforms"), Literal(str(report.conforms).lower(), datatype=NamedNode(XSD + "boolean")))
    for finding in report.findings:
        result = BlankNode()
        yield Triple(root, sh("result"), result)
        yield Triple(result, RDF_TYPE, sh("ValidationResult"))
        yield Triple(result, sh("focusNode"), finding.focus_node)
        yield Triple(result, sh("resultSeverity"), finding.severity.iri)
        yield Triple(result, sh("sourceShape"), finding.source_shape)
        yield Triple(result, sh("sourceConstraintComponent"), finding.constraint_component)
        if finding.source_constraint is not None and not isinstance(finding.source_constraint, Literal):
            yield Triple(result, sh("sourceConstraint"), finding.source_constraint)
        if finding.value is not None:
            yield Triple(result, sh("value"), finding.value)
        if finding.path is not None:
            yield from _path_triples(result, finding)
        for language, text in finding.messages.items():
            yield Triple(result, sh("resultMessage"), Literal(text, language=language) if language else Literal(text))
        shapes.setdefault(finding.source_shape, finding)
    for shape, finding in shapes.items():
        if finding.check_id:
            yield Triple(shape, CHECK_ID, Literal(finding.check_id))
        for language, text in finding.fix_hints.items():
            yield Triple(shape, FIX_HINT, Literal(text, language=language) if language else Literal(text))


def _path_triples(result: BlankNode, finding: Finding) -> Iterator[Triple]:
    path = finding.path
    assert path is not None
    if not isinstance(path.node, BlankNode):
        yield Triple(result, sh("resultPath"), path.node)
        return
    fresh: dict[BlankNode, BlankNode] = {}

    def copy(term):  # blank nodes of the shapes graph get fresh ones per result
        if isinstance(term, BlankNode):
            return fresh.setdefault(term, BlankNode())
        return term

    yield Triple(result, sh("resultPath"), copy(path.node))
    for triple in path.triples:
        yield Triple(copy(triple.subject), triple.predicate, copy(triple.object))


def to_turtle(report: ValidationReport) -> str:
    """The report as SHACL Turtle, messages and fix hints in every language given (nl and en)."""
    output = io.BytesIO()
    pyoxigraph.serialize(report_triples(report), output, format=pyoxigraph.RdfFormat.TURTLE, prefixes=_PREFIXES)
    return output.getvalue().decode("utf-8")


CSV_COLUMNS = ["check_id", "severity", "focus_node", "path", "value", "message_nl", "message_en",
               "fix_hint_nl", "fix_hint_en", "source_shape"]


def _plain(term: Term | None) -> str:
    """IRIs bare, literals in N-Triples form (so "1" and 1 stay apart), blank nodes as _:id."""
    if term is None:
        return ""
    return term.value if isinstance(term, NamedNode) else str(term)


def to_csv(report: ValidationReport) -> str:
    """One row per finding, with the Dutch and English message and fix hint side by side."""
    output = io.StringIO()
    writer = safe_writer(output, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in report.findings:
        writer.writerow([
            f.check_id or "", f.severity.value, _plain(f.focus_node), str(f.path) if f.path else "", _plain(f.value),
            f.messages.get("nl", f.messages.get("", "")), f.messages.get("en", f.messages.get("", "")),
            f.fix_hints.get("nl", ""), f.fix_hints.get("en", ""), _plain(f.source_shape),
        ])
    return output.getvalue()
