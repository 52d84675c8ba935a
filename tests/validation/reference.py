"""Comparing registry.validation with pySHACL: run both on the same data and shapes, normalise the results.

A result is (focus, path, value, severity, source shape) as strings: IRIs as <iri>, literals as
"lexical"@lang or "lexical"^^<datatype> (language tags in lower case, as Oxigraph stores them),
blank nodes as _:b (their labels differ between the engines), complex paths in SPARQL syntax.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from registry.formats import format_of_file
from registry.oxigraph_store import OxigraphStore
from registry.validation import Shapes, ValidationReport, validate
from registry.validation.model import Finding

Key = tuple[str, str, str, str, str]
GRAPH = pyoxigraph.NamedNode("urn:eduvoc:test:data")


def _rdflib_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return "_:b"
    assert isinstance(term, Literal)
    if term.language:
        return f"{str(term)!r}@{term.language.lower()}"
    return f"{str(term)!r}^^<{term.datatype or XSD.string}>"


def _oxigraph_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, pyoxigraph.BlankNode):
        return "_:b"
    if term.language:
        return f"{term.value!r}@{term.language.lower()}"
    return f"{term.value!r}^^<{term.datatype.value}>"


def _rdflib_path(graph: Graph, node) -> str:
    """A SHACL path in the report graph, in the SPARQL syntax registry.validation uses."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if (node, RDF.first, None) in graph:
        return "(" + "/".join(_rdflib_path(graph, m) for m in Collection(graph, node)) + ")"
    forms = {
        SH.inversePath: lambda v: f"^({_rdflib_path(graph, v)})",
        SH.alternativePath: lambda v: "(" + "|".join(_rdflib_path(graph, m) for m in Collection(graph, v)) + ")",
        SH.zeroOrMorePath: lambda v: f"({_rdflib_path(graph, v)})*",
        SH.oneOrMorePath: lambda v: f"({_rdflib_path(graph, v)})+",
        SH.zeroOrOnePath: lambda v: f"({_rdflib_path(graph, v)})?",
    }
    for predicate, render in forms.items():
        value = graph.value(node, predicate)
        if value is not None:
            return render(value)
    raise AssertionError(f"not a path: {node}")


def finding_key(finding: Finding) -> Key:
    path = ""
    if finding.path is not None:
        path = f"<{finding.path.node.value}>" if finding.path.predicate is not None else finding.path.sparql
    return (
        _oxigraph_term(finding.focus_node),
        path,
        _oxigraph_term(finding.value),
        finding.severity.value,
        _oxigraph_term(finding.source_shape),
    )


def engine_results(data: Path | list[Path], shapes: Shapes) -> tuple[ValidationReport, Counter[Key], dict[Key, set[tuple[str, frozenset[str]]]]]:
    """Validate the file(s) with registry.validation over an in-memory Oxigraph store."""
    store = OxigraphStore()
    for path in [data] if isinstance(data, Path) else data:
        store.bulk_load(path, format_of_file(path), GRAPH, None)
    report = validate(store, [GRAPH], shapes)
    keys: Counter[Key] = Counter()
    messages: dict[Key, set[tuple[str, frozenset[str]]]] = {}
    for finding in report.findings:
        key = finding_key(finding)
        keys[key] += 1
        component = finding.constraint_component.value.rsplit("#", 1)[1]
        messages.setdefault(key, set()).add((component, frozenset(finding.messages.values())))
    return report, keys, messages


def pyshacl_results(data: Path | list[Path] | Graph, shapes_path: Path) -> tuple[bool, Counter[Key], dict[Key, set[tuple[str, frozenset[str]]]]]:
    """Validate with pySHACL (no inference, SHACL-SPARQL on) and read its report graph."""
    if isinstance(data, Graph):
        graph = data
    else:
        graph = Graph()
        for path in [data] if isinstance(data, Path) else data:
            graph.parse(path)
    shapes = Graph().parse(shapes_path)
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False)
    keys: Counter[Key] = Counter()
    messages: dict[Key, set[tuple[str, frozenset[str]]]] = {}
    for result in report.subjects(RDF.type, SH.ValidationResult):
        key = (
            _rdflib_term(report.value(result, SH.focusNode)),
            _rdflib_path(report, report.value(result, SH.resultPath)),
            _rdflib_term(report.value(result, SH.value)),
            str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[1],
            _rdflib_term(report.value(result, SH.sourceShape)),
        )
        keys[key] += 1
        component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[1]
        messages.setdefault(key, set()).add((component, frozenset(str(m) for m in report.objects(result, SH.resultMessage))))
    return conforms, keys, messages
